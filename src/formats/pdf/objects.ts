/**
 * Objects as seen by one revision: revision k sees the entries of revisions 1..k,
 * newer entries hiding older ones. Objects are parsed once per place in the file (or
 * in an object stream) and shared between revisions, so walking every revision costs
 * about as much as walking one. The parsed objects are kept in a cache bounded by the
 * size of their text (`maxCachedObjectBytes`); an object pushed out is parsed again
 * when asked for, with the stream extent found the first time, so what it reads as
 * never depends on the cache.
 *
 * Errors are thrown as `PdfObjectError` (with a report message); cycles through
 * object streams or indirect /Length values are detected, not followed.
 */
import type { Message } from '../../report/messages.js';
import type { HashFactory } from '../../io/hash.js';
import { hashRanges, toHex } from '../../io/hash.js';
import { PDF_MESSAGES } from './messages.js';
import type { PdfFile } from './file.js';
import { DecodeError, InflateLimitExceeded, UnsupportedFilter, decodeStream } from './decode.js';
import type { InflateBudget } from './decode.js';
import { ObjectTooLarge, locateStreamEnd, parseRawObject, readRawObject, trustedStreamEndNow } from './object-reader.js';
import type { RawObject, StreamExtent } from './object-reader.js';
import type { PdfValue } from './syntax.js';
import { Lexer, NestingTooDeep, MAX_CONTAINER_ITEMS, MAX_PDF_NESTING, PdfSyntaxError, TooManyItems, exactly, expectInteger, integerOf, nameOf, parseValue } from './syntax.js';
import type { ObjectBudget, Revision, XrefEntry } from './xref.js';
import type { PdfCrypt } from './crypt.js';

export type ObjectLocation =
  | { readonly kind: 'file'; readonly start: number; readonly end: number }
  | { readonly kind: 'compressed'; readonly stream: number; readonly index: number; readonly streamStart: number };

export interface PdfObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  readonly location: ObjectLocation;
  /**
   * `referenceNums(value)` as noted while parsing, or undefined (a dictionary repeated a key,
   * a decrypted value): the walks then list them from the value. Defined only when no
   * dictionary in the value repeats a key, so none has conflicting keys either (the diff
   * relies on it). Present on every object (one shape), maybe undefined.
   */
  readonly refs: readonly number[] | undefined;
  /** Raw (still encoded) stream data extent. */
  readonly stream?: { readonly dataStart: number; readonly length: number };
}

export class PdfObjectError extends Error {
  constructor(readonly report: Message) {
    super(report.en);
    this.name = 'PdfObjectError';
  }
}

interface DecodedObjectStream {
  readonly data: Uint8Array;
  readonly first: number;
  readonly members: readonly (readonly [number, number])[];
  /**
   * Object numbers the header lists more than once. Readers disagree on which copy such a
   * number names (poppler and pdf.js take the xref entry's index, qpdf the last copy), so an
   * update could show the signed copy to one reader and a forged one to another: neither is read.
   */
  readonly repeated: ReadonlySet<number>;
}

const MAX_CACHED_OBJECT_STREAMS = 16;
/**
 * Object text (dictionaries and arrays, not stream data) kept parsed. A parsed object
 * takes several times its text in memory; 8 MiB holds every object of the forms and
 * multi-revision documents we know several times over, and stays a few tens of MiB.
 */
export const MAX_CACHED_OBJECT_BYTES = 8 << 20;
/** What a cached object costs beyond its text (the entry, the promise, the value's shell). */
const CACHED_OBJECT_OVERHEAD = 256;

/** How far from its listed offset an object header is looked for (an off-by-a-few writer slip, never a search). */
const NEARBY_BYTES = 16;

/** The chain of a lookup that starts here (never added to: chains are copied). */
const NO_CHAIN: ReadonlySet<number> = new Set();

const asciiBytes = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

export interface ObjectStoreOptions {
  readonly maxObjectBytes: number;
  readonly maxInflatedBytes: number;
  readonly budget: ObjectBudget;
  readonly hashFactory: HashFactory;
  readonly encrypted: boolean;
  /** Inflated bytes of the whole document (shared with the cross-reference reader). */
  readonly inflateBudget: InflateBudget;
  /** Bound of the parsed-object cache (default MAX_CACHED_OBJECT_BYTES). */
  readonly maxCachedObjectBytes?: number;
}

interface CachedObject {
  /**
   * What a lookup awaits; for an object read without waiting (readNow, a member of an
   * object stream) made on its first `cached`, not with each of thousands of objects.
   */
  object: Promise<PdfObject> | undefined;
  readonly cost: number;
  /** The object once parsed: what `known` answers without waiting (always present: one shape for every entry). */
  readonly settled: PdfObject | undefined;
}

/** The key of a repaired cross-reference entry in ObjectStore.repairedOffsets. */
function repairKey(num: number, gen: number, offset: number): string {
  return `${num} ${gen} R@${offset}`;
}

export class ObjectStore {
  /** Parsed objects by place (a file offset, or `stream start:index:number` for a member), least recently used first. */
  private readonly parsed = new Map<number | string, CachedObject>();
  private parsedBytes = 0;
  /**
   * Objects that could not be read stay refused, whatever the cache pushed out: read again
   * from another lookup (another revision's /Length, another chain) they might not be.
   * At most one small entry per cross-reference entry.
   */
  private readonly failed = new Map<number | string, Promise<PdfObject>>();
  private readonly maxParsedBytes: number;
  /** Stream extents found so far by data offset: a stream parsed again ends where it ended first. */
  private readonly streamExtents = new Map<number, Promise<StreamExtent>>();
  /** The extents of `streamExtents` known without waiting (found by readNow, or settled). */
  private readonly settledExtents = new Map<number, StreamExtent>();
  private readonly objectStreams = new Map<number, Promise<DecodedObjectStream>>();
  private readonly streamDigests = new Map<number, Promise<string>>();
  /**
   * Bytes the reader may scan for `endstream` when a /Length is wrong, over the whole
   * document: twice the file size. Without it, many streams with bad lengths would
   * each scan to the end of the file (quadratic time).
   */
  private searchBudget: number;
  /**
   * Objects found near, not at, the offset their cross-reference entry gives, by object and
   * listed offset: found once, then read from where they were found (one report each, however
   * often the walks look them up).
   */
  readonly repairedOffsets = new Map<string, { readonly object: string; readonly listed: number; readonly found: number }>();
  /**
   * Every entry of each object number with the revision that wrote it, oldest first: a
   * lookup is one map access however many revisions the document has (walks look up each
   * object several times per revision). Built once, as large as the entries themselves.
   */
  private readonly definitions = new Map<number, { readonly revision: number; readonly entry: XrefEntry }[]>();
  /** Object numbers some entry names as its object stream. */
  private readonly containers = new Set<number>();
  /** Some object stream is itself in an object stream (found on the first changedIn). */
  private nestedContainers: boolean | undefined;
  private readonly changedSets = new Map<number, Set<number>>();
  /** The decryptor of an encrypted document opened with the empty user password (crypt.ts). */
  crypt: PdfCrypt | undefined;

  constructor(
    readonly file: PdfFile,
    readonly revisions: readonly Revision[],
    readonly options: ObjectStoreOptions,
  ) {
    this.searchBudget = 2 * file.size;
    this.maxParsedBytes = options.maxCachedObjectBytes ?? MAX_CACHED_OBJECT_BYTES;
    revisions.forEach((revision, index) => {
      // Revision k is the k-th in the list, as entry() has always counted.
      revision.entries.forEach((entry, num) => {
        if (entry.type === 'compressed') this.containers.add(entry.stream);
        const definition = { revision: index + 1, entry };
        const list = this.definitions.get(num);
        if (list) list.push(definition);
        else this.definitions.set(num, [definition]);
      });
    });
  }

  /**
   * The highest object number some cross-reference entry defines (-1: none), when it is no
   * more than a few dozen times the number of objects defined; -1 otherwise (a sparse table,
   * such as one hostile subsection far out). What a walk may keep a bit per number up to.
   */
  denseHighestNumber(): number {
    if (this.highest === undefined) {
      let highest = -1;
      for (const num of this.definitions.keys()) if (num > highest) highest = num;
      this.highest = highest <= 64 * this.definitions.size + 4096 ? highest : -1;
    }
    return this.highest;
  }
  private highest: number | undefined;

  private cached(key: number | string): Promise<PdfObject> | undefined {
    const failed = this.failed.get(key);
    if (failed) return failed;
    const entry = this.parsed.get(key);
    if (!entry) return undefined;
    this.touch(key, entry);
    return entry.object ?? (entry.object = Promise.resolve(entry.settled!));
  }

  private remember(key: number | string, object: Promise<PdfObject> | undefined, cost: number, settled?: PdfObject): void {
    this.parsed.set(key, { object, cost, settled });
    this.parsedBytes += cost;
    this.evict();
  }

  /** The entry of `object` (if still cached) is parsed as `settled` and now costs `cost`. */
  private resize(key: number | string, object: Promise<PdfObject>, settled: PdfObject, cost: number): void {
    const entry = this.parsed.get(key);
    if (entry?.object !== object) return;
    this.parsedBytes += cost - entry.cost;
    this.parsed.set(key, { object, cost, settled });
    this.evict();
  }

  private evict(): void {
    if (this.parsedBytes <= this.maxParsedBytes) return;
    for (const [oldest, entry] of this.parsed) {
      if (this.parsedBytes <= this.maxParsedBytes) break;
      this.parsed.delete(oldest);
      this.parsedBytes -= entry.cost;
    }
  }

  /** The entry for `num` as revision `revision` (1-based) sees it. */
  entry(num: number, revision: number): XrefEntry | undefined {
    const list = this.definitions.get(num);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.revision <= revision) return list[i]!.entry;
    return undefined;
  }

  /** The revision (1-based) whose entry `revision` sees for `num`, or 0. */
  definingRevision(num: number, revision: number): number {
    const list = this.definitions.get(num);
    if (!list) return 0;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.revision <= revision) return list[i]!.revision;
    return 0;
  }

  /**
   * `num` resolves in `newer` to exactly what it resolves to in `older`: no revision in
   * between redefines it, nor the object stream holding it. Walks over a later revision
   * use this to take over what they learnt from an earlier one instead of reading again;
   * a chain of object streams longer than a few links counts as changed.
   */
  unchangedBetween(num: number, older: number, newer: number): boolean {
    if (older < 1 || newer > this.revisions.length || older > newer) return false;
    for (let link = 0; link < 4; link++) {
      // One look at the definitions (oldest first): none in (older, newer], and the one `older` sees.
      const list = this.definitions.get(num);
      if (!list) return true;
      let i = list.length - 1;
      while (i >= 0 && list[i]!.revision > newer) i--;
      if (i >= 0 && list[i]!.revision > older) return false;
      const entry = i >= 0 ? list[i]!.entry : undefined;
      if (entry?.type !== 'compressed') return true;
      num = entry.stream;
    }
    return false;
  }

  /**
   * The object numbers that resolve differently in `revision` than in the revision before
   * (exactly those for which `unchangedBetween(num, revision - 1, revision)` is false), or
   * undefined when that set is not simply the revision's own entries: an object stream is
   * redefined or nested in another (its members change without an entry of their own). A
   * walk over `revision` may take over what it found in the revision before wherever it
   * read none of these objects.
   */
  changedIn(revision: number): ReadonlySet<number> | undefined {
    if (revision < 2 || revision > this.revisions.length) return undefined;
    if (this.nestedContainers === undefined) {
      let nested = false;
      this.containers.forEach((num) => {
        if (this.definitions.get(num)?.some((definition) => definition.entry.type === 'compressed')) nested = true;
      });
      this.nestedContainers = nested;
    }
    if (this.nestedContainers) return undefined;
    const containers = this.containers;
    const own = this.revisions[revision - 1]!.entries;
    let changed: Set<number> | undefined = this.changedSets.get(revision);
    if (changed) return changed;
    changed = new Set<number>();
    for (const num of own.keys()) {
      if (containers.has(num)) return undefined;
      changed.add(num);
    }
    this.changedSets.set(revision, changed);
    return changed;
  }

  /** The object `num` in revision `revision`, or null when free or undefined. */
  async resolve(num: number, revision: number, chain: ReadonlySet<number> = NO_CHAIN): Promise<PdfObject | null> {
    const entry = this.entry(num, revision);
    if (!entry || entry.type === 'free') return null;
    // The chain is passed down explicitly (not kept on the store) so that independent
    // lookups running at the same time never see each other as a cycle.
    if (chain.has(num)) throw new PdfObjectError(PDF_MESSAGES.PDF_OBJECT_STREAM_CYCLE({ object: `${num} 0 R` }));
    // An object read from the file adds itself to the chain when it is parsed (atOffset):
    // a lookup the cache answers allocates no chain.
    if (entry.type === 'offset') return this.atOffsetOrNearby(num, entry.gen, entry.offset, revision, chain);
    return this.compressed(num, entry.stream, entry.index, revision, new Set(chain).add(num));
  }

  /**
   * What `resolve(num, revision)` gives, when that is known without waiting: null for a
   * free or undefined object, the object when the cache holds it parsed; undefined when
   * only `resolve` can tell (not cached, not readable, a repaired offset, a chain of
   * object streams). Walks over thousands of objects use it to skip the promises of a
   * lookup per object; it reports nothing, and reads only what `resolve` would read
   * first, when that is in the file's cached blocks (readNow).
   */
  known(num: number, revision: number): PdfObject | null | undefined {
    const entry = this.entry(num, revision);
    if (!entry || entry.type === 'free') return null;
    if (this.repairedOffsets.size > 0) return undefined;
    let key: number | string;
    if (entry.type === 'offset') {
      key = entry.offset;
      // settledAt's lookups, made once: walks ask this of every object, several times per revision.
      const cached = this.parsed.get(key);
      const failed = this.failed.size > 0 && this.failed.has(key);
      if (cached === undefined) return failed ? undefined : this.readNow(num, key);
      const object = cached.settled;
      if (failed || !object || object.num !== num) return undefined;
      this.touch(key, cached);
      return object;
    } else {
      const streamEntry = entry.stream === num ? undefined : this.entry(entry.stream, revision);
      if (streamEntry?.type !== 'offset') return undefined;
      const container = this.settledAt(streamEntry.offset, entry.stream);
      if (!container?.stream || container.location.kind !== 'file' || nameOf(dictEntry(container.value, 'Type')) !== 'ObjStm') return undefined;
      key = `${container.location.start}:${entry.index}:${num}`;
    }
    return this.settledAt(key, num);
  }

  /**
   * The object at `offset`, read now as readAtOffset would read it, when that takes one
   * window of cached bytes and nothing after: a stream only when its extent is known now
   * (extentNow), no decryption, no larger window. Otherwise (and on any error) undefined,
   * and `resolve` reads it as always, reporting what fails.
   */
  private readNow(num: number, offset: number): PdfObject | undefined {
    if (this.crypt) return undefined;
    // The rest of the cached block, not a first window: an object of a few kilobytes (a page
    // tree node's /Kids, a large /Fields) is read at once instead of given up and read again.
    const bytes = this.file.cachedFrom(offset, this.options.maxObjectBytes);
    if (!bytes || bytes.length === 0) return undefined;
    let raw: RawObject;
    try {
      raw = parseRawObject(new Lexer(bytes, offset, offset + bytes.length >= this.file.size));
    } catch {
      return undefined;
    }
    let object: PdfObject;
    if (raw.stream) {
      // A page's content stream (a thousand of them in a thousand-page document) is read now
      // when its extent is: the walks then take its references without a promise each.
      const extent = this.extentNow(raw.stream.dataStart, raw.stream.declaredLength);
      if (!extent) return undefined;
      object = {
        num: raw.num,
        gen: raw.gen,
        value: raw.value,
        location: { kind: 'file', start: raw.start, end: extent.end },
        refs: raw.refs,
        stream: { dataStart: raw.stream.dataStart, length: extent.length },
      };
    } else {
      object = { num: raw.num, gen: raw.gen, value: raw.value, location: { kind: 'file', start: raw.start, end: raw.end }, refs: raw.refs };
    }
    this.remember(offset, undefined, CACHED_OBJECT_OVERHEAD + textBytes(object), object);
    return object.num === num ? object : undefined;
  }

  /**
   * The extent readAtOffset finds for the stream at `dataStart`, when known without waiting:
   * found before, or a /Length written as a number and followed by `endstream` in cached
   * bytes (what locateStreamEnd trusts). Undefined otherwise (an indirect or wrong /Length,
   * bytes not cached, a search under way): readAtOffset then finds it as always.
   */
  private extentNow(dataStart: number, declaredLength: PdfValue | undefined): StreamExtent | undefined {
    const settled = this.settledExtents.get(dataStart);
    if (settled) return settled;
    if (this.streamExtents.has(dataStart) || declaredLength?.kind !== 'number') return undefined;
    const length = integerOf(declaredLength);
    const extent = length === undefined ? undefined : trustedStreamEndNow(this.file, dataStart, length);
    if (!extent) return undefined;
    // Recorded as readAtOffset records what it finds: a stream read again ends where it ended first.
    this.settledExtents.set(dataStart, extent);
    this.streamExtents.set(dataStart, Promise.resolve(extent));
    return extent;
  }

  private settledAt(key: number | string, num: number): PdfObject | undefined {
    if (this.failed.size > 0 && this.failed.has(key)) return undefined;
    const cached = this.parsed.get(key);
    const object = cached?.settled;
    if (!object || object.num !== num) return undefined;
    this.touch(key, cached!);
    return object;
  }

  /**
   * Marks a cached object used now (last in the eviction order), once the cache is half full:
   * below that nothing is evicted before it fills, and moving each of thousands of objects to
   * the end of the map at every lookup (a delete and a set, the map rebuilt every thousand
   * or so) cost more than the walks' lookups themselves. Which objects stay cached changes
   * what a lookup costs, never what it reads.
   */
  private touch(key: number | string, cached: CachedObject): void {
    if (this.parsedBytes * 2 <= this.maxParsedBytes) return;
    this.parsed.delete(key);
    this.parsed.set(key, cached);
  }

  /** Follows a reference (one level); a direct value is returned as is. */
  async deref(value: PdfValue | undefined, revision: number): Promise<PdfValue | undefined> {
    if (value?.kind !== 'ref') return value;
    const object = await this.resolve(value.num, revision);
    return object?.value;
  }

  /**
   * Cross-reference offsets a few bytes off (a writer miscounting an end of line) are a
   * known quirk that poppler, pdf.js and Acrobat repair, and pdfsig signs over. When the
   * listed offset holds no object `num`, the object is looked for only as `num gen obj`
   * starting within NEARBY_BYTES of that offset, and the repair is recorded for the report.
   */
  /** Whether the entry listing `num gen` at `offset` was repaired (the object found nearby, not there). */
  isRepaired(num: number, gen: number, offset: number): boolean {
    return this.repairedOffsets.size > 0 && this.repairedOffsets.has(repairKey(num, gen, offset));
  }

  private async atOffsetOrNearby(num: number, gen: number, offset: number, revision: number, chain: ReadonlySet<number>): Promise<PdfObject> {
    const repaired = this.repairedOffsets.size > 0 ? this.repairedOffsets.get(repairKey(num, gen, offset)) : undefined;
    if (repaired) return this.atOffset(num, repaired.found, revision, chain);
    try {
      return await this.atOffset(num, offset, revision, chain);
    } catch (error) {
      if (!(error instanceof PdfObjectError) || error.report.code === 'PDF_OBJECT_STREAM_CYCLE') throw error;
      const from = Math.max(0, offset - NEARBY_BYTES);
      const window = await this.file.read(from, offset + NEARBY_BYTES - from + 24);
      const header = asciiBytes(`${num} ${gen} obj`);
      for (let i = 0; i + header.length <= window.length; i++) {
        const start = from + i;
        if (start === offset || Math.abs(start - offset) > NEARBY_BYTES) continue;
        if (i > 0 && window[i - 1]! >= 0x30 && window[i - 1]! <= 0x39) continue;
        if (!header.every((byte, k) => window[i + k] === byte)) continue;
        const object = await this.atOffset(num, start, revision, chain).catch(() => undefined);
        if (object && object.gen === gen) {
          this.repairedOffsets.set(repairKey(num, gen, offset), { object: `${num} ${gen} R`, listed: offset, found: start });
          return object;
        }
      }
      throw error;
    }
  }

  private async atOffset(num: number, offset: number, revision: number, chain: ReadonlySet<number>): Promise<PdfObject> {
    let cached = this.cached(offset);
    if (!cached) {
      cached = this.readAtOffset(offset, revision, new Set(chain).add(num));
      // The cost is known once parsed; until then the entry counts as its overhead.
      const pending = cached;
      this.remember(offset, pending, CACHED_OBJECT_OVERHEAD);
      pending.then(
        (object) => this.resize(offset, pending, object, CACHED_OBJECT_OVERHEAD + textBytes(object)),
        () => this.failed.set(offset, pending),
      );
    }
    const object = await cached;
    if (object.num !== num) {
      throw new PdfObjectError(
        PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object: `${num} 0 R`, detail: `the cross-reference entry points to object ${object.num} at byte ${offset}` }),
      );
    }
    return object;
  }

  private async readAtOffset(offset: number, revision: number, chain: ReadonlySet<number>): Promise<PdfObject> {
    let raw;
    try {
      raw = await readRawObject(this.file, offset, this.options.maxObjectBytes);
    } catch (error) {
      throw this.wrap(error, `object at byte ${offset}`);
    }
    // Strings of objects stored in the file are encrypted one by one (members of an object
    // stream are not: the whole stream is); the /Encrypt dictionary and xref streams never are.
    const crypt = this.crypt;
    if (crypt && raw.num !== crypt.encryptNum && nameOf(dictEntry(raw.value, 'Type')) !== 'XRef') {
      // A value made anew: its references are listed from it, not taken from the parse.
      raw = { ...raw, value: await crypt.decryptValue(raw.num, raw.gen, raw.value), refs: undefined };
    }
    if (!raw.stream) {
      return { num: raw.num, gen: raw.gen, value: raw.value, location: { kind: 'file', start: raw.start, end: raw.end }, refs: raw.refs };
    }
    const dataStart = raw.stream.dataStart;
    let found = this.streamExtents.get(dataStart);
    if (!found) {
      let declared = integerOf(raw.stream.declaredLength);
      if (raw.stream.declaredLength?.kind === 'ref') {
        try {
          const length = await this.resolve(raw.stream.declaredLength.num, revision, chain);
          declared = integerOf(length?.value);
        } catch (error) {
          if (error instanceof PdfObjectError && error.report.code === 'PDF_OBJECT_STREAM_CYCLE') throw error;
          declared = undefined;
        }
      }
      found = this.streamExtents.get(dataStart);
      if (!found) {
        const maxSearch = Math.max(0, Math.min(this.searchBudget, this.file.size - dataStart));
        found = locateStreamEnd(this.file, dataStart, declared, maxSearch).then(
          (extent) => {
            if (!extent.lengthTrusted) this.searchBudget -= extent.length;
            this.settledExtents.set(dataStart, extent);
            return extent;
          },
          (error: unknown) => {
            this.searchBudget -= maxSearch;
            throw error;
          },
        );
        this.streamExtents.set(dataStart, found);
      }
    }
    try {
      const extent = await found;
      return {
        num: raw.num,
        gen: raw.gen,
        value: raw.value,
        location: { kind: 'file', start: raw.start, end: extent.end },
        refs: raw.refs,
        stream: { dataStart, length: extent.length },
      };
    } catch (error) {
      throw this.wrap(error, `${raw.num} ${raw.gen} R`);
    }
  }

  private wrap(error: unknown, object: string): Error {
    if (error instanceof PdfObjectError) return error;
    if (error instanceof NestingTooDeep) return new PdfObjectError(PDF_MESSAGES.PDF_NESTING_TOO_DEEP({ object, limit: MAX_PDF_NESTING }));
    if (error instanceof TooManyItems) return new PdfObjectError(PDF_MESSAGES.PDF_CONTAINER_TOO_LARGE({ object, limit: MAX_CONTAINER_ITEMS }));
    if (error instanceof InflateLimitExceeded) return new PdfObjectError(PDF_MESSAGES.PDF_INFLATE_LIMIT({ object, limit: error.limit }));
    if (error instanceof UnsupportedFilter) return new PdfObjectError(PDF_MESSAGES.PDF_UNSUPPORTED_FILTER({ object, filter: error.filter }));
    if (error instanceof PdfSyntaxError || error instanceof DecodeError || error instanceof ObjectTooLarge) {
      return new PdfObjectError(PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object, detail: error.message }));
    }
    if (error instanceof Error && error.name === 'LimitExceeded') return error;
    return new PdfObjectError(PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object, detail: error instanceof Error ? error.message : String(error) }));
  }

  private async compressed(num: number, streamNum: number, index: number, revision: number, chain: ReadonlySet<number>): Promise<PdfObject> {
    const container = await this.resolve(streamNum, revision, chain);
    if (!container || !container.stream || container.location.kind !== 'file' || nameOf(dictEntry(container.value, 'Type')) !== 'ObjStm') {
      throw new PdfObjectError(
        PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object: `${num} 0 R`, detail: `object ${streamNum} is not an object stream` }),
      );
    }
    const key = `${container.location.start}:${index}:${num}`;
    const known = this.cached(key);
    if (known) return known;
    const decoded = await this.objectStream(container);
    if (decoded.repeated.has(num)) {
      throw new PdfObjectError(
        PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object: `${num} 0 R`, detail: `listed more than once in object stream ${streamNum}` }),
      );
    }
    const member = decoded.members[index];
    if (!member || member[0] !== num) {
      // Viewers (pdf.js) take whatever sits at the index the xref names; reading another copy by its number would
      // show something else than they do. Real writers get the index right, so a mismatch is a format failure.
      throw new PdfObjectError(
        PDF_MESSAGES.PDF_OBJECT_UNREADABLE({
          object: `${num} 0 R`,
          detail: member ? `object stream ${streamNum} holds object ${member[0]} at index ${index}` : `not in object stream ${streamNum} at index ${index}`,
        }),
      );
    }
    return this.member(decoded, index, num, streamNum, container.location.start, key);
  }

  private member(decoded: DecodedObjectStream, index: number, num: number, streamNum: number, streamStart: number, key: string): PdfObject {
    const [, relative] = decoded.members[index]!;
    const start = decoded.first + relative;
    if (start >= decoded.data.length) {
      throw new PdfObjectError(PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object: `${num} 0 R`, detail: 'offset outside its object stream' }));
    }
    try {
      const lexer = new Lexer(decoded.data.subarray(start), 0, true);
      lexer.refs = [];
      lexer.refsInOrder = true;
      const value = parseValue(lexer);
      const object: PdfObject = { num, gen: 0, value, location: { kind: 'compressed', stream: streamNum, index, streamStart }, refs: lexer.refsInOrder ? exactly(lexer.refs) : undefined };
      this.remember(key, undefined, CACHED_OBJECT_OVERHEAD + lexer.position, object);
      return object;
    } catch (error) {
      throw this.wrap(error, `${num} 0 R`);
    }
  }

  private objectStream(container: PdfObject): Promise<DecodedObjectStream> {
    const key = container.location.kind === 'file' ? container.location.start : -1;
    let cached = this.objectStreams.get(key);
    if (cached) {
      // Least recently used goes first: a stream read again moves to the back.
      this.objectStreams.delete(key);
      this.objectStreams.set(key, cached);
    } else {
      cached = this.decodeObjectStream(container);
      this.objectStreams.set(key, cached);
      if (this.objectStreams.size > MAX_CACHED_OBJECT_STREAMS) {
        const oldest = this.objectStreams.keys().next().value;
        if (oldest !== undefined) this.objectStreams.delete(oldest);
      }
    }
    return cached;
  }

  private async decodeObjectStream(container: PdfObject): Promise<DecodedObjectStream> {
    const name = `${container.num} ${container.gen} R`;
    let data: Uint8Array;
    try {
      data = await this.decoded(container);
    } catch (error) {
      if (this.options.encrypted && !this.crypt) throw new PdfObjectError(PDF_MESSAGES.PDF_ENCRYPTED_UNREADABLE());
      throw this.wrap(error, name);
    }
    const count = integerOf(dictEntry(container.value, 'N'));
    const first = integerOf(dictEntry(container.value, 'First'));
    if (count === undefined || first === undefined || first > data.length) {
      throw new PdfObjectError(PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object: name, detail: 'invalid /N or /First' }));
    }
    // Each member needs at least four header bytes: /N cannot exceed what /First allows.
    if (count > first / 4 + 1) {
      throw new PdfObjectError(PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object: name, detail: '/N larger than its header' }));
    }
    const members: [number, number][] = [];
    try {
      const lexer = new Lexer(data.subarray(0, first), 0, true);
      for (let i = 0; i < count; i++) members.push([expectInteger(lexer, 'object number'), expectInteger(lexer, 'offset')]);
    } catch (error) {
      if (this.options.encrypted && !this.crypt) throw new PdfObjectError(PDF_MESSAGES.PDF_ENCRYPTED_UNREADABLE());
      throw this.wrap(error, name);
    }
    const seen = new Set<number>();
    const repeated = new Set<number>();
    for (const [num] of members) {
      if (seen.has(num)) repeated.add(num);
      seen.add(num);
    }
    return { data, first, members, repeated };
  }

  /** The raw (encoded) bytes of a stream. */
  async rawStream(object: PdfObject, maxBytes: number): Promise<Uint8Array> {
    if (!object.stream) return new Uint8Array(0);
    if (object.stream.length > maxBytes) {
      throw new PdfObjectError(PDF_MESSAGES.PDF_INFLATE_LIMIT({ object: `${object.num} ${object.gen} R`, limit: maxBytes }));
    }
    return this.file.read(object.stream.dataStart, object.stream.length);
  }

  /**
   * The decoded bytes of a stream, bounded by `maxBytes` (at most maxInflatedBytes) and
   * by what the document's inflate budget has left: a stream over its own bound is
   * refused with PDF_INFLATE_LIMIT, one over the document's remaining budget with
   * PDF_INFLATE_TOTAL_LIMIT. A stream is counted against the budget once.
   */
  async decoded(object: PdfObject, maxBytes = this.options.maxInflatedBytes): Promise<Uint8Array> {
    const budget = this.options.inflateBudget;
    const key = object.stream?.dataStart ?? -1;
    const ownLimit = Math.min(maxBytes, this.options.maxInflatedBytes);
    // Only inflated output counts: unfiltered data is the file's own bytes.
    const filtered = dictEntry(object.value, 'Filter') !== undefined;
    const byBudget = filtered && !budget.has(key) && budget.remaining < ownLimit;
    const limit = byBudget ? budget.remaining : ownLimit;
    const name = `${object.num} ${object.gen} R`;
    const refuse = (): PdfObjectError =>
      new PdfObjectError(
        !byBudget
          ? PDF_MESSAGES.PDF_INFLATE_LIMIT({ object: name, limit })
          : budget.boundByTree
            ? PDF_MESSAGES.PDF_INFLATE_NESTED_TOTAL_LIMIT({ object: name, limit: budget.treeLimit })
            : PDF_MESSAGES.PDF_INFLATE_TOTAL_LIMIT({ object: name, limit: budget.limit }),
      );
    const again = filtered && budget.has(key) ? budget.repeatRefused(key) : undefined;
    if (again) {
      throw new PdfObjectError(
        again === 'tree'
          ? PDF_MESSAGES.PDF_INFLATE_NESTED_TOTAL_LIMIT({ object: name, limit: budget.treeLimit })
          : PDF_MESSAGES.PDF_INFLATE_WORK_LIMIT({ object: name, limit: budget.workLimit }),
      );
    }
    if (object.stream && object.stream.length > maxRawStreamBytes(limit)) throw refuse();
    let raw = await this.rawStream(object, maxRawStreamBytes(limit));
    let data: Uint8Array;
    try {
      if (this.crypt && this.encryptedStream(object)) raw = await this.crypt.decryptStream(object.num, object.gen, raw);
      data = decodeStream(object.value, raw, limit);
    } catch (error) {
      if (error instanceof InflateLimitExceeded) {
        if (filtered) budget.refused(limit);
        throw refuse();
      }
      throw this.wrap(error, name);
    }
    if (filtered) budget.record(key, data.length);
    return data;
  }

  /** Streams in the file are encrypted, except xref streams, clear XMP metadata, and an Identity crypt filter. */
  private encryptedStream(object: PdfObject): boolean {
    if (object.location.kind !== 'file' || object.num === this.crypt?.encryptNum) return false;
    const type = nameOf(dictEntry(object.value, 'Type'));
    if (type === 'XRef') return false;
    if (type === 'Metadata' && !this.crypt?.encryptMetadata) return false;
    const filter = dictEntry(object.value, 'Filter');
    const first = filter?.kind === 'array' ? filter.items[0] : filter;
    return nameOf(first) !== 'Crypt';
  }

  /**
   * SHA-256 of a stream's raw data, read in chunks (streams are compared without loading them).
   * A stream decrypted with a key made from its object number and generation (RC4, AES-128:
   * ISO 32000-2, Algorithm 1) has them in its digest too: the same ciphertext stored under
   * another number decrypts to noise, so an update that moves signed bytes to a new object
   * changes what every viewer shows.
   */
  streamDigest(object: PdfObject): Promise<string> {
    if (!object.stream) return Promise.resolve('');
    const key = object.stream.dataStart;
    let cached = this.streamDigests.get(key);
    if (!cached) {
      const range = { offset: object.stream.dataStart, length: object.stream.length };
      cached = hashRanges(this.file.source, [range], 'SHA-256', this.options.hashFactory).then(toHex);
      this.streamDigests.set(key, cached);
    }
    if (this.crypt?.keyPerObject && this.encryptedStream(object)) return cached.then((digest) => `${object.num} ${object.gen} ${digest}`);
    return cached;
  }
}

/**
 * Encoded data read whole before decoding. Deflate never grows data by more than a
 * few bytes per 16 KiB block, so twice the inflate bound (plus slack for tiny
 * streams) is never reached by a stream whose decoded form is within the bound.
 */
export function maxRawStreamBytes(maxInflatedBytes: number): number {
  return 2 * maxInflatedBytes + 1024;
}

/** The object's own text: its value, not its stream data. */
function textBytes(object: PdfObject): number {
  if (object.location.kind !== 'file') return 0;
  return (object.stream ? object.stream.dataStart : object.location.end) - object.location.start;
}

function dictEntry(value: PdfValue, key: string): PdfValue | undefined {
  return value.kind === 'dict' ? value.entries.get(key) : undefined;
}
