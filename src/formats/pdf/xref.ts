/**
 * The revision scanner: follows startxref and the /Prev chain of cross-reference
 * sections (tables, streams, hybrid files), groups the sections into incremental
 * revisions, and finds where each revision ends (`startxref n %%EOF` + EOL). Every
 * revision after the first must lie wholly after the previous one; anything else is
 * not a valid incremental update.
 *
 * The chain must reach every revision in the file: a revision end (`startxref n
 * %%EOF` pointing at a cross-reference section) between two revisions of the chain, or
 * before its first, means an update skipped it (no /Prev, or a /Prev past it), and the
 * chain counts as broken.
 *
 * When the chain is broken, objects are recovered by a bounded scan for `n g obj`
 * and the result says so (`recovered`): the revisions, and so what a signature's
 * revision is, are then unknown.
 */
import type { ParseLimits } from '../types.js';
import type { Message } from '../../report/messages.js';
import { PDF_MESSAGES } from './messages.js';
import type { PdfFile } from './file.js';
import { decodeStream, InflateLimitExceeded } from './decode.js';
import type { InflateBudget } from './decode.js';
import { locateStreamEnd, parseWindow, readRawObject } from './object-reader.js';
import { maxRawStreamBytes } from './objects.js';
import type { PdfDict, PdfValue } from './syntax.js';
import { Lexer, PdfSyntaxError, dictGet, expectInteger, expectKeyword, integerOf, isDelimiter, isWhitespace, nameOf, parseValue } from './syntax.js';

/** Object numbers above this are refused (ISO 32000-1 Annex C gives 8,388,607 as Acrobat's limit; this leaves room). */
export const MAX_OBJECT_NUMBER = 2 ** 31 - 1;

export type XrefEntry =
  | { readonly type: 'free' }
  | { readonly type: 'offset'; readonly offset: number; readonly gen: number }
  | { readonly type: 'compressed'; readonly stream: number; readonly index: number };

export interface XrefSection {
  readonly offset: number;
  readonly kind: 'table' | 'stream';
  readonly entries: ReadonlyMap<number, XrefEntry>;
  readonly trailer: PdfDict;
  /** The byte after the trailer dictionary (table) or the stream object (stream). */
  readonly end: number;
}

export interface Revision {
  /** 1-based, in file order. */
  readonly number: number;
  /** Newest section first. */
  readonly sections: readonly XrefSection[];
  /** The revision's own entries (its sections merged). */
  readonly entries: ReadonlyMap<number, XrefEntry>;
  readonly trailer: PdfDict;
  /** Where the revision's bytes start (the previous revision's end; 0 for the first). */
  readonly start: number;
  /** The offset just after `%%EOF`. */
  readonly eofEnd: number;
  /** The offset after `%%EOF` and its EOL, if any. */
  readonly end: number;
  /**
   * Bytes after the last %%EOF that are not an incremental update, their objects
   * found by scanning (what a lenient viewer might show). Never the end of a signed revision.
   */
  readonly unterminated?: boolean;
  /**
   * The first revision, whose cross-reference data is broken under sound later updates: its
   * objects come from a scan of its bytes (recoverFirstRevision). Never the end of a signed revision.
   */
  readonly recovered?: { readonly brokenAt: number; readonly objects: number };
  /**
   * The first revision of the chain was written without /Prev over an earlier one, which no
   * reader following the chain sees (inertPrefix): that revision's bytes, up to `end` (its
   * cross-reference section at `offset`), are part of this one.
   */
  readonly orphanedPrefix?: { readonly offset: number; readonly end: number };
}

export interface PdfStructure {
  readonly revisions: readonly Revision[];
  /** The cross-reference chain was broken; objects come from a scan, revisions are unknown. */
  readonly recovered: boolean;
  /**
   * Bytes after the end of the last revision. `inert`: only white space and comments that
   * name no structure (classifyTail), which no reader takes as part of the document.
   */
  readonly trailing?: { readonly offset: number; readonly count: number; readonly inert: boolean };
  /** The document must not be read further (a limit was hit). */
  readonly refused: boolean;
  readonly messages: readonly Message[];
}

/** A limit was hit: reading stops and the document is refused. */
export class LimitExceeded extends Error {
  constructor(readonly report: Message) {
    super(report.en);
    this.name = 'LimitExceeded';
  }
}

/** Counts object definitions (xref entries, scanned objects) against maxPdfObjects. */
export class ObjectBudget {
  used = 0;
  constructor(readonly limit: number) {}

  /** Throws when `count` more definitions would pass the limit. */
  charge(count: number): void {
    if (this.used + count > this.limit) throw new LimitExceeded(PDF_MESSAGES.PDF_TOO_MANY_OBJECTS({ limit: this.limit }));
    this.used += count;
  }
}

class StructureBroken extends Error {
  constructor(readonly report: Message) {
    super(report.en);
    this.name = 'StructureBroken';
  }
}

export interface ScanOptions {
  readonly limits: ParseLimits;
  readonly budget: ObjectBudget;
  /** Largest single object (dictionary part) read. */
  readonly maxObjectBytes: number;
  /** Inflated bytes of the whole document (cross-reference streams count too). */
  readonly inflateBudget: InflateBudget;
}

const TAIL_EOL = new Set([0x0a, 0x0d]);

export async function readStructure(file: PdfFile, options: ScanOptions): Promise<PdfStructure> {
  const messages: Message[] = [];
  try {
    const revisions = await readRevisions(file, options);
    const first = revisions[0]!;
    if (first.orphanedPrefix) messages.push(PDF_MESSAGES.PDF_REVISION_ORPHANED_PREFIX({ ...first.orphanedPrefix, first: first.end }));
    if (first.recovered) {
      // A warning, not the unreadable section's error: the document's revisions are known.
      const { brokenAt: offset, objects: count } = first.recovered;
      messages.push(PDF_MESSAGES.PDF_FIRST_REVISION_RECOVERED({ end: first.end, offset, count, later: revisions.length - 1 }));
    }
    const last = revisions[revisions.length - 1]!;
    let trailing: PdfStructure['trailing'];
    if (last.end < file.size) {
      const tail = await classifyTail(file, last.end);
      const inert = tail !== 'structure';
      trailing = { offset: last.end, count: file.size - last.end, inert };
      messages.push(
        tail === 'whitespace'
          ? PDF_MESSAGES.PDF_TRAILING_WHITESPACE({ count: trailing.count })
          : tail === 'comments'
            ? PDF_MESSAGES.PDF_TRAILING_COMMENTS({ count: trailing.count, offset: last.end })
            : PDF_MESSAGES.PDF_TRAILING_BYTES({ count: trailing.count, offset: last.end }),
      );
      if (!inert) {
        // Objects appended without a valid update (the incremental saving attack, or a
        // cut-off update) still count: lenient viewers show them, and a signature among
        // them must be reported, not lost.
        const scanned = await scanObjects(file, options, last.end);
        if (scanned.entries.size > 0) {
          revisions.push({
            number: last.number + 1,
            sections: [],
            entries: scanned.entries,
            trailer: scanned.trailer ?? last.trailer,
            start: last.end,
            eofEnd: file.size,
            end: file.size,
            unterminated: true,
          });
        }
      }
    }
    return { revisions, recovered: false, ...(trailing ? { trailing } : {}), refused: false, messages };
  } catch (error) {
    if (error instanceof LimitExceeded) return { revisions: [], recovered: false, refused: true, messages: [...messages, error.report] };
    if (!(error instanceof StructureBroken)) throw error;
    messages.push(error.report);
  }
  try {
    const recovered = await recoverByScan(file, options, undefined, { objectStreams: true });
    messages.push(PDF_MESSAGES.PDF_STRUCTURE_RECOVERED({ count: recovered.entries.size }));
    return { revisions: recovered.entries.size > 0 ? [recovered] : [], recovered: true, refused: false, messages };
  } catch (error) {
    if (error instanceof LimitExceeded) return { revisions: [], recovered: true, refused: true, messages: [...messages, error.report] };
    throw error;
  }
}

/** Bytes read at a time when the tail after the last revision is classified. */
const TAIL_CHUNK = 1 << 20;
/** Words a reader may take as structure, even inside a comment (some search backwards for `startxref` as text). */
const STRUCTURE_WORDS = ['xref', 'trailer', 'obj', 'stream'].map((word) => [...word].map((c) => c.charCodeAt(0)));
const LONGEST_WORD = Math.max(...STRUCTURE_WORDS.map((word) => word.length));

/**
 * What follows the last revision: only white space; white space and comments (a repeated
 * `%%EOF`, a note a document system appends) that contain none of STRUCTURE_WORDS, which
 * cannot change the document (ISO 32000-1 §7.2.3); or anything else (`structure`). Read
 * in chunks to the end of the file, so memory stays flat and the answer does not depend
 * on a window size; the first byte that is neither ends the reading.
 */
async function classifyTail(file: PdfFile, from: number): Promise<'whitespace' | 'comments' | 'structure'> {
  let comments = false;
  let inComment = false;
  // The last bytes of the current comment, to find a word split across chunks.
  const recent: number[] = [];
  for (let start = from; start < file.size; start += TAIL_CHUNK) {
    const chunk = await file.read(start, TAIL_CHUNK);
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (inComment) {
        if (byte === 0x0a || byte === 0x0d) {
          inComment = false;
          recent.length = 0;
          continue;
        }
        recent.push(byte);
        if (recent.length > LONGEST_WORD) recent.shift();
        if (STRUCTURE_WORDS.some((word) => endsWith(recent, word))) return 'structure';
      } else if (byte === 0x25) {
        inComment = true;
        comments = true;
      } else if (!isWhitespace(byte)) {
        return 'structure';
      }
    }
  }
  return comments ? 'comments' : 'whitespace';
}

function endsWith(bytes: readonly number[], word: readonly number[]): boolean {
  if (bytes.length < word.length) return false;
  for (let k = 1; k <= word.length; k++) if (bytes[bytes.length - k] !== word[word.length - k]) return false;
  return true;
}

async function readRevisions(file: PdfFile, options: ScanOptions): Promise<Revision[]> {
  const startxref = await file.findLast('startxref', file.size);
  if (startxref < 0) throw new StructureBroken(PDF_MESSAGES.PDF_NO_STARTXREF());
  const tail = await readStartxref(file, startxref);
  if (!tail) throw new StructureBroken(PDF_MESSAGES.PDF_NO_STARTXREF());

  // Walk the chain, newest section first.
  const maxSections = options.limits.maxPdfRevisions + 1;
  const sections: XrefSection[] = [];
  const visited = new Set<number>();
  let next: number | undefined = tail.value;
  // Where the chain broke under at least one readable section: the oldest link only.
  let brokenBelow: StructureBroken | undefined;
  while (next !== undefined) {
    if (visited.has(next)) throw new StructureBroken(PDF_MESSAGES.PDF_XREF_PREV_LOOP({ offset: next }));
    visited.add(next);
    if (sections.length >= maxSections) {
      throw new LimitExceeded(PDF_MESSAGES.PDF_TOO_MANY_REVISIONS({ limit: options.limits.maxPdfRevisions }));
    }
    let section: XrefSection;
    try {
      section = await readSectionWithHybrid(file, next, options);
    } catch (error) {
      if (!(error instanceof StructureBroken) || sections.length === 0) throw error;
      brokenBelow = error;
      break;
    }
    sections.push(section);
    next = integerOf(section.trailer.entries.get('Prev'));
  }

  // Group into revisions. A /Prev pointing forward is the linearised layout (first-page
  // section → main section), which belongs to the same revision.
  const groups: XrefSection[][] = [];
  for (const section of sections) {
    const current = groups[groups.length - 1];
    const previousSection = current?.[current.length - 1];
    // Only the end of the chain can be a linearised main section: it has no /Prev.
    const linearisedMain =
      current !== undefined && previousSection !== undefined && section.offset > previousSection.offset && integerOf(section.trailer.entries.get('Prev')) === undefined;
    if (linearisedMain) current.push(section);
    else groups.push([section]);
  }
  groups.reverse();
  if (groups.length > options.limits.maxPdfRevisions) {
    throw new LimitExceeded(PDF_MESSAGES.PDF_TOO_MANY_REVISIONS({ limit: options.limits.maxPdfRevisions }));
  }

  const revisions: Revision[] = [];
  let previousEnd = 0;
  if (brokenBelow) {
    const first = await recoverFirstRevision(file, groups[0]!, brokenBelow, options);
    if (!first) throw brokenBelow;
    revisions.push(first);
    previousEnd = first.end;
  }
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index]!;
    const number = revisions.length + 1;
    const entryOffset = group[0]!.offset;
    const main = group.reduce((a, b) => (b.offset > a.offset ? b : a));
    const lowest = Math.min(...group.map((s) => s.offset));
    if (revisions.length > 0 && lowest < previousEnd) {
      throw new StructureBroken(PDF_MESSAGES.PDF_REVISION_OUT_OF_ORDER({ revision: number, offset: lowest, previousEnd }));
    }
    const skipped = await revisionEndBetween(file, previousEnd, lowest, options);
    let orphaned: Revision['orphanedPrefix'];
    if (skipped) {
      if (revisions.length > 0 || !(await inertPrefix(file, group, skipped.end, options))) throw new StructureBroken(PDF_MESSAGES.PDF_REVISION_NOT_IN_CHAIN(skipped));
      orphaned = skipped;
    }
    const closing = await findRevisionEnd(file, main.end, main.kind === 'stream' ? main.trailer : undefined);
    if (!closing || closing.value !== entryOffset) {
      throw new StructureBroken(PDF_MESSAGES.PDF_REVISION_END_NOT_FOUND({ offset: entryOffset }));
    }
    // Within a revision the newest section wins (group is in chain order, newest first); a
    // revision of one section (nearly all) is its entries, not a copy of thousands.
    let entries: ReadonlyMap<number, XrefEntry>;
    if (group.length === 1) entries = group[0]!.entries;
    else {
      const merged = new Map<number, XrefEntry>();
      for (const section of group) for (const [num, entry] of section.entries) if (!merged.has(num)) merged.set(num, entry);
      entries = merged;
    }
    revisions.push({
      number,
      sections: group,
      entries,
      trailer: mergeTrailers(group),
      start: previousEnd,
      eofEnd: closing.eofEnd,
      end: closing.end,
      ...(orphaned ? { orphanedPrefix: orphaned } : {}),
    });
    if (closing.end <= previousEnd) {
      throw new StructureBroken(PDF_MESSAGES.PDF_REVISION_OUT_OF_ORDER({ revision: number, offset: entryOffset, previousEnd }));
    }
    previousEnd = closing.end;
  }
  return revisions;
}

/**
 * Whether the bytes before `prefixEnd`, a revision the oldest section of the chain leaves out
 * (written without /Prev), are dead for every reader that follows the chain, so that they can
 * be taken as the start of the chain's first revision rather than as a hidden one. PoDoFo
 * 0.9.8 signs a file whose cross-reference data is a stream so: a complete table of every
 * object, written again, with no /Prev (ISO 32000-1 §7.5.6 asks for one). All must hold:
 * - the oldest group has no /Prev (a /Prev to an earlier section is followed, never skipped);
 * - it lists the catalog its trailer names: a reader finds the document through the chain
 *   and has no reason to rebuild it by scanning (an update that lists only its own objects,
 *   its catalog left in the prefix, is the incremental saving attack, and stays refused);
 * - the prefix holds no signature, in its own bytes or in the object streams it carries
 *   (`ByteRange` nowhere in them; a stream that cannot be decoded counts as one that may):
 *   a signed revision must stay visible, and be judged, not fall out of the chain unseen;
 * - nothing is encrypted (no /Encrypt in the prefix nor in the chain's trailer): an object
 *   stream's data is then ciphertext, which this search cannot read, filtered or not.
 * What the chain still reads from the prefix (PoDoFo lists the old object and cross-reference
 * streams) is signed by every signature of the chain, which all cover the file from byte 0.
 */
async function inertPrefix(file: PdfFile, group: readonly XrefSection[], prefixEnd: number, options: ScanOptions): Promise<boolean> {
  if (group.some((section) => section.trailer.entries.get('Prev') !== undefined)) return false;
  const trailer = mergeTrailers(group);
  const root = trailer.entries.get('Root');
  if (root?.kind !== 'ref' || !group.some((section) => section.entries.get(root.num)?.type === 'offset')) return false;
  if (trailer.entries.has('Encrypt')) return false;
  for (const word of ['ByteRange', 'Encrypt']) if ((await file.findAll(word, 0, prefixEnd, 1)).length > 0) return false;
  const { objectStreamHeads = [] } = await scanObjects(file, options, 0, prefixEnd, true);
  if (objectStreamHeads.length > MAX_RECOVERED_OBJECT_STREAMS) return false;
  const decoder = new TextDecoder('latin1');
  for (const { offset, cut } of objectStreamHeads) {
    if (cut && !isObjectStreamHead(decoder.decode(await file.read(offset, OBJECT_STREAM_HEAD)))) continue;
    try {
      const { data } = await decodedStreamAt(file, offset, options, 'ObjStm', 'not an object stream');
      if (decoder.decode(data).includes('ByteRange')) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The first revision of a file whose oldest cross-reference link is broken while every update
 * after it is sound: a writer's damaged original (a startxref or /Prev a few bytes off, offsets
 * counted from junk that a later tool dropped) that signing tools then updated properly, as
 * poppler, qpdf and mupdf accept by rebuilding. The revision ends at the last `startxref n
 * %%EOF` before the first byte the oldest sound update uses (its objects and its sections);
 * its objects come from a scan of those bytes only. Without such an end, or without objects,
 * undefined: the whole file is then recovered as before. A signature that ends inside or at
 * the end of this revision is judged as under a recovered structure (coverage.ts).
 */
async function recoverFirstRevision(
  file: PdfFile,
  oldest: readonly XrefSection[],
  broken: StructureBroken,
  options: ScanOptions,
): Promise<Revision | undefined> {
  let firstByte = Math.min(...oldest.map((s) => s.offset));
  for (const section of oldest) {
    for (const entry of section.entries.values()) if (entry.type === 'offset') firstByte = Math.min(firstByte, entry.offset);
  }
  let before = firstByte;
  let closing: { value: number; eofEnd: number; end: number } | undefined;
  for (let tries = 0; tries <= options.limits.maxPdfRevisions && !closing; tries++) {
    const eof = await file.findLast('%%EOF', before);
    if (eof < 0) return undefined;
    const keyword = await file.findLast('startxref', eof, Math.max(0, eof - 64));
    const candidate = keyword < 0 ? undefined : await findRevisionEnd(file, keyword);
    if (candidate && candidate.eofEnd === eof + '%%EOF'.length && candidate.end <= firstByte) closing = candidate;
    before = eof;
  }
  if (!closing) return undefined;
  const revision = await recoverByScan(file, options, closing);
  if (revision.entries.size === 0) return undefined;
  return { ...revision, recovered: { brokenAt: Number(broken.report.params?.['offset'] ?? -1), objects: revision.entries.size } };
}

/**
 * A revision end the /Prev chain skips: `startxref n %%EOF` in [from, to) whose n is
 * the start of a cross-reference table or stream before it. An update written without
 * /Prev (or with a /Prev past the revision before it) would otherwise hide that
 * revision, and the signatures in it, from the reader. `%%EOF` inside stream data is
 * passed over unless it also looks like a revision end; at most maxPdfRevisions
 * candidates are checked.
 */
async function revisionEndBetween(
  file: PdfFile,
  from: number,
  to: number,
  options: ScanOptions,
): Promise<{ offset: number; end: number } | undefined> {
  // Read forward, in one streaming pass that also feeds the document digest (on a big
  // file this is the first read of nearly all of it); checked newest first.
  const ends = await file.findAll('%%EOF', from, to, options.limits.maxPdfRevisions);
  for (let index = ends.length - 1; index >= 0; index--) {
    const eof = ends[index]!;
    const keyword = await file.findLast('startxref', eof, Math.max(from, eof - 64));
    if (keyword < 0) continue;
    const closing = await findRevisionEnd(file, keyword);
    if (!closing || closing.eofEnd !== eof + '%%EOF'.length) continue;
    if (closing.value < from || closing.value >= keyword) continue;
    if (await looksLikeXref(file, closing.value, options)) return { offset: closing.value, end: closing.eofEnd };
  }
  return undefined;
}

/** The start of a cross-reference table (`xref`) or of a cross-reference stream object, without reading its entries. */
async function looksLikeXref(file: PdfFile, offset: number, options: ScanOptions): Promise<boolean> {
  const head = await file.read(offset, 64);
  let i = 0;
  while (i < head.length && isWhitespace(head[i]!)) i++;
  if (String.fromCharCode(...head.subarray(i, i + 4)) === 'xref') return true;
  try {
    const raw = await readRawObject(file, offset, Math.min(options.maxObjectBytes, 1 << 20));
    return nameOf(dictGet(raw.value, 'Type')) === 'XRef' && raw.stream !== undefined;
  } catch {
    return false;
  }
}

function mergeTrailers(group: readonly XrefSection[]): PdfDict {
  const entries = new Map<string, PdfValue>();
  for (const section of group) for (const [key, value] of section.trailer.entries) if (!entries.has(key)) entries.set(key, value);
  return { kind: 'dict', entries, start: group[0]!.trailer.start, end: group[0]!.trailer.end };
}

async function readStartxref(file: PdfFile, offset: number): Promise<{ value: number } | undefined> {
  try {
    return await parseWindow(file, offset, 256, (lexer) => {
      expectKeyword(lexer, 'startxref');
      return { value: expectInteger(lexer, 'startxref offset') };
    });
  } catch {
    return undefined;
  }
}

/**
 * After a section's end: `startxref <n> %%EOF` (comments and whitespace allowed
 * before startxref). Returns n, and the offsets after `%%EOF` and after its EOL.
 */
async function findRevisionEnd(file: PdfFile, from: number, streamTrailer?: PdfDict): Promise<{ value: number; eofEnd: number; end: number } | undefined> {
  const keyword = await file.findFirst('startxref', from, from + 4096);
  if (keyword < 0) return undefined;
  const between = await file.read(from, keyword - from);
  if (!onlyWhitespaceAndComments(between) && !(streamTrailer && classicTrailerOnly(between, from, streamTrailer))) return undefined;
  const window = await file.read(keyword, 128);
  const lexer = new Lexer(window, keyword, true);
  let value: number;
  try {
    expectKeyword(lexer, 'startxref');
    value = expectInteger(lexer, 'startxref offset');
  } catch {
    return undefined;
  }
  let i = lexer.position;
  while (i < window.length && isWhitespace(window[i]!)) i++;
  const marker = '%%EOF';
  for (let k = 0; k < marker.length; k++) if (window[i + k] !== marker.charCodeAt(k)) return undefined;
  const eofEnd = keyword + i + marker.length;
  let end = eofEnd;
  const after = window.subarray(i + marker.length, i + marker.length + 2);
  if (after[0] === 0x0d && after[1] === 0x0a) end += 2;
  else if (after[0] !== undefined && TAIL_EOL.has(after[0])) end += 1;
  return { value, eofEnd, end };
}

/**
 * Hybrid and linearised writers put a classic `trailer << … >>` between a cross-reference
 * stream and its startxref. It is accepted when it is the only thing there and names the
 * same /Root as the stream (the stream's dictionary is the trailer that counts).
 */
function classicTrailerOnly(bytes: Uint8Array, offset: number, streamTrailer: PdfDict): boolean {
  try {
    const lexer = new Lexer(bytes, offset, true);
    expectKeyword(lexer, 'trailer');
    const trailer = parseValue(lexer);
    if (trailer.kind !== 'dict') return false;
    const root = trailer.entries.get('Root');
    const streamRoot = streamTrailer.entries.get('Root');
    if (root && (root.kind !== 'ref' || streamRoot?.kind !== 'ref' || root.num !== streamRoot.num)) return false;
    return onlyWhitespaceAndComments(bytes.subarray(lexer.offset - offset));
  } catch {
    return false;
  }
}

function onlyWhitespaceAndComments(bytes: Uint8Array): boolean {
  let inComment = false;
  for (const byte of bytes) {
    if (inComment) {
      if (byte === 0x0a || byte === 0x0d) inComment = false;
    } else if (byte === 0x25) {
      inComment = true;
    } else if (!isWhitespace(byte)) {
      return false;
    }
  }
  return true;
}

async function readSectionWithHybrid(file: PdfFile, offset: number, options: ScanOptions): Promise<XrefSection> {
  const section = await readSection(file, offset, options);
  const xrefStm = integerOf(section.trailer.entries.get('XRefStm'));
  if (section.kind !== 'table' || xrefStm === undefined) return section;
  // Hybrid file (ISO 32000-1 §7.5.8.4): the stream adds objects the table marks free or omits.
  const hidden = await readSection(file, xrefStm, options);
  if (hidden.kind !== 'stream') throw new StructureBroken(PDF_MESSAGES.PDF_XREF_UNREADABLE({ offset: xrefStm, detail: '/XRefStm is not a cross-reference stream' }));
  const entries = new Map(section.entries);
  for (const [num, entry] of hidden.entries) {
    const existing = entries.get(num);
    if (!existing || existing.type === 'free') entries.set(num, entry);
  }
  return { ...section, entries };
}

async function readSection(file: PdfFile, offset: number, options: ScanOptions): Promise<XrefSection> {
  if (offset < 0 || offset >= file.size) {
    throw new StructureBroken(PDF_MESSAGES.PDF_XREF_UNREADABLE({ offset, detail: 'offset outside the file' }));
  }
  try {
    const head = await file.read(offset, 64);
    let i = 0;
    while (i < head.length && isWhitespace(head[i]!)) i++;
    if (String.fromCharCode(...head.subarray(i, i + 4)) === 'xref') return await readTable(file, offset, options);
    return await readStreamSection(file, offset, options);
  } catch (error) {
    if (error instanceof LimitExceeded || error instanceof StructureBroken) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new StructureBroken(PDF_MESSAGES.PDF_XREF_UNREADABLE({ offset, detail }));
  }
}

async function readTable(file: PdfFile, offset: number, options: ScanOptions): Promise<XrefSection> {
  const remaining = options.budget.limit - options.budget.used;
  // An entry is 20 bytes; allow generous whitespace and the trailer.
  const maxBytes = Math.min(file.size - offset, remaining * 40 + options.maxObjectBytes);
  let charged = 0;
  // The entries a window held before it ran out: the table's end is about 20 bytes per entry on.
  let listed = 0;
  const result = await parseWindow(
    file,
    offset,
    maxBytes,
    (lexer) => {
      expectKeyword(lexer, 'xref');
      const entries = new Map<number, XrefEntry>();
      let count = 0;
      for (;;) {
        const token = lexer.peekToken();
        if (token.type === 'keyword' && token.value === 'trailer') {
          lexer.nextToken();
          const trailer = parseValue(lexer);
          if (trailer.kind !== 'dict') throw new PdfSyntaxError('trailer is not a dictionary', token.start);
          return { entries, trailer, end: lexer.offset, count };
        }
        const first = expectInteger(lexer, 'subsection start');
        const size = expectInteger(lexer, 'subsection size');
        if (first + size - 1 > MAX_OBJECT_NUMBER) throw new PdfSyntaxError('object number out of range', token.start);
        if (count + size > remaining) throw new LimitExceeded(PDF_MESSAGES.PDF_TOO_MANY_OBJECTS({ limit: options.budget.limit }));
        count += size;
        listed = Math.max(listed, count);
        for (let k = 0; k < size; k++) {
          let field1: number;
          let field2: number;
          let inUse: boolean;
          if (standardEntry(lexer)) {
            field1 = entryOffset;
            field2 = entryGeneration;
            inUse = entryInUse;
          } else {
            field1 = expectInteger(lexer, 'entry offset');
            field2 = expectInteger(lexer, 'entry generation');
            const kind = lexer.nextToken();
            if (kind.type !== 'keyword' || (kind.value !== 'n' && kind.value !== 'f')) throw new PdfSyntaxError("expected 'n' or 'f'", kind.start);
            inUse = kind.value === 'n';
          }
          const num = first + k;
          if (entries.has(num)) continue;
          // An in-use entry at offset 0 is a known writer bug; it points at nothing.
          entries.set(num, inUse && field1 > 0 ? { type: 'offset', offset: field1, gen: field2 } : { type: 'free' });
        }
      }
    },
    16 * 1024,
    // A window hint only (parseWindow): a table of thousands is then read in one more window.
    async () => offset + TABLE_HEAD_BYTES + ENTRY_BYTES * listed + TABLE_TRAILER_BYTES,
  );
  charged = result.count;
  options.budget.charge(charged);
  return { offset, kind: 'table', entries: result.entries, trailer: result.trailer, end: result.end };
}

/** Room for `xref` and a subsection header, an entry's 20 bytes, a trailer: readTable's window hint. */
const TABLE_HEAD_BYTES = 64;
const ENTRY_BYTES = 20;
const TABLE_TRAILER_BYTES = 4096;

/** What standardEntry read last (standardEntryRead, for tests). */
let entryOffset = 0;
let entryGeneration = 0;
let entryInUse = false;

/**
 * A table entry written as the standard says (ISO 32000-1 §7.5.4: ten digits, a space, five
 * digits, a space, `n` or `f`), after whitespace, read from the bytes: what the two integer
 * tokens and the keyword read, without making them (thousands per table). Moves past the
 * keyword and returns true; anything else (another width, a comment, the window's end)
 * returns false with only the whitespace skipped, and the tokens read it.
 */
export function standardEntry(lexer: Lexer): boolean {
  const bytes = lexer.bytes;
  let at = lexer.position;
  while (at < bytes.length && isWhitespace(bytes[at]!)) at++;
  lexer.position = at;
  // Ten digits, space, five digits, space, the keyword, and a byte after it that ends it.
  if (at + 19 >= bytes.length || bytes[at + 10] !== 0x20 || bytes[at + 16] !== 0x20) return false;
  const keyword = bytes[at + 17];
  if ((keyword !== 0x6e && keyword !== 0x66) || !endsToken(bytes[at + 18]!)) return false;
  let offset = 0;
  for (let i = at; i < at + 10; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return false;
    offset = offset * 10 + digit;
  }
  let generation = 0;
  for (let i = at + 11; i < at + 16; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return false;
    generation = generation * 10 + digit;
  }
  entryOffset = offset;
  entryGeneration = generation;
  entryInUse = keyword === 0x6e;
  lexer.position = at + 18;
  return true;
}

export function standardEntryRead(): { readonly offset: number; readonly generation: number; readonly inUse: boolean } {
  return { offset: entryOffset, generation: entryGeneration, inUse: entryInUse };
}

/** A byte no name, number or keyword continues through. */
function endsToken(byte: number): boolean {
  return isWhitespace(byte) || isDelimiter(byte);
}

/**
 * The stream object of /Type `type` at `offset`: its dictionary and decoded data, the document's
 * inflate budget charged. Read before any cross-reference table is known (a cross-reference
 * stream, an object stream met by the recovery scan), so its /Length must be direct.
 */
async function decodedStreamAt(file: PdfFile, offset: number, options: ScanOptions, type: 'XRef' | 'ObjStm', notOne: string): Promise<{ dict: PdfDict; data: Uint8Array; end: number }> {
  const raw = await readRawObject(file, offset, options.maxObjectBytes);
  const dict = raw.value;
  if (dict.kind !== 'dict' || nameOf(dict.entries.get('Type')) !== type || !raw.stream) throw new PdfSyntaxError(notOne, offset);
  const declared = integerOf(raw.stream.declaredLength);
  const extent = await locateStreamEnd(file, raw.stream.dataStart, declared, options.limits.maxInflatedBytes);
  if (extent.length > maxRawStreamBytes(options.limits.maxInflatedBytes)) throw new PdfSyntaxError(`${type} stream too large`, offset);
  const budget = options.inflateBudget;
  const key = raw.stream.dataStart;
  // Unfiltered data is the file's own bytes, not inflation: the budget does not apply to it.
  const filtered = dict.entries.has('Filter');
  const limit = budget.has(key) || !filtered ? options.limits.maxInflatedBytes : Math.min(options.limits.maxInflatedBytes, budget.remaining);
  let data: Uint8Array;
  try {
    data = decodeStream(dict, await file.read(raw.stream.dataStart, extent.length), limit);
  } catch (error) {
    if (error instanceof InflateLimitExceeded && filtered) budget.refused(limit);
    throw error;
  }
  if (filtered) budget.record(key, data.length);
  return { dict, data, end: extent.end };
}

async function readStreamSection(file: PdfFile, offset: number, options: ScanOptions): Promise<XrefSection> {
  const { dict, data, end } = await decodedStreamAt(file, offset, options, 'XRef', 'neither a cross-reference table nor a cross-reference stream');
  const widths = dict.entries.get('W');
  if (widths?.kind !== 'array' || widths.items.length !== 3) throw new PdfSyntaxError('invalid /W', offset);
  const w = widths.items.map((item) => integerOf(item) ?? -1);
  if (w.some((x) => x < 0 || x > 8) || w[1]! === 0) throw new PdfSyntaxError('invalid /W', offset);
  const rowBytes = w[0]! + w[1]! + w[2]!;
  const size = integerOf(dict.entries.get('Size'));
  const indexValue = dict.entries.get('Index');
  const index: number[] = [];
  if (indexValue === undefined) {
    if (size === undefined) throw new PdfSyntaxError('missing /Size', offset);
    index.push(0, size);
  } else if (indexValue.kind === 'array' && indexValue.items.length % 2 === 0) {
    for (const item of indexValue.items) {
      const n = integerOf(item);
      if (n === undefined || n < 0) throw new PdfSyntaxError('invalid /Index', offset);
      index.push(n);
    }
  } else {
    throw new PdfSyntaxError('invalid /Index', offset);
  }
  const rows = Math.floor(data.length / rowBytes);
  let declaredRows = 0;
  for (let i = 1; i < index.length; i += 2) declaredRows += index[i]!;
  const available = Math.min(rows, declaredRows);
  options.budget.charge(available);
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  for (let i = 0; i < index.length && row < available; i += 2) {
    const first = index[i]!;
    const count = index[i + 1]!;
    if (first + count - 1 > MAX_OBJECT_NUMBER) throw new PdfSyntaxError('object number out of range', offset);
    for (let k = 0; k < count && row < available; k++, row++) {
      const base = row * rowBytes;
      const type = w[0] === 0 ? 1 : readField(data, base, w[0]!);
      const field2 = readField(data, base + w[0]!, w[1]!);
      const field3 = readField(data, base + w[0]! + w[1]!, w[2]!);
      const num = first + k;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, { type: 'free' });
      else if (type === 1) entries.set(num, field2 > 0 ? { type: 'offset', offset: field2, gen: field3 } : { type: 'free' });
      else if (type === 2) entries.set(num, { type: 'compressed', stream: field2, index: field3 });
      // Other types are reserved: ISO 32000-1 §7.5.8.3 says to treat them as references to null.
      else entries.set(num, { type: 'free' });
    }
  }
  const trailer: PdfDict = dict;
  return { offset, kind: 'stream', entries, trailer, end };
}

function readField(data: Uint8Array, offset: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + data[offset + i]!;
  return value;
}

// ---------------------------------------------------------------------------
// Recovery: a bounded scan for `n g obj` when the chain cannot be followed.

const SCAN_CHUNK = 1 << 20;
const OBJ_PATTERN = /(?<![0-9])(\d{1,10})[\x00\t\n\f\r ]+(\d{1,5})[\x00\t\n\f\r ]+obj(?![A-Za-z0-9])/g;
const TRAILER_PATTERN = /trailer[\x00\t\n\f\r ]*<</g;

async function recoverByScan(
  file: PdfFile,
  options: ScanOptions,
  bounds: { readonly eofEnd: number; readonly end: number } = { eofEnd: file.size, end: file.size },
  { objectStreams = false }: { readonly objectStreams?: boolean } = {},
): Promise<Revision> {
  const { entries, trailer, objectStreamHeads } = await scanObjects(file, options, 0, bounds.end, objectStreams);
  if (objectStreamHeads) await addObjectStreamMembers(file, entries, objectStreamHeads, options);
  return {
    number: 1,
    sections: [],
    entries,
    trailer: trailer ?? (await findCatalogTrailer(file, entries, options)) ?? { kind: 'dict', entries: new Map(), start: 0, end: 0 },
    start: 0,
    eofEnd: bounds.eofEnd,
    end: bounds.end,
  };
}

/** Scans [from, to) for `n g obj` headers (the last definition wins) and trailer dictionaries with a /Root. */
async function scanObjects(
  file: PdfFile,
  options: ScanOptions,
  from: number,
  to = file.size,
  objectStreams = false,
): Promise<{ entries: Map<number, XrefEntry>; trailer?: PdfDict; objectStreamHeads?: ObjectStreamHead[] }> {
  const found = new Map<number, XrefEntry>();
  // Found while the chunk is at hand (addObjectStreamMembers): no object is read again to tell.
  const heads: ObjectStreamHead[] | undefined = objectStreams ? [] : undefined;
  const trailers: number[] = [];
  const decoder = new TextDecoder('latin1');
  const overlap = 64;
  for (let start = from; start < to; start += SCAN_CHUNK) {
    const chunk = await file.read(start, Math.min(SCAN_CHUNK, to - start) + overlap);
    const text = decoder.decode(chunk);
    const limit = Math.min(text.length, SCAN_CHUNK, to - start);
    for (const match of text.matchAll(OBJ_PATTERN)) {
      if (match.index >= limit) continue;
      const num = Number(match[1]);
      if (num > MAX_OBJECT_NUMBER) continue;
      if (!found.has(num)) options.budget.charge(1);
      // The last definition in the file wins, as in an incremental update.
      found.set(num, { type: 'offset', offset: start + match.index, gen: Number(match[2]) });
      if (heads) {
        const cut = match.index + OBJECT_STREAM_HEAD > text.length && start + text.length < to;
        if (cut || isObjectStreamHead(text.slice(match.index, match.index + OBJECT_STREAM_HEAD))) heads.push({ num, offset: start + match.index, cut });
      }
    }
    for (const match of text.matchAll(TRAILER_PATTERN)) if (match.index < limit) trailers.push(start + match.index + 7);
  }
  let trailer: PdfDict | undefined;
  for (let i = trailers.length - 1; i >= 0 && !trailer; i--) {
    try {
      const value = await parseWindow(file, trailers[i]!, options.maxObjectBytes, (lexer) => parseValue(lexer));
      if (value.kind === 'dict' && value.entries.get('Root')?.kind === 'ref') trailer = value;
    } catch {
      // Try an earlier one.
    }
  }
  return { entries: found, ...(trailer ? { trailer } : {}), ...(heads ? { objectStreamHeads: heads } : {}) };
}

/** Object streams whose members a whole-file recovery indexes, at most. */
const MAX_RECOVERED_OBJECT_STREAMS = 1024;
const OBJECT_STREAM_TYPE = /\/Type[\x00\t\n\f\r ]*\/ObjStm(?![A-Za-z0-9])/;
/** Characters of an object's start looked at for /Type /ObjStm: an object stream's dictionary is a few keys long. */
const OBJECT_STREAM_HEAD = 256;

/** An object the scan met that may be an object stream; `cut`: its head ran past the scan's chunk, and is read again to tell. */
interface ObjectStreamHead {
  readonly num: number;
  readonly offset: number;
  readonly cut: boolean;
}

/** Whether an object's first characters (from `n g obj`) give it /Type /ObjStm before its stream data. */
function isObjectStreamHead(head: string): boolean {
  const data = head.indexOf('stream');
  return OBJECT_STREAM_TYPE.test(data >= 0 ? head.slice(0, data) : head);
}

/**
 * The members of the object streams the scan met, as compressed entries: a file written with
 * object streams keeps its catalog, fields and signature dictionaries there, and without them a
 * signed file that lost its cross-reference data (junk put before it) read as unsigned. A member
 * is indexed only where the scan found no `n g obj` of its number (those come from updates
 * written after the stream). Only for the whole-file recovery, whose signatures are never sound
 * (coverage.ts): it tells what was signed and how it broke, and adds nothing a pass could rest on.
 * An object stream that cannot be decoded (encrypted, damaged) is skipped.
 */
async function addObjectStreamMembers(file: PdfFile, entries: Map<number, XrefEntry>, heads: readonly ObjectStreamHead[], options: ScanOptions): Promise<void> {
  const decoder = new TextDecoder('latin1');
  let streams = 0;
  for (const { num, offset, cut } of heads) {
    if (streams >= MAX_RECOVERED_OBJECT_STREAMS) break;
    // Only the last definition of a number is read.
    const entry = entries.get(num);
    if (entry?.type !== 'offset' || entry.offset !== offset) continue;
    if (cut && !isObjectStreamHead(decoder.decode(await file.read(offset, OBJECT_STREAM_HEAD)))) continue;
    streams++;
    try {
      const { dict, data } = await decodedStreamAt(file, offset, options, 'ObjStm', 'not an object stream');
      const count = integerOf(dict.entries.get('N'));
      const first = integerOf(dict.entries.get('First'));
      // As ObjectStore reads one (objects.ts): each member needs four header bytes at least.
      if (count === undefined || first === undefined || first > data.length || count > first / 4 + 1) continue;
      const lexer = new Lexer(data.subarray(0, first), 0, true);
      for (let index = 0; index < count; index++) {
        const member = expectInteger(lexer, 'object number');
        expectInteger(lexer, 'offset');
        if (member > MAX_OBJECT_NUMBER || entries.has(member)) continue;
        options.budget.charge(1);
        entries.set(member, { type: 'compressed', stream: num, index });
      }
    } catch (error) {
      if (error instanceof LimitExceeded) throw error;
      // Not readable as an object stream: its members stay unknown, as before.
    }
  }
}

/** Without a trailer, the newest cross-reference stream dictionary or /Type /Catalog object stands in for one. */
async function findCatalogTrailer(file: PdfFile, found: ReadonlyMap<number, XrefEntry>, options: ScanOptions): Promise<PdfDict | undefined> {
  const byOffset = [...found.entries()]
    .filter((item): item is [number, Extract<XrefEntry, { type: 'offset' }>] => item[1].type === 'offset')
    .sort((a, b) => b[1].offset - a[1].offset);
  for (const [num, entry] of byOffset.slice(0, 10_000)) {
    try {
      const raw = await readRawObject(file, entry.offset, options.maxObjectBytes);
      const type = nameOf(dictGet(raw.value, 'Type'));
      if (type === 'XRef' && dictGet(raw.value, 'Root')?.kind === 'ref' && raw.value.kind === 'dict') return raw.value;
      if (type === 'Catalog') {
        const entries = new Map<string, PdfValue>([['Root', { kind: 'ref', num, gen: entry.gen }]]);
        return { kind: 'dict', entries, start: 0, end: 0 };
      }
    } catch {
      // Not an object after all.
    }
  }
  return undefined;
}
