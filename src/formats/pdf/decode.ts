/**
 * Stream decoding for the streams the reader itself must understand: cross-reference
 * streams, object streams and DSS entries. Only FlateDecode (with PNG/TIFF
 * predictors) is supported; that is what every writer uses for these streams.
 *
 * Inflation is bounded: input is fed in 1 KiB pieces (deflate expands at most ~1032
 * times), and decoding stops as soon as the output passes the cap, so a deflate
 * bomb costs at most the cap plus about 1 MiB.
 */
import { Unzlib, Inflate } from 'fflate';
import type { DecompressionBudget } from '../types.js';
import type { PdfValue } from './syntax.js';
import { dictGet, integerOf, nameOf } from './syntax.js';

export class InflateLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`inflated data exceeds ${limit} bytes`);
    this.name = 'InflateLimitExceeded';
  }
}

export class UnsupportedFilter extends Error {
  constructor(readonly filter: string) {
    super(`unsupported filter ${filter}`);
    this.name = 'UnsupportedFilter';
  }
}

export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

const FEED_BYTES = 1024;
/** Output up to this size is kept as it is decoded; larger output is decoded twice (see boundedInflate). */
const KEEP_CHUNKS_BYTES = 1 << 20;

/**
 * Inflates zlib (or, failing the header check, raw deflate) data, refusing to produce
 * more than `maxBytes`. Memory is the output plus a small working set: output under
 * 1 MiB is kept as it comes; beyond that the pieces are dropped, the size is counted to
 * the end (or to the limit), and a second pass writes into one buffer of exactly that
 * size, so a large stream never sits in memory twice.
 */
export function boundedInflate(data: Uint8Array, maxBytes: number): Uint8Array {
  const zlibHeader = data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0;
  let chunks: Uint8Array[] | undefined = [];
  let total = 0;
  const counted = inflate(data, zlibHeader, (chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new InflateLimitExceeded(maxBytes);
    if (chunks && total > KEEP_CHUNKS_BYTES) chunks = undefined;
    chunks?.push(chunk);
  });
  const out = new Uint8Array(counted);
  let offset = 0;
  if (chunks) {
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
  inflate(data, zlibHeader, (chunk) => {
    // The second pass yields the same bytes; a stream cut short stops at the same place.
    const room = counted - offset;
    if (room <= 0) return;
    out.set(chunk.length > room ? chunk.subarray(0, room) : chunk, offset);
    offset += Math.min(chunk.length, room);
  });
  return out;
}

/** Runs the inflater over `data`, feeding it in small pieces; returns the number of bytes produced. */
function inflate(data: Uint8Array, zlibHeader: boolean, onChunk: (chunk: Uint8Array) => void): number {
  let total = 0;
  const inflater = zlibHeader
    ? new Unzlib((chunk) => {
        onChunk(chunk);
        total += chunk.length;
      })
    : new Inflate((chunk) => {
        onChunk(chunk);
        total += chunk.length;
      });
  try {
    for (let i = 0; i < data.length; i += FEED_BYTES) {
      inflater.push(data.subarray(i, i + FEED_BYTES), i + FEED_BYTES >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof InflateLimitExceeded) throw error;
    // A stream cut short (common in damaged files) still yields what was decoded;
    // nothing at all is an error.
    if (total === 0) throw new DecodeError(`invalid deflate data: ${error instanceof Error ? error.message : String(error)}`);
  }
  return total;
}

/**
 * Inflated bytes of a whole document, each stream counted once (by where its data
 * starts): however many streams a document has, together they inflate to at most
 * `limit` bytes, so many streams each just under the per-stream bound cannot add up.
 *
 * A PDF inside another document (a ZIP, an edXML package) also draws on the top-level
 * document's decompression budget (`tree`, formats/limits.ts), as nested archives do: else a
 * 38 KB ZIP of forty copies of one 200 KB PDF whose object stream inflates to 200 MiB made
 * 40 s of inflation (measured), each copy within its own limit.
 */
export class InflateBudget {
  private used = 0;
  /** Inflated bytes of every decode, a stream decoded again (its cache entry pushed out) included. */
  private work = 0;
  /** Streams counted, by where their data starts, with what each inflated to. */
  private readonly counted = new Map<number, number>();
  /**
   * Inflation work the document may cost in all: decoding a counted stream again is not
   * counted against `limit`, so without this bound object streams read in turn, more of them
   * than the decoded-stream cache holds, were inflated again for every object read (measured: a
   * 285 KB PDF of 17 object streams of 15 MiB, its fields in turn across them, took 67 s of CPU).
   * Twice `limit`: no real-world or sample PDF decodes any stream twice.
   */
  readonly workLimit: number;

  /** `treeLimit`: what `tree` started from (ParseLimits.maxZipBytes), for messages. */
  constructor(
    readonly limit: number,
    private readonly tree?: DecompressionBudget,
    readonly treeLimit = 0,
  ) {
    this.workLimit = 2 * limit;
  }

  /** Whether the stream whose data starts at `key` was already counted. */
  has(key: number): boolean {
    return this.counted.has(key);
  }

  /** Bytes a stream not yet counted may still inflate to. */
  get remaining(): number {
    return Math.max(0, Math.min(this.limit - this.used, this.tree?.bytes ?? Infinity));
  }

  /** Whether `remaining` is short because of the top-level document's budget rather than this document's own. */
  get boundByTree(): boolean {
    return this.tree !== undefined && this.tree.bytes < this.limit - this.used;
  }

  /**
   * Why a counted stream may not be decoded again: `work` (this document's work bound) or
   * `tree` (the top-level document's budget); undefined when it may.
   */
  repeatRefused(key: number): 'work' | 'tree' | undefined {
    const size = this.counted.get(key) ?? 0;
    if (this.work + size > this.workLimit) return 'work';
    if (this.tree !== undefined && this.tree.bytes < size) return 'tree';
    return undefined;
  }

  record(key: number, bytes: number): void {
    this.work += bytes;
    this.drawOnTree(bytes);
    if (this.counted.has(key)) return;
    this.counted.set(key, bytes);
    this.used += bytes;
  }

  /**
   * Work a refused stream did before it was stopped (its limit's worth of inflation): counted
   * against the top-level budget only, so that a nested document's refusals add up there too,
   * while this document's own accounting stays as it was.
   */
  refused(bytes: number): void {
    this.drawOnTree(bytes);
  }

  private drawOnTree(bytes: number): void {
    if (this.tree) this.tree.bytes = Math.max(0, this.tree.bytes - bytes);
  }
}

function filtersOf(dict: PdfValue): { filters: string[]; params: (PdfValue | undefined)[] } {
  const filter = dictGet(dict, 'Filter');
  const parms = dictGet(dict, 'DecodeParms') ?? dictGet(dict, 'DP');
  if (filter === undefined) return { filters: [], params: [] };
  if (filter.kind === 'name') return { filters: [filter.value], params: [parms?.kind === 'array' ? parms.items[0] : parms] };
  if (filter.kind === 'array') {
    const filters = filter.items.map((item) => nameOf(item) ?? '?');
    const params = filters.map((_, i) => (parms?.kind === 'array' ? parms.items[i] : i === 0 ? parms : undefined));
    return { filters, params };
  }
  return { filters: ['?'], params: [] };
}

/** Decodes stream data according to its dictionary's /Filter and /DecodeParms. */
export function decodeStream(dict: PdfValue, raw: Uint8Array, maxBytes: number): Uint8Array {
  const { filters, params } = filtersOf(dict);
  let data = raw;
  for (let i = 0; i < filters.length; i++) {
    const filter = filters[i]!;
    if (filter !== 'FlateDecode' && filter !== 'Fl') throw new UnsupportedFilter(filter);
    data = boundedInflate(data, maxBytes);
    data = unpredict(data, params[i]);
  }
  if (data.length > maxBytes) throw new InflateLimitExceeded(maxBytes);
  return data;
}

function unpredict(data: Uint8Array, params: PdfValue | undefined): Uint8Array {
  const predictor = integerOf(dictGet(params, 'Predictor')) ?? 1;
  if (predictor === 1) return data;
  const colors = integerOf(dictGet(params, 'Colors')) ?? 1;
  const bits = integerOf(dictGet(params, 'BitsPerComponent')) ?? 8;
  const columns = integerOf(dictGet(params, 'Columns')) ?? 1;
  if (colors < 1 || colors > 32 || ![1, 2, 4, 8, 16].includes(bits) || columns < 1 || columns > 1 << 24) {
    throw new DecodeError('invalid predictor parameters');
  }
  const bytesPerPixel = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowBytes = Math.ceil((colors * bits * columns) / 8);
  if (predictor === 2) {
    if (bits !== 8) throw new DecodeError('TIFF predictor supported for 8-bit components only');
    const out = data.slice();
    for (let row = 0; row + rowBytes <= out.length; row += rowBytes) {
      for (let i = bytesPerPixel; i < rowBytes; i++) out[row + i] = (out[row + i]! + out[row + i - bytesPerPixel]!) & 0xff;
    }
    return out;
  }
  if (predictor < 10 || predictor > 15) throw new DecodeError(`unknown predictor ${predictor}`);
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  let previous = new Uint8Array(rowBytes);
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowBytes + 1)]!;
    const input = data.subarray(row * (rowBytes + 1) + 1, (row + 1) * (rowBytes + 1));
    const current = out.subarray(row * rowBytes, (row + 1) * rowBytes);
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= bytesPerPixel ? current[i - bytesPerPixel]! : 0;
      const up = previous[i]!;
      const upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel]! : 0;
      let value = input[i]!;
      switch (type) {
        case 0: break;
        case 1: value += left; break;
        case 2: value += up; break;
        case 3: value += (left + up) >> 1; break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          value += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default:
          throw new DecodeError(`invalid PNG row filter ${type}`);
      }
      current[i] = value & 0xff;
    }
    previous = current;
  }
  return out;
}
