/**
 * Writes PDF bytes by hand for hostile-input tests: objects, object streams, xref
 * tables and streams, incremental updates on top of an existing file (for example a
 * pdfsig-signed sample), and signature dictionaries whose /ByteRange is filled in
 * once the revision ends. It writes exactly what it is told, mistakes included.
 */
import { zlibSync } from 'fflate';

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

export function ascii(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

/** A DER-shaped /Contents that is not a CMS: 0x30 0x03 0x02 0x01 0x01 then zero padding. */
export function fakeCmsHex(bytes = 64): string {
  return ('3003020101' + '00'.repeat(bytes)).slice(0, bytes * 2);
}

type Entry = { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number } | { type: 0 };

export class PdfBuilder {
  private buffer: Uint8Array;
  size = 0;
  private entries = new Map<number, Entry>();
  private placeholders: { position: number; revisionEnd?: number }[] = [];
  /** Offset of the last xref section written (or found in the base file). */
  lastXref: number | undefined;

  constructor(base?: Uint8Array) {
    this.buffer = new Uint8Array(Math.max(1 << 16, (base?.length ?? 0) * 2));
    if (base) {
      this.append(base);
      const text = ascii(base);
      const at = text.lastIndexOf('startxref');
      this.lastXref = Number(/startxref\s+(\d+)/.exec(text.slice(at))![1]);
    } else {
      this.raw('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    }
  }

  private append(bytes: Uint8Array): number {
    const offset = this.size;
    if (this.size + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.size + bytes.length));
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.size);
    this.size += bytes.length;
    return offset;
  }

  raw(content: string | Uint8Array): number {
    return this.append(typeof content === 'string' ? latin1(content) : content);
  }

  /** `num gen obj <body> endobj`; returns its offset. */
  object(num: number, body: string, gen = 0): number {
    const offset = this.raw(`${num} ${gen} obj\n${body}\nendobj\n`);
    this.entries.set(num, { type: 1, offset, gen });
    return offset;
  }

  /** A stream object; `dict` is the dictionary body without /Length. */
  stream(num: number, dict: string, data: Uint8Array | string, options: { length?: string; deflate?: boolean } = {}): number {
    let bytes = typeof data === 'string' ? latin1(data) : data;
    let filter = '';
    if (options.deflate) {
      bytes = zlibSync(bytes);
      filter = ' /Filter /FlateDecode';
    }
    const offset = this.raw(`${num} 0 obj\n<< ${dict}${filter} /Length ${options.length ?? bytes.length} >>\nstream\n`);
    this.raw(bytes);
    this.raw('\nendstream\nendobj\n');
    this.entries.set(num, { type: 1, offset, gen: 0 });
    return offset;
  }

  /** An object stream holding `members` (compressed entries are recorded for the next xref stream). */
  objectStream(num: number, members: readonly (readonly [number, string])[], extraDict = ''): number {
    let header = '';
    let body = '';
    for (const [member, value] of members) {
      header += `${member} ${body.length} `;
      body += `${value}\n`;
    }
    const data = header + body;
    const offset = this.stream(num, `/Type /ObjStm /N ${members.length} /First ${header.length}${extraDict}`, data, { deflate: true });
    members.forEach(([member], index) => this.entries.set(member, { type: 2, stream: num, index }));
    return offset;
  }

  free(num: number): void {
    this.entries.set(num, { type: 0 });
  }

  /** Points `num` at an arbitrary offset in the next xref (for redirection tests). */
  pointAt(num: number, offset: number, gen = 0): void {
    this.entries.set(num, { type: 1, offset, gen });
  }

  /** Writes the current entries as an xref table, the trailer, startxref and %%EOF. */
  xrefTable(trailer: string, options: { prev?: number | null; includeFreeHead?: boolean; eol?: string } = {}): number {
    const nums = [...this.entries.keys()].sort((a, b) => a - b);
    if (options.includeFreeHead ?? this.lastXref === undefined) nums.unshift(0);
    const offset = this.raw('xref\n');
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      this.raw(`${nums[i]} ${j - i + 1}\n`);
      for (let k = i; k <= j; k++) {
        const entry = nums[k] === 0 ? undefined : this.entries.get(nums[k]!);
        if (!entry || entry.type === 0) this.raw(`0000000000 65535 f \n`);
        else if (entry.type === 1) this.raw(`${String(entry.offset).padStart(10, '0')} ${String(entry.gen).padStart(5, '0')} n \n`);
        else throw new Error('compressed entries need an xref stream');
      }
      i = j + 1;
    }
    const prev = options.prev === undefined ? this.lastXref : options.prev;
    this.raw(`trailer\n<< ${trailer}${prev !== null && prev !== undefined ? ` /Prev ${prev}` : ''} >>\nstartxref\n${offset}\n%%EOF${options.eol ?? '\n'}`);
    this.finishRevision(offset);
    return offset;
  }

  /** Writes the current entries as a cross-reference stream object `num`. */
  xrefStream(num: number, trailer: string, options: { prev?: number | null; deflate?: boolean } = {}): number {
    const offsetPlaceholder = this.size;
    this.entries.set(num, { type: 1, offset: offsetPlaceholder, gen: 0 });
    const nums = [...this.entries.keys()].sort((a, b) => a - b);
    const index: number[] = [];
    const rows: number[] = [];
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      index.push(nums[i]!, j - i + 1);
      for (let k = i; k <= j; k++) {
        const entry = this.entries.get(nums[k]!)!;
        if (entry.type === 0) rows.push(0, 0, 0, 0, 0, 0xff, 0xff);
        else if (entry.type === 1) rows.push(1, (entry.offset >>> 24) & 0xff, (entry.offset >>> 16) & 0xff, (entry.offset >>> 8) & 0xff, entry.offset & 0xff, 0, entry.gen);
        else rows.push(2, (entry.stream >>> 24) & 0xff, (entry.stream >>> 16) & 0xff, (entry.stream >>> 8) & 0xff, entry.stream & 0xff, 0, entry.index);
      }
      i = j + 1;
    }
    const prev = options.prev === undefined ? this.lastXref : options.prev;
    const dict = `/Type /XRef /W [1 4 2] /Index [${index.join(' ')}] /Size ${Math.max(...nums) + 1} ${trailer}${prev !== null && prev !== undefined ? ` /Prev ${prev}` : ''}`;
    const offset = this.stream(num, dict, Uint8Array.from(rows), { deflate: options.deflate ?? true });
    this.raw(`startxref\n${offset}\n%%EOF\n`);
    this.finishRevision(offset);
    return offset;
  }

  private finishRevision(xrefOffset: number): void {
    this.lastXref = xrefOffset;
    this.entries = new Map();
    for (const placeholder of this.placeholders) placeholder.revisionEnd ??= this.size;
  }

  /**
   * A signature dictionary with a fixed-width /ByteRange placeholder, filled by
   * `bytes()` with [0 a b c]: the gap is the /Contents string, c runs to the end of
   * the revision the dictionary is in.
   */
  signature(num: number, options: { subFilter?: string; contentsHex?: string; extra?: string; type?: string } = {}): number {
    const contents = options.contentsHex ?? fakeCmsHex();
    const body =
      `<< /Type /${options.type ?? 'Sig'} /Filter /Adobe.PPKLite /SubFilter /${options.subFilter ?? 'adbe.pkcs7.detached'} ` +
      `/ByteRange [0 ********** ********** **********] /Contents <${contents}>${options.extra ?? ''} >>`;
    const offset = this.object(num, body);
    this.placeholders.push({ position: offset });
    return offset;
  }

  bytes(): Uint8Array {
    const out = this.buffer.slice(0, this.size);
    const text = ascii(out);
    for (const placeholder of this.placeholders) {
      const rangeAt = text.indexOf('/ByteRange [0 **********', placeholder.position);
      const contentsAt = text.indexOf('/Contents <', placeholder.position) + '/Contents '.length;
      const contentsEnd = text.indexOf('>', contentsAt) + 1;
      const end = placeholder.revisionEnd ?? this.size;
      const numbers = [contentsAt, contentsEnd, end - contentsEnd].map((n) => String(n).padStart(10, ' '));
      const filled = `/ByteRange [0 ${numbers.join(' ')}]`;
      out.set(latin1(filled), rangeAt);
    }
    return out;
  }
}

/** Replaces the first occurrence of `from` after `position` with `to` (same length). */
export function patch(bytes: Uint8Array, from: string, to: string, position = 0): Uint8Array {
  if (from.length !== to.length) throw new Error('patch must keep the length');
  const at = ascii(bytes).indexOf(from, position);
  if (at < 0) throw new Error(`'${from}' not found`);
  const out = bytes.slice();
  out.set(latin1(to), at);
  return out;
}
