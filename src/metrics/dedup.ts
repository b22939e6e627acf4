/**
 * The same document counted once: by the SHA-256 of its bytes, as the queue keys its jobs, and by
 * the acts of signing it carries, which no change around them alters.
 *
 * Warning first: this needs memory for every distinct document (its digest, its signing acts and
 * what it added to the counts, a few hundred bytes), unlike the counts themselves, which grow with
 * the groups only.
 *
 * - The same bytes reported twice (a report line given twice, one file under two names, the same
 *   JSONL read twice) count once. Reports of the same bytes made at different validation times are
 *   still one document: the latest report is kept (it knows more, e.g. a later revocation), the
 *   earlier one is taken back out of the counts; equal or unknown times keep the first.
 * - A document whose bytes a counted package carries (an edXML attachment, a ZIP entry, at any
 *   depth: the reports list each with its SHA-256) is that package's document, extracted: it is not
 *   counted again, whichever of the two comes first.
 * - A document whose every signing act was already counted, under the same agency or where either
 *   agency is unknown, is a copy of a counted document however its bytes differ: bytes added after
 *   the signed revision (after `%%EOF`, an update that adds nothing, form fields filled in after
 *   signing), XML outside what is signed written anew, another ZIP or edXML transmission of the
 *   same signed PDF. A signing act is a signature whose value verified, named by its signer's
 *   certificate and the bytes its value is computed over (`SignatureReport.signedBytesSha256`,
 *   which hold the digest of what it signs): only the key's holder makes a new one. Of copies with
 *   the very same acts the best verdict is kept (TOTAL_PASSED over INDETERMINATE over
 *   TOTAL_FAILED), so a copy spoilt by whoever holds it (a broken signature appended, signed bytes
 *   changed) cannot take the genuine one's place, in any order. A document with the acts of a
 *   counted one and more (the person's signature, then the agency's) is its later stage and takes
 *   its place; under another agency (someone else's signature appended to a counted document) it
 *   counts apart and takes nothing away. Reports without `signedBytesSha256` (kyso before it) are
 *   told apart by their bytes alone.
 * Packages that differ in their bytes and carry nothing signed count apart (the same unsigned
 * document sent twice is two transmissions).
 */
import { signatureKind } from '../report/facts.js';
import type { DocumentIndication } from '../report/indications.js';
import type { DocumentReport } from '../report/types.js';
import type { Aggregator, Counted, Observation } from './aggregate.js';

/** Which bytes a report is of, and which acts of signing it carries, for counting each document once. */
export interface DocumentIdentity {
  /** SHA-256 of the document's bytes, upper-case hex (for a detached pair: the content's and the signature's, joined by `+`); empty when unknown. */
  readonly sha256: string;
  /** When it was verified (ISO 8601): of two reports of the same bytes, the later one counts. */
  readonly validationTime?: string;
  /** SHA-256 of every document carried inside (edXML attachments, ZIP entries, at any depth). */
  readonly carried?: readonly string[];
  /**
   * The acts of signing it carries, attachments included: for each document signature (not a
   * package signature, not a document timestamp) whose value verified, `CERTIFICATE:SIGNED`, the
   * signer certificate's SHA-256 and the signature's `signedBytesSha256`; sorted, each once.
   */
  readonly signingActs?: readonly string[];
}

/** Reports nest documents at most this deep in `attachments` (verify recurses 4 levels); deeper ones are not looked at. */
const MAX_CARRIED_DEPTH = 16;

const HEX_256 = /^[0-9A-F]{64}$/;

/** The signing act of one signature of a report, when its value verified and the report names what it was computed over. */
function signingAct(signature: DocumentReport['signatures'][number]): string | undefined {
  // A report line is input: a signature may be anything JSON holds.
  if (signature === null || typeof signature !== 'object' || signature.valid !== 'passed') return undefined;
  const certificate = typeof signature.signer?.sha256 === 'string' ? signature.signer.sha256.toUpperCase() : '';
  const signed = typeof signature.signedBytesSha256 === 'string' ? signature.signedBytesSha256.toUpperCase() : '';
  if (!HEX_256.test(certificate) || !HEX_256.test(signed) || signatureKind(signature) !== 'signature') return undefined;
  return `${certificate}:${signed}`;
}

/** The identity of a report's document: its digest, when it was verified, the digests of what it carries and its signing acts. */
export function documentIdentity(report: DocumentReport): DocumentIdentity {
  const carried: string[] = [];
  const acts = new Set<string>();
  const stack: { report: DocumentReport; depth: number }[] = [{ report, depth: 0 }];
  while (stack.length > 0) {
    const { report: r, depth } = stack.pop()!;
    for (const signature of Array.isArray(r.signatures) ? r.signatures : []) {
      const act = signingAct(signature);
      if (act !== undefined) acts.add(act);
    }
    if (depth >= MAX_CARRIED_DEPTH || !Array.isArray(r.attachments)) continue;
    for (const attachment of r.attachments) {
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
    ...(acts.size > 0 ? { signingActs: [...acts].sort() } : {}),
  };
}

/** A counted document. */
interface Kept {
  readonly sha: string;
  readonly time: number;
  readonly counted: Counted;
  readonly acts: readonly string[];
  readonly rank: number;
  /** Its agency's key, when known. */
  readonly agency?: string;
  /** False once taken back out of the counts (another report of it replaced it, or a package carrying it came). */
  live: boolean;
}

function timeOf(identity: DocumentIdentity): number {
  const t = identity.validationTime ? Date.parse(identity.validationTime) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** Of two copies of the same signing acts, the higher verdict is kept. */
const RANK: Readonly<Record<DocumentIndication, number>> = { TOTAL_PASSED: 3, INDETERMINATE: 2, TOTAL_FAILED: 1, NO_SIGNATURE: 0 };

function sameActs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((act, i) => b[i] === act);
}

/** Two agencies that may be one: either unknown, or the same key. */
function sameAgency(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Feeds an Aggregator each distinct document once (see the module's comment); counts what it dropped. */
export class DuplicateFilter {
  readonly #aggregator: Aggregator;
  readonly #kept = new Map<string, Kept>();
  /** Each counted signing act and the counted documents that carry it. */
  readonly #byAct = new Map<string, Set<Kept>>();
  readonly #carried = new Set<string>();
  readonly #dropCarried: boolean;
  #duplicates = 0;
  #carriedCopies = 0;
  #signedCopies = 0;

  /**
   * `options.extractedCopies`: `drop` (default) leaves out a document a counted package carries, and
   * a document whose signing acts were all counted in another; `count` counts both apart, as the
   * queue's shard metrics do (a shard cannot see the documents of another shard), so that `kyso
   * metrics` and `kyso metrics merge` over shards agree.
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

  /**
   * Documents not counted, or taken back out, because their signing acts are counted in another
   * document of the same agency (or of an agency not known): a copy in other bytes, or an earlier
   * stage of a document counted with more signatures.
   */
  get signedCopies(): number {
    return this.#signedCopies;
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
    const acts = this.#dropCarried ? (identity.signingActs ?? []) : [];
    const rank = RANK[observation.indication] ?? 0;
    const agency = observation.facts.agency?.key;
    const kept = this.#kept.get(sha);
    const time = timeOf(identity);
    // Counted documents this one is a later stage of (the same acts and more, same agency): taken back once it counts.
    const earlier: Kept[] = [];
    if (kept) {
      this.#duplicates++;
      if (time <= kept.time) return;
      this.#takeBack(kept);
    } else if (acts.length > 0) {
      // Holders that this document carries are taken back below: their acts do not make it a copy.
      const carries = new Set(identity.carried ?? []);
      const holders = (act: string) => [...(this.#byAct.get(act) ?? [])].filter((h) => h.live && !carries.has(h.sha) && sameAgency(h.agency, agency));
      if (acts.every((act) => holders(act).length > 0)) {
        this.#signedCopies++;
        const twin = holders(acts[0]!).find((h) => sameActs(h.acts, acts));
        if (!twin || rank <= twin.rank) return;
        this.#takeBack(twin);
      } else {
        const mine = new Set(acts);
        for (const act of acts) for (const h of holders(act)) if (!earlier.includes(h) && h.acts.length < acts.length && h.acts.every((a) => mine.has(a))) earlier.push(h);
      }
    }
    const entry: Kept = { sha, time, counted: this.#aggregator.observe(observation), acts, rank, ...(agency !== undefined ? { agency } : {}), live: true };
    this.#kept.set(sha, entry);
    for (const h of earlier) {
      if (!h.live) continue;
      this.#takeBack(h);
      this.#signedCopies++;
    }
    for (const inner of this.#dropCarried ? (identity.carried ?? []) : []) {
      // A report that names its own bytes among what it carries must not take itself back out.
      if (inner === sha || this.#carried.has(inner)) continue;
      this.#carried.add(inner);
      const copy = this.#kept.get(inner);
      if (copy) {
        this.#takeBack(copy);
        this.#carriedCopies++;
      }
    }
    for (const act of acts) {
      let set = this.#byAct.get(act);
      if (!set) this.#byAct.set(act, (set = new Set()));
      set.add(entry);
    }
  }

  #takeBack(kept: Kept): void {
    this.#aggregator.retract(kept.counted);
    kept.live = false;
    if (this.#kept.get(kept.sha) === kept) this.#kept.delete(kept.sha);
    for (const act of kept.acts) this.#byAct.get(act)?.delete(kept);
  }
}
