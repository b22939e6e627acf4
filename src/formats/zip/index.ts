/**
 * ZIP containers: the entries come back as attachments (bytes) for verify() to
 * detect and verify; a ZIP carries no signature of its own.
 *
 * Warning: no size any header states is trusted. Entries are found through the
 * central directory; each is inflated in small steps against the remaining budget
 * (maxInflatedBytes per entry, maxZipBytes for all, and the same maxZipBytes and
 * maxZipEntries for every archive nested in one top-level document together: ctx.budget),
 * so a bomb stops within a few MB of its limit and nesting cannot multiply the work; the
 * result must match the stated size and CRC-32. Any bound hit,
 * damaged, encrypted or unsupported entry makes the whole ZIP unreadable (fail
 * closed: a package whose parts cannot all be checked is not reported as checked).
 * Entry names are names only, never paths: nothing is written anywhere.
 *
 * Warning: ZIP readers disagree, and an attacker picks the file each one shows. kyso
 * reads the central directory; streaming readers walk local headers from offset 0;
 * extractors keep the first or the last of two same-named entries. So an archive is
 * refused unless every reader sees the same files: no two entries share a name (after
 * the folding file systems do: case, Unicode form, `\` and `./`); local headers follow
 * one another from offset 0 up to the central directory with no byte unaccounted for,
 * one per directory record, each agreeing with its record (name, method, encryption
 * and data-descriptor flags, CRC, sizes); a deflate stream ends exactly at the stated
 * compressed size (a reader that stops where the stream ends must not find a header
 * hidden behind it); the directory ends where its end record begins.
 * ZIP64 (APPNOTE 4.3.14-4.3.15, 4.5.3; Info-ZIP writes it for any input from a pipe) is read
 * under the same rules: the ZIP64 end record follows the directory, its locator follows it,
 * the classic end record follows that and repeats each value or marks it 0xFFFF...; the
 * ZIP64 extra field holds exactly the values its record marks, and a local header with one
 * has a data descriptor with 8-byte sizes.
 * macOS Archive Utility adds an AppleDouble file (`__MACOSX/…/._name`: the Finder info,
 * extended attributes and resource fork of `name`) for each file: metadata, not a document,
 * so it is listed in the details and not handed back. Only a real one: the name, the
 * AppleDouble magic and version, an entry table within the file, and no PDF header or ZIP
 * end record anywhere in it (a reader that scans for those would show a document); any
 * other entry so named is content like any other.
 * Not supported: ZIP64 extensible data, multi-disk archives, compression other than stored/deflate.
 */
import { Inflate } from 'fflate';
import type { Message } from '../../report/messages.js';
import type { DecompressionBudget, ParsedAttachment, ParsedDocument, ParseContext } from '../types.js';
import { decompressionBudget } from '../limits.js';
import { indexOfBytes } from '../../io/byte-search.js';
import { crc32, crc32Finish, crc32Update, CRC32_START } from './crc32.js';
import { ZIP_MESSAGES } from './messages.js';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
/** The ZIP64 end record without extensible data: 12 bytes of signature and size, then 44. */
const ZIP64_END_SIZE = 56;
const ZIP64_EXTRA_ID = 0x0001;
/** A 2- or 4-byte field set to all ones: "the value is in the ZIP64 record". */
const MARK16 = 0xffff;
const MARK32 = 0xffffffff;
const LOCAL_HEADER_SIZE = 30;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Compressed bytes fed to the inflater per step: deflate expands at most ~1032:1, so one step yields at most ~4 MiB. */
const INFLATE_STEP = 4096;

class Refusal extends Error {
  constructor(readonly reason: Message) {
    super(reason.en);
  }
}

interface CentralEntry {
  readonly name: string;
  readonly rawName: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An 8-byte field. Past 2^53 it loses precision, but it is then only compared with sizes it exceeds anyway. */
function u64(data: DataView, at: number): number {
  return Number(data.getBigUint64(at, true));
}

const malformed = (detail: string): Refusal => new Refusal(ZIP_MESSAGES.ZIP_MALFORMED({ detail }));

/**
 * The data of the ZIP64 extended information field (id 0x0001) among a record's extra
 * fields, if any. Two of them would let readers disagree on sizes; a field that overruns
 * the extra area is damage.
 */
function zip64Extra(extra: Uint8Array): Uint8Array | undefined {
  const data = view(extra);
  let found: Uint8Array | undefined;
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = data.getUint16(at, true);
    const size = data.getUint16(at + 2, true);
    if (at + 4 + size > extra.length) {
      if (found || id === ZIP64_EXTRA_ID) throw malformed('an extra field overruns its record');
      return undefined;
    }
    if (id === ZIP64_EXTRA_ID) {
      if (found) throw malformed('two ZIP64 extra fields in one record');
      found = extra.subarray(at + 4, at + 4 + size);
    }
    at += 4 + size;
  }
  return found;
}

interface EndValues {
  readonly disk: number;
  readonly cdDisk: number;
  readonly onDisk: number;
  readonly total: number;
  readonly cdSize: number;
  readonly cdOffset: number;
  /** Where the central directory must end: the ZIP64 end record, or the classic one. */
  readonly directoryEnd: number;
}

/**
 * The end values, from the ZIP64 end record when a locator sits right before the classic
 * end record. The classic record must then repeat each value or mark it as ZIP64's: a
 * reader that ignores ZIP64 must find the same directory.
 */
function endValues(bytes: Uint8Array, end: number): EndValues {
  const data = view(bytes);
  const classic = {
    disk: data.getUint16(end + 4, true),
    cdDisk: data.getUint16(end + 6, true),
    onDisk: data.getUint16(end + 8, true),
    total: data.getUint16(end + 10, true),
    cdSize: data.getUint32(end + 12, true),
    cdOffset: data.getUint32(end + 16, true),
  };
  const locator = end - ZIP64_LOCATOR_SIZE;
  if (locator < 0 || data.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) {
    if (classic.total === MARK16 || classic.cdSize === MARK32 || classic.cdOffset === MARK32) {
      throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: 'ZIP64 values without a ZIP64 end record' }));
    }
    return { ...classic, directoryEnd: end };
  }
  if (data.getUint32(locator + 4, true) !== 0 || data.getUint32(locator + 16, true) > 1) {
    throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: 'multi-disk archive' }));
  }
  const record = u64(data, locator + 8);
  if (record + ZIP64_END_SIZE > locator || data.getUint32(record, true) !== ZIP64_END_SIGNATURE) {
    throw malformed('no ZIP64 end record where its locator points');
  }
  const size = u64(data, record + 4);
  // More than the fixed fields is PKWARE's extensible data (central directory encryption).
  if (size > ZIP64_END_SIZE - 12 && record + 12 + size === locator) throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: 'ZIP64 extensible data' }));
  if (size !== ZIP64_END_SIZE - 12) throw malformed('the ZIP64 end record states another size');
  if (record + ZIP64_END_SIZE !== locator) {
    throw new Refusal(ZIP_MESSAGES.ZIP_UNLISTED_DATA({ offset: record + ZIP64_END_SIZE, detail: 'between the ZIP64 end record and its locator' }));
  }
  const wide = {
    disk: data.getUint32(record + 16, true),
    cdDisk: data.getUint32(record + 20, true),
    onDisk: u64(data, record + 24),
    total: u64(data, record + 32),
    cdSize: u64(data, record + 40),
    cdOffset: u64(data, record + 48),
  };
  const repeats = (name: keyof typeof classic, mark: number): boolean => classic[name] === mark || classic[name] === wide[name];
  if (
    !repeats('disk', MARK16) || !repeats('cdDisk', MARK16) || !repeats('onDisk', MARK16) || !repeats('total', MARK16) ||
    !repeats('cdSize', MARK32) || !repeats('cdOffset', MARK32)
  ) {
    throw malformed('the end record and the ZIP64 end record disagree');
  }
  if (wide.onDisk !== wide.total) throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: 'multi-disk archive' }));
  return { ...wide, directoryEnd: record };
}

function findEndRecord(bytes: Uint8Array): number {
  const data = view(bytes);
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (data.getUint32(at, true) === EOCD_SIGNATURE && at + EOCD_SIZE + data.getUint16(at + 20, true) === bytes.length) return at;
  }
  throw new Refusal(ZIP_MESSAGES.ZIP_NO_END_RECORD());
}

/** UTF-8 when it decodes as such (flagged or not: many tools write UTF-8 unflagged); else byte by byte. */
function decodeName(raw: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return Array.from(raw, (b) => String.fromCharCode(b)).join('');
  }
}

interface CentralDirectory {
  readonly entries: readonly CentralEntry[];
  readonly offset: number;
}

function centralDirectory(bytes: Uint8Array, maxEntries: number, tooMany: () => Message): CentralDirectory {
  const data = view(bytes);
  const { disk, cdDisk, total, cdSize, cdOffset, directoryEnd } = endValues(bytes, findEndRecord(bytes));
  if (disk !== 0 || cdDisk !== 0) throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: 'multi-disk archive' }));
  if (cdOffset + cdSize > directoryEnd) throw new Refusal(ZIP_MESSAGES.ZIP_MALFORMED({ detail: 'the central directory lies outside the file' }));
  if (cdOffset + cdSize !== directoryEnd) {
    throw new Refusal(ZIP_MESSAGES.ZIP_UNLISTED_DATA({ offset: cdOffset + cdSize, detail: 'between the central directory and its end record' }));
  }
  const entries: CentralEntry[] = [];
  let at = cdOffset;
  const cdEnd = cdOffset + cdSize;
  while (at < cdEnd) {
    if (at + 46 > cdEnd || data.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new Refusal(ZIP_MESSAGES.ZIP_MALFORMED({ detail: `bad central directory record at offset ${at}` }));
    }
    if (entries.length >= maxEntries) throw new Refusal(tooMany());
    const flags = data.getUint16(at + 8, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > cdEnd) throw new Refusal(ZIP_MESSAGES.ZIP_MALFORMED({ detail: 'a central directory record overruns the directory' }));
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const [size, compressedSize, localOffset] = widened(
      [data.getUint32(at + 24, true), data.getUint32(at + 20, true), data.getUint32(at + 42, true)],
      bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
      decodeName(rawName),
    );
    entries.push({
      name: decodeName(rawName),
      rawName,
      flags,
      method: data.getUint16(at + 10, true),
      crc: data.getUint32(at + 16, true),
      compressedSize,
      size,
      localOffset,
    });
    at = next;
  }
  if (entries.length !== total) throw new Refusal(ZIP_MESSAGES.ZIP_MALFORMED({ detail: `the end record counts ${total} entries, the directory holds ${entries.length}` }));
  return { entries, offset: cdOffset };
}

/**
 * A central record's size, compressed size and local header offset, each marked 0xFFFFFFFF
 * taken from the ZIP64 extra field, in that order (APPNOTE 4.5.3). The field must hold
 * exactly the marked values: values a record does not mark are read by some readers and
 * not by others.
 */
function widened(values: readonly [number, number, number], extra: Uint8Array, name: string): [number, number, number] {
  const wide = zip64Extra(extra);
  const marked = values.filter((value) => value === MARK32).length;
  if (!wide) {
    if (marked > 0) throw malformed(`"${name}" marks values as ZIP64 but has no ZIP64 extra field`);
    return [...values];
  }
  if (wide.length !== 8 * marked) throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: `a ZIP64 extra field with values its record does not mark ("${name}")` }));
  const data = view(wide);
  let at = 0;
  return values.map((value) => {
    if (value !== MARK32) return value;
    at += 8;
    return u64(data, at - 8);
  }) as [number, number, number];
}

/** The name as a file system that folds case, Unicode form and separators would store it. */
function foldedName(name: string): string {
  return name.normalize('NFC').replace(/\\/g, '/').replace(/^(?:\.?\/)+/, '').toLowerCase();
}

function refuseDuplicateNames(entries: readonly CentralEntry[]): void {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.size === 0) continue;
    const key = foldedName(entry.name);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new Refusal(ZIP_MESSAGES.ZIP_DUPLICATE_NAME({ name: entry.name, other: earlier }));
    seen.set(key, entry.name);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/**
 * Walks the local headers from offset 0 in file order, stepping by the sizes the
 * directory states, and returns where each entry's data starts. Refuses any byte no
 * directory record accounts for (a local header only streaming readers see), two
 * records sharing bytes, and a local header that disagrees with its record.
 */
function walkLocalHeaders(bytes: Uint8Array, directory: CentralDirectory): Map<CentralEntry, number> {
  const data = view(bytes);
  const starts = new Map<CentralEntry, number>();
  const inFileOrder = [...directory.entries].sort((a, b) => a.localOffset - b.localOffset);
  let at = 0;
  for (const entry of inFileOrder) {
    if (entry.localOffset > at) throw new Refusal(ZIP_MESSAGES.ZIP_UNLISTED_DATA({ offset: at, detail: `before the local header of "${entry.name}"` }));
    if (entry.localOffset < at) throw new Refusal(ZIP_MESSAGES.ZIP_LOCAL_HEADER_MISMATCH({ name: entry.name, detail: 'its local header lies inside another entry' }));
    if (at + LOCAL_HEADER_SIZE > directory.offset || data.getUint32(at, true) !== LOCAL_SIGNATURE) {
      throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name: entry.name, detail: 'no local header where the directory points' }));
    }
    const flags = data.getUint16(at + 6, true);
    const nameLength = data.getUint16(at + 26, true);
    const start = at + LOCAL_HEADER_SIZE + nameLength + data.getUint16(at + 28, true);
    const mismatch = (detail: string): Refusal => new Refusal(ZIP_MESSAGES.ZIP_LOCAL_HEADER_MISMATCH({ name: entry.name, detail }));
    if (start > directory.offset) throw mismatch('the local header runs into the central directory');
    const local = localSizes(data, at, bytes.subarray(at + LOCAL_HEADER_SIZE + nameLength, start), entry.name);
    if (!sameBytes(bytes.subarray(at + LOCAL_HEADER_SIZE, at + LOCAL_HEADER_SIZE + nameLength), entry.rawName)) throw mismatch('another name');
    if (data.getUint16(at + 8, true) !== entry.method) throw mismatch('another compression method');
    if ((flags ^ entry.flags) & (FLAG_ENCRYPTED | FLAG_DESCRIPTOR)) throw mismatch('other encryption or data-descriptor flags');
    const stated = [data.getUint32(at + 14, true), local.compressedSize, local.size];
    const expected = [entry.crc, entry.compressedSize, entry.size];
    // With a data descriptor the local header may leave CRC and sizes zero.
    const agrees = stated.every((value, index) => value === expected[index] || (flags & FLAG_DESCRIPTOR && value === 0));
    if (!agrees) throw mismatch('another CRC-32 or size');
    let end = start + entry.compressedSize;
    if (end > directory.offset) throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name: entry.name, detail: 'data runs into the central directory' }));
    if (flags & FLAG_DESCRIPTOR) end = afterDescriptor(data, end, directory.offset, entry, local.zip64);
    starts.set(entry, start);
    at = end;
  }
  if (at !== directory.offset) throw new Refusal(ZIP_MESSAGES.ZIP_UNLISTED_DATA({ offset: at, detail: 'before the central directory' }));
  return starts;
}

/**
 * A local header's compressed size and size, from its ZIP64 extra field when it marks them
 * (which then holds both, APPNOTE 4.5.3); `zip64` when it has that field, which gives its
 * data descriptor 8-byte sizes (4.3.9.2).
 */
function localSizes(data: DataView, at: number, extra: Uint8Array, name: string): { compressedSize: number; size: number; zip64: boolean } {
  const compressedSize = data.getUint32(at + 18, true);
  const size = data.getUint32(at + 22, true);
  const wide = zip64Extra(extra);
  if (!wide) {
    if (compressedSize === MARK32 || size === MARK32) throw new Refusal(ZIP_MESSAGES.ZIP_LOCAL_HEADER_MISMATCH({ name, detail: 'sizes marked as ZIP64 without a ZIP64 extra field' }));
    return { compressedSize, size, zip64: false };
  }
  if (compressedSize !== MARK32 || size !== MARK32 || wide.length !== 16) {
    throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: `a local ZIP64 extra field other than both sizes ("${name}")` }));
  }
  const sizes = view(wide);
  return { size: u64(sizes, 0), compressedSize: u64(sizes, 8), zip64: true };
}

/** The end of a data descriptor (signature optional) that must repeat the directory's CRC and sizes (8 bytes each under ZIP64). */
function afterDescriptor(data: DataView, at: number, limit: number, entry: CentralEntry, zip64: boolean): number {
  const signed = at + 4 <= limit && data.getUint32(at, true) === DESCRIPTOR_SIGNATURE ? 4 : 0;
  const fields = at + signed;
  const width = zip64 ? 8 : 4;
  const read = (offset: number): number => (zip64 ? u64(data, offset) : data.getUint32(offset, true));
  if (
    fields + 4 + 2 * width > limit ||
    data.getUint32(fields, true) !== entry.crc ||
    read(fields + 4) !== entry.compressedSize ||
    read(fields + 4 + width) !== entry.size
  ) {
    throw new Refusal(ZIP_MESSAGES.ZIP_LOCAL_HEADER_MISMATCH({ name: entry.name, detail: 'the data descriptor does not repeat the directory’s CRC-32 and sizes' }));
  }
  return fields + 4 + 2 * width;
}

/**
 * Inflates `compressed`, refusing as soon as the output passes `budget` bytes, or
 * passes the size the directory states (a lying header is caught at once).
 */
/**
 * Entries inflated and held in memory from one archive together, at most: a larger entry is
 * inflated once to check it (size, CRC-32, bounds) and again, streamed into a buffer of its own
 * size, only when verify() reads it, then dropped. Before, every entry of a 1 MB archive of four
 * 255 MiB runs of zeros was held at once: 1.2 GB of memory (measured), for any archive whose
 * entries fit the tree budget. Small entries (signed documents of a few MB) are inflated once.
 */
const HELD_BYTES = 64 * 1024 * 1024;

/**
 * Inflates one entry in steps against `budget`, charging every step to the tree. `keep`: the
 * content is written into a buffer and returned; otherwise only its length and CRC-32 are taken.
 */
function inflateBounded(compressed: Uint8Array, budget: number, onOverflow: () => Message, entry: CentralEntry, tree: DecompressionBudget, keep = true): { content?: Uint8Array; length: number; crc: number } {
  const { name } = entry;
  // Written in place: holding the chunks and then their copy would need twice the entry's size.
  const out = keep ? new Uint8Array(Math.min(entry.size, budget)) : undefined;
  let produced = 0;
  let crc = CRC32_START;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    // Work done is charged to the tree even when the entry is then refused: siblings must
    // not each redo it.
    tree.bytes -= chunk.length;
    if (produced + chunk.length > budget) throw new Refusal(onOverflow());
    if (produced + chunk.length > entry.size) throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name, detail: `inflates past the ${entry.size} bytes the directory states` }));
    if (out) out.set(chunk, produced);
    else crc = crc32Update(crc, chunk);
    produced += chunk.length;
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < compressed.length || at === 0; at += INFLATE_STEP) {
      const last = at + INFLATE_STEP >= compressed.length;
      inflater.push(compressed.subarray(at, at + INFLATE_STEP), last);
      if (last) break;
    }
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name, detail: error instanceof Error ? error.message : 'invalid deflate data' }));
  }
  if (!finished) throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name, detail: 'the deflate stream does not end' }));
  if (out) {
    const content = out.subarray(0, produced);
    return { content, length: produced, crc: crc32(content) };
  }
  return { length: produced, crc: crc32Finish(crc) };
}

/**
 * An entry checked in full but not held: its bytes are inflated again each time they are read.
 * The same compressed bytes inflate to the same content, whose size and CRC-32 were checked.
 */
function heldLater(name: string, compressed: Uint8Array, entry: CentralEntry): ParsedAttachment {
  return {
    name,
    get bytes(): Uint8Array {
      // The tree was charged on the first pass: this one is not counted again.
      const untracked = { bytes: Infinity, entries: Infinity };
      const again = inflateBounded(compressed, entry.size, () => ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name, detail: 'inflates differently the second time' }), entry, untracked).content!;
      if (again.length !== entry.size) throw new Error(`ZIP entry "${name}" inflated to ${again.length} bytes the second time, ${entry.size} the first`);
      return again;
    },
  };
}

/**
 * True when the deflate stream is already complete without its last byte: bytes
 * follow its end inside the stated compressed size, where a reader that stops at the
 * stream's end (Java's ZipInputStream does) would look for the next local header.
 * Called after the entry inflated to exactly `size` bytes, so this pass is bounded too.
 */
function deflateEndsEarly(compressed: Uint8Array, size: number): boolean {
  if (compressed.length < 2) return false;
  const truncated = compressed.subarray(0, compressed.length - 1);
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > size) throw new Error('past the stated size');
  });
  try {
    for (let at = 0; at < truncated.length; at += INFLATE_STEP) {
      inflater.push(truncated.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= truncated.length);
    }
  } catch {
    return false;
  }
  return true;
}

const APPLE_DOUBLE_MAGIC = 0x00051607;
const APPLE_DOUBLE_VERSION = 0x00020000;
/** Magic, version, 16 bytes of filler, entry count. */
const APPLE_DOUBLE_HEADER = 26;
const APPLE_DOUBLE_DESCRIPTOR = 12;
/** What other readers find a document by wherever it sits: a PDF header (lenient PDF readers), a ZIP end record. */
const DOCUMENT_MARKS = [new TextEncoder().encode('%PDF'), Uint8Array.of(0x50, 0x4b, 0x05, 0x06)];

/** A macOS AppleDouble entry (RFC 1740's format, version 2) under `__MACOSX/`; see the file's comment. */
function isAppleDouble(name: string, bytes: Uint8Array): boolean {
  if (!hasAppleDoubleName(name) || bytes.length < APPLE_DOUBLE_HEADER) return false;
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.getUint32(0) !== APPLE_DOUBLE_MAGIC || data.getUint32(4) !== APPLE_DOUBLE_VERSION) return false;
  const count = data.getUint16(24);
  const table = APPLE_DOUBLE_HEADER + count * APPLE_DOUBLE_DESCRIPTOR;
  if (table > bytes.length) return false;
  for (let at = APPLE_DOUBLE_HEADER; at < table; at += APPLE_DOUBLE_DESCRIPTOR) {
    const offset = data.getUint32(at + 4);
    if (data.getUint32(at) === 0 || offset < table || offset + data.getUint32(at + 8) > bytes.length) return false;
  }
  return !DOCUMENT_MARKS.some((mark) => indexOfBytes(bytes, mark) >= 0);
}

function hasAppleDoubleName(name: string): boolean {
  const parts = name.split('/');
  const base = parts[parts.length - 1]!;
  return parts.length >= 2 && parts[0] === '__MACOSX' && base.startsWith('._') && base.length > 2;
}

function isSuspiciousName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..');
}

interface Extracted {
  readonly attachments: ParsedAttachment[];
  /** AppleDouble entries: macOS metadata, listed, not handed back as documents. */
  readonly appleDouble: string[];
}

function extract(bytes: Uint8Array, ctx: ParseContext, messages: Message[]): Extracted {
  const { maxZipEntries, maxZipBytes, maxInflatedBytes } = ctx.limits;
  // The tree's budget binds when archives around or before this one used part of it: its
  // refusal then names the tree, not this archive, which alone is within the limits.
  const budget = ctx.budget ?? decompressionBudget(ctx.limits);
  const attachments: ParsedAttachment[] = [];
  const appleDouble: string[] = [];
  let total = 0;
  /** Inflated bytes held (HELD_BYTES). */
  let held = 0;
  const entryLimit = Math.min(maxZipEntries, Math.max(0, budget.entries));
  const directory = centralDirectory(bytes, entryLimit, () =>
    entryLimit < maxZipEntries ? ZIP_MESSAGES.ZIP_NESTED_TOO_MANY_ENTRIES({ limit: maxZipEntries }) : ZIP_MESSAGES.ZIP_TOO_MANY_ENTRIES({ limit: maxZipEntries }),
  );
  budget.entries -= directory.entries.length;
  refuseDuplicateNames(directory.entries);
  const starts = walkLocalHeaders(bytes, directory);
  for (const entry of directory.entries) {
    if (entry.name.endsWith('/') && entry.size === 0) continue;
    if (entry.flags & FLAG_ENCRYPTED) throw new Refusal(ZIP_MESSAGES.ZIP_ENCRYPTED_ENTRY({ name: entry.name }));
    if (isSuspiciousName(entry.name)) messages.push(ZIP_MESSAGES.ZIP_SUSPICIOUS_NAME({ name: entry.name }));
    const start = starts.get(entry)!;
    const compressed = bytes.subarray(start, start + entry.compressedSize);
    const treeLeft = Math.max(0, budget.bytes);
    const entryBudget = Math.min(maxInflatedBytes, maxZipBytes - total, treeLeft);
    const overflow = (): Message =>
      entryBudget === maxInflatedBytes
        ? ZIP_MESSAGES.ZIP_ENTRY_TOO_LARGE({ name: entry.name, limit: maxInflatedBytes })
        : treeLeft < maxZipBytes - total
          ? ZIP_MESSAGES.ZIP_NESTED_TOTAL_TOO_LARGE({ limit: maxZipBytes })
          : ZIP_MESSAGES.ZIP_TOTAL_TOO_LARGE({ limit: maxZipBytes });
    let inflated: { content?: Uint8Array; length: number; crc: number };
    // A stated size past the budget cannot be honest and fit; an overdrawn tree budget (one
    // inflate step may overshoot it) lets nothing more through.
    if (entry.method === 0 || entry.method === 8) if (entry.size > entryBudget || budget.bytes < 0) throw new Refusal(overflow());
    if (entry.method === 0) {
      if (compressed.length > entryBudget) throw new Refusal(overflow());
      // Stored: a view of the archive's own bytes, held at no cost.
      inflated = { content: compressed, length: compressed.length, crc: crc32(compressed) };
      budget.bytes -= compressed.length;
    } else if (entry.method === 8) {
      const keep = entry.size <= HELD_BYTES - held;
      inflated = inflateBounded(compressed, entryBudget, overflow, entry, budget, keep);
      if (keep) held += inflated.length;
      if (deflateEndsEarly(compressed, entry.size)) {
        throw new Refusal(ZIP_MESSAGES.ZIP_UNLISTED_DATA({ offset: start, detail: `after the end of the deflate stream of "${entry.name}", inside its stated size` }));
      }
    } else {
      throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED_METHOD({ name: entry.name, method: entry.method }));
    }
    if (inflated.length !== entry.size) {
      throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name: entry.name, detail: `${inflated.length} bytes where the directory states ${entry.size}` }));
    }
    if (inflated.crc !== entry.crc) throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name: entry.name, detail: 'CRC-32 mismatch' }));
    total += inflated.length;
    const attachment = inflated.content ? { name: entry.name, bytes: inflated.content } : heldLater(entry.name, compressed, entry);
    // An entry not held is inflated again for the check only when its name is AppleDouble's.
    if (hasAppleDoubleName(entry.name) && isAppleDouble(entry.name, attachment.bytes)) appleDouble.push(entry.name);
    else attachments.push(attachment);
  }
  return { attachments, appleDouble };
}

export async function parseZip(bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument> {
  const messages: Message[] = [];
  try {
    const { attachments, appleDouble } = extract(bytes, ctx, messages);
    if (appleDouble.length > 0) messages.push(ZIP_MESSAGES.ZIP_APPLEDOUBLE_METADATA({ names: appleDouble.join(', ') }));
    const details = { kind: 'zip', entries: attachments.length, ...(appleDouble.length > 0 ? { appleDouble } : {}) } as const;
    return { format: 'zip', readable: true, signatures: [], attachments, details, messages };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { format: 'zip', readable: false, signatures: [], attachments: [], messages: [...messages, error.reason] };
  }
}
