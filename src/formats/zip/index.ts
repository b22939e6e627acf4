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
 * Not supported: ZIP64, multi-disk archives, compression other than stored/deflate.
 */
import { Inflate } from 'fflate';
import type { Message } from '../../report/messages.js';
import type { DecompressionBudget, ParsedAttachment, ParsedDocument, ParseContext } from '../types.js';
import { decompressionBudget } from '../limits.js';
import { crc32 } from './crc32.js';
import { ZIP_MESSAGES } from './messages.js';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
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
  const end = findEndRecord(bytes);
  const disk = data.getUint16(end + 4, true);
  const cdDisk = data.getUint16(end + 6, true);
  const total = data.getUint16(end + 10, true);
  const cdSize = data.getUint32(end + 12, true);
  const cdOffset = data.getUint32(end + 16, true);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: 'ZIP64' }));
  if (disk !== 0 || cdDisk !== 0) throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: 'multi-disk archive' }));
  if (cdOffset + cdSize > end) throw new Refusal(ZIP_MESSAGES.ZIP_MALFORMED({ detail: 'the central directory lies outside the file' }));
  if (cdOffset + cdSize !== end) throw new Refusal(ZIP_MESSAGES.ZIP_UNLISTED_DATA({ offset: cdOffset + cdSize, detail: 'between the central directory and its end record' }));
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
    const compressedSize = data.getUint32(at + 20, true);
    const size = data.getUint32(at + 24, true);
    const localOffset = data.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED({ feature: 'ZIP64' }));
    }
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
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
    if (!sameBytes(bytes.subarray(at + LOCAL_HEADER_SIZE, at + LOCAL_HEADER_SIZE + nameLength), entry.rawName)) throw mismatch('another name');
    if (data.getUint16(at + 8, true) !== entry.method) throw mismatch('another compression method');
    if ((flags ^ entry.flags) & (FLAG_ENCRYPTED | FLAG_DESCRIPTOR)) throw mismatch('other encryption or data-descriptor flags');
    const stated = [data.getUint32(at + 14, true), data.getUint32(at + 18, true), data.getUint32(at + 22, true)];
    const expected = [entry.crc, entry.compressedSize, entry.size];
    // With a data descriptor the local header may leave CRC and sizes zero.
    const agrees = stated.every((value, index) => value === expected[index] || (flags & FLAG_DESCRIPTOR && value === 0));
    if (!agrees) throw mismatch('another CRC-32 or size');
    let end = start + entry.compressedSize;
    if (end > directory.offset) throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name: entry.name, detail: 'data runs into the central directory' }));
    if (flags & FLAG_DESCRIPTOR) end = afterDescriptor(data, end, directory.offset, entry);
    starts.set(entry, start);
    at = end;
  }
  if (at !== directory.offset) throw new Refusal(ZIP_MESSAGES.ZIP_UNLISTED_DATA({ offset: at, detail: 'before the central directory' }));
  return starts;
}

/** The end of a data descriptor (signature optional) that must repeat the directory's CRC and sizes. */
function afterDescriptor(data: DataView, at: number, limit: number, entry: CentralEntry): number {
  const signed = at + 4 <= limit && data.getUint32(at, true) === DESCRIPTOR_SIGNATURE ? 4 : 0;
  const fields = at + signed;
  if (
    fields + 12 > limit ||
    data.getUint32(fields, true) !== entry.crc ||
    data.getUint32(fields + 4, true) !== entry.compressedSize ||
    data.getUint32(fields + 8, true) !== entry.size
  ) {
    throw new Refusal(ZIP_MESSAGES.ZIP_LOCAL_HEADER_MISMATCH({ name: entry.name, detail: 'the data descriptor does not repeat the directory’s CRC-32 and sizes' }));
  }
  return fields + 12;
}

/**
 * Inflates `compressed`, refusing as soon as the output passes `budget` bytes, or
 * passes the size the directory states (a lying header is caught at once).
 */
function inflateBounded(compressed: Uint8Array, budget: number, onOverflow: () => Message, entry: CentralEntry, tree: DecompressionBudget): Uint8Array {
  const { name } = entry;
  // Written in place: holding the chunks and then their copy would need twice the entry's size.
  const out = new Uint8Array(Math.min(entry.size, budget));
  let produced = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    // Work done is charged to the tree even when the entry is then refused: siblings must
    // not each redo it.
    tree.bytes -= chunk.length;
    if (produced + chunk.length > budget) throw new Refusal(onOverflow());
    if (produced + chunk.length > entry.size) throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name, detail: `inflates past the ${entry.size} bytes the directory states` }));
    out.set(chunk, produced);
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
  return out.subarray(0, produced);
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

function isSuspiciousName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..');
}

function extract(bytes: Uint8Array, ctx: ParseContext, messages: Message[]): ParsedAttachment[] {
  const { maxZipEntries, maxZipBytes, maxInflatedBytes } = ctx.limits;
  // The tree's budget binds when archives around or before this one used part of it: its
  // refusal then names the tree, not this archive, which alone is within the limits.
  const budget = ctx.budget ?? decompressionBudget(ctx.limits);
  const attachments: ParsedAttachment[] = [];
  let total = 0;
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
    let content: Uint8Array;
    // A stated size past the budget cannot be honest and fit; an overdrawn tree budget (one
    // inflate step may overshoot it) lets nothing more through.
    if (entry.method === 0 || entry.method === 8) if (entry.size > entryBudget || budget.bytes < 0) throw new Refusal(overflow());
    if (entry.method === 0) {
      if (compressed.length > entryBudget) throw new Refusal(overflow());
      content = compressed;
      budget.bytes -= content.length;
    } else if (entry.method === 8) {
      content = inflateBounded(compressed, entryBudget, overflow, entry, budget);
      if (deflateEndsEarly(compressed, entry.size)) {
        throw new Refusal(ZIP_MESSAGES.ZIP_UNLISTED_DATA({ offset: start, detail: `after the end of the deflate stream of "${entry.name}", inside its stated size` }));
      }
    } else {
      throw new Refusal(ZIP_MESSAGES.ZIP_UNSUPPORTED_METHOD({ name: entry.name, method: entry.method }));
    }
    if (content.length !== entry.size) {
      throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name: entry.name, detail: `${content.length} bytes where the directory states ${entry.size}` }));
    }
    if (crc32(content) !== entry.crc) throw new Refusal(ZIP_MESSAGES.ZIP_ENTRY_CORRUPT({ name: entry.name, detail: 'CRC-32 mismatch' }));
    total += content.length;
    attachments.push({ name: entry.name, bytes: content });
  }
  return attachments;
}

export async function parseZip(bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument> {
  const messages: Message[] = [];
  try {
    const attachments = extract(bytes, ctx, messages);
    return { format: 'zip', readable: true, signatures: [], attachments, details: { kind: 'zip', entries: attachments.length }, messages };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { format: 'zip', readable: false, signatures: [], attachments: [], messages: [...messages, error.reason] };
  }
}
