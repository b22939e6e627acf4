/**
 * The same document counted once: by the SHA-256 of its bytes, as the queue keys its jobs.
 *
 * Warning first: this needs memory for every distinct document (its digest and what it added to
 * the counts, about 300 bytes), unlike the counts themselves, which grow with the groups only.
 *
 * - The same bytes reported twice (a report line given twice, one file under two names, the same
 *   JSONL read twice) count once. Reports of the same bytes made at different validation times are
 *   still one document: the latest report is kept (it knows more, e.g. a later revocation), the
 *   earlier one is taken back out of the counts; equal or unknown times keep the first.
 * - A document whose bytes a counted package carries (an edXML attachment, a ZIP entry, at any
 *   depth: the reports list each with its SHA-256) is that package's document, extracted: it is not
 *   counted again, whichever of the two comes first.
 * Packages that differ in their bytes count apart even when they carry the same document (the same
 * document sent twice is two transmissions).
 */
import type { DocumentReport } from '../report/types.js';
import type { Aggregator, Counted, Observation } from './aggregate.js';

/** Which bytes a report is of, for counting each document once. */
export interface DocumentIdentity {
  /** SHA-256 of the document's bytes, upper-case hex (for a detached pair: the content's and the signature's, joined by `+`); empty when unknown. */
  readonly sha256: string;
  /** When it was verified (ISO 8601): of two reports of the same bytes, the later one counts. */
  readonly validationTime?: string;
  /** SHA-256 of every document carried inside (edXML attachments, ZIP entries, at any depth). */
  readonly carried?: readonly string[];
}

/** Reports nest documents at most this deep in `attachments` (verify recurses 4 levels); deeper ones are not looked at. */
const MAX_CARRIED_DEPTH = 16;

/** The identity of a report's document: its digest, when it was verified, and the digests of what it carries. */
export function documentIdentity(report: DocumentReport): DocumentIdentity {
  const carried: string[] = [];
  const stack: { report: DocumentReport; depth: number }[] = [{ report, depth: 0 }];
  while (stack.length > 0) {
    const { report: r, depth } = stack.pop()!;
    if (depth >= MAX_CARRIED_DEPTH || !Array.isArray(r.attachments)) continue;
    for (const attachment of r.attachments) {
      // A report line is input: an attachment may be anything JSON holds.
      if (attachment === null || typeof attachment !== 'object') continue;
      if (typeof attachment.sha256 === 'string' && attachment.sha256 !== '') carried.push(attachment.sha256.toUpperCase());
      stack.push({ report: attachment, depth: depth + 1 });
    }
  }
  const time = report.signatures.find((s) => typeof s?.times?.validationTime === 'string')?.times.validationTime;
  return {
    sha256: typeof report.sha256 === 'string' ? report.sha256.toUpperCase() : '',
    ...(time ? { validationTime: time } : {}),
    ...(carried.length > 0 ? { carried } : {}),
  };
}

interface Kept {
  readonly time: number;
  readonly counted: Counted;
}

function timeOf(identity: DocumentIdentity): number {
  const t = identity.validationTime ? Date.parse(identity.validationTime) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** Feeds an Aggregator each distinct document once (see the module's comment); counts what it dropped. */
export class DuplicateFilter {
  readonly #aggregator: Aggregator;
  readonly #kept = new Map<string, Kept>();
  readonly #carried = new Set<string>();
  readonly #dropCarried: boolean;
  #duplicates = 0;
  #carriedCopies = 0;

  /**
   * `options.extractedCopies`: `drop` (default) leaves out a document a counted package carries;
   * `count` counts it apart, as the queue's shard metrics do (a shard cannot see the packages of
   * another shard), so that `kyso metrics` and `kyso metrics merge` over shards agree.
   */
  constructor(aggregator: Aggregator, options: { extractedCopies?: 'drop' | 'count' } = {}) {
    this.#aggregator = aggregator;
    this.#dropCarried = (options.extractedCopies ?? 'drop') === 'drop';
  }

  /** Reports dropped because the same bytes were already counted (a later validation time replaces, and still counts here). */
  get duplicates(): number {
    return this.#duplicates;
  }

  /** Documents not counted because a counted package carries the same bytes. */
  get carriedCopies(): number {
    return this.#carriedCopies;
  }

  /** Counts the observation unless its document was counted already; one without a digest always counts. */
  add(observation: Observation): void {
    const identity = observation.document;
    const sha = identity?.sha256;
    if (!identity || !sha) {
      this.#aggregator.observe(observation);
      return;
    }
    if (this.#dropCarried && this.#carried.has(sha)) {
      this.#carriedCopies++;
      return;
    }
    const kept = this.#kept.get(sha);
    const time = timeOf(identity);
    if (kept) {
      this.#duplicates++;
      if (time <= kept.time) return;
      this.#aggregator.retract(kept.counted);
    }
    this.#kept.set(sha, { time, counted: this.#aggregator.observe(observation) });
    for (const inner of this.#dropCarried ? (identity.carried ?? []) : []) {
      // A report that names its own bytes among what it carries must not take itself back out.
      if (inner === sha || this.#carried.has(inner)) continue;
      this.#carried.add(inner);
      const copy = this.#kept.get(inner);
      if (copy) {
        this.#aggregator.retract(copy.counted);
        this.#kept.delete(inner);
        this.#carriedCopies++;
      }
    }
  }
}
