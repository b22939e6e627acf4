/**
 * A small ZIP writer for building hostile archives in tests, byte by byte: it can
 * write local records the central directory does not list, directory records that
 * disagree with their local header, bytes hidden after a deflate stream and so on.
 * Deflate and CRC-32 come from node:zlib, not from kyso.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ArchiveEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** 8 (deflate, the default) or 0 (stored). */
  readonly method?: 0 | 8;
  /** Write CRC and sizes in a data descriptor after the data (flag bit 3). */
  readonly descriptor?: boolean;
  /** A local record only: the central directory does not list it. */
  readonly unlisted?: boolean;
  /** The name the central directory gives it, if not `name`. */
  readonly centralName?: string;
  /** Bytes after the compressed data, counted in the stated compressed size. */
  readonly hiddenTail?: Uint8Array;
}

export interface ArchiveOptions {
  /** Bytes between the central directory and the end record. */
  readonly beforeEndRecord?: Uint8Array;
  /** Extra directory records: a copy of listed entry `of`'s record (same local header) under `name`. */
  readonly aliases?: readonly { readonly of: number; readonly name: string }[];
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function littleEndian(fields: readonly [number, 2 | 4][]): Uint8Array {
  const out = new Uint8Array(fields.reduce((sum, [, size]) => sum + size, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [value, size] of fields) {
    if (size === 2) view.setUint16(at, value, true);
    else view.setUint32(at, value >>> 0, true);
    at += size;
  }
  return out;
}

/** Items in file order: an entry becomes a local record (and a directory record unless unlisted); raw bytes are written as they are. */
export function archive(items: readonly (ArchiveEntry | Uint8Array)[], options: ArchiveOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const records: Uint8Array[] = [];
  let offset = 0;
  let listed = 0;
  const push = (part: Uint8Array): void => {
    parts.push(part);
    offset += part.length;
  };
  for (const item of items) {
    if (item instanceof Uint8Array) {
      push(item);
      continue;
    }
    const method = item.method ?? 8;
    const body = concat([method === 8 ? new Uint8Array(deflateRawSync(item.data)) : item.data, item.hiddenTail ?? new Uint8Array(0)]);
    const crc = crc32(item.data);
    const flags = 0x800 | (item.descriptor ? 0x8 : 0);
    const name = utf8(item.name);
    const stated: [number, 2 | 4][] = item.descriptor ? [[0, 4], [0, 4], [0, 4]] : [[crc, 4], [body.length, 4], [item.data.length, 4]];
    const localOffset = offset;
    push(concat([littleEndian([[0x04034b50, 4], [20, 2], [flags, 2], [method, 2], [0, 2], [0x5a61, 2], ...stated, [name.length, 2], [0, 2]]), name, body]));
    if (item.descriptor) push(littleEndian([[0x08074b50, 4], [crc, 4], [body.length, 4], [item.data.length, 4]]));
    if (item.unlisted) continue;
    const record = (text: string): Uint8Array => {
      const centralName = utf8(text);
      return concat([
        littleEndian([
          [0x02014b50, 4], [20, 2], [20, 2], [flags, 2], [method, 2], [0, 2], [0x5a61, 2],
          [crc, 4], [body.length, 4], [item.data.length, 4],
          [centralName.length, 2], [0, 2], [0, 2], [0, 2], [0, 2], [0, 4], [localOffset, 4],
        ]),
        centralName,
      ]);
    };
    const index = listed++;
    records.push(record(item.centralName ?? item.name));
    for (const alias of options.aliases ?? []) if (alias.of === index) records.push(record(alias.name));
  }
  const directoryOffset = offset;
  const directory = concat(records);
  const gap = options.beforeEndRecord ?? new Uint8Array(0);
  const end = littleEndian([
    [0x06054b50, 4], [0, 2], [0, 2], [records.length, 2], [records.length, 2], [directory.length, 4], [directoryOffset, 4], [0, 2],
  ]);
  return concat([...parts, directory, gap, end]);
}

/** The local record of one entry alone (header, data, descriptor), to hide somewhere. */
export function localRecord(entry: ArchiveEntry): Uint8Array {
  const whole = archive([{ ...entry, unlisted: true }]);
  return whole.subarray(0, whole.length - 22);
}
