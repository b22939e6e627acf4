/**
 * A detached signature and its content (`x.pdf` and `x.pdf.p7s`) are one document.
 * Reports arrive one by one (a folder walk or JSONL, in path order); a report whose
 * partner may still come is held in a bounded window, so memory stays flat however
 * long the stream. A pair further apart than the window is counted as two documents.
 */
import { DETACHED_SUFFIXES, detachedContentName } from '../formats/detached-names.js';
import { combineDetached } from '../report/facts.js';
import type { Observation } from './aggregate.js';
import type { DocumentIdentity } from './dedup.js';

export { DETACHED_SUFFIXES };

/** Reports held back waiting for a partner. Sorted path order puts `x.pdf.p7s` right after `x.pdf`, so a small window finds nearly every pair. */
export const DEFAULT_PAIR_WINDOW = 1024;

const contentOf = detachedContentName;

/**
 * Joins a detached signature and its content (`x.pdf` and `x.pdf.p7s`) into one document as reports
 * stream past, holding at most `window` unpaired reports (default 1024): a partner further away is
 * counted as a separate document. Call `flush()` at the end.
 */
export class DetachedPairer {
  readonly #pending = new Map<string, Observation>();
  /** Held reports whose name looks like a detached signature's but which are not one. */
  readonly #notSignatures = new Set<string>();
  readonly #emit: (observation: Observation) => void;
  readonly #window: number;
  #pairs = 0;

  constructor(emit: (observation: Observation) => void, window = DEFAULT_PAIR_WINDOW) {
    this.#emit = emit;
    this.#window = Math.max(1, window);
  }

  /** Pairs found so far. */
  get pairs(): number {
    return this.#pairs;
  }

  /**
   * Adds one report by its path; emits it (or the combined pair) now or later, each exactly once. A
   * second report for the same path emits the first. `detachedSignature: false` says the report is
   * no detached signature whatever its name (its format is not CMS: a signed PDF called
   * `x.pdf.sig`), so it pairs with nothing as a signature: it does not sign `x.pdf`.
   */
  push(path: string, observation: Observation, { detachedSignature = true }: { readonly detachedSignature?: boolean } = {}): void {
    if (!detachedSignature) this.#notSignatures.add(path);
    else this.#notSignatures.delete(path);
    const content = detachedSignature ? contentOf(path) : undefined;
    const held = content !== undefined ? this.#pending.get(content) : undefined;
    if (content !== undefined && held) {
      this.#pending.delete(content);
      this.#notSignatures.delete(content);
      this.#pair(held, observation);
      return;
    }
    for (const suffix of DETACHED_SUFFIXES) {
      const signature = this.#pending.get(path + suffix);
      if (signature && contentOf(path + suffix) === path && !this.#notSignatures.has(path + suffix)) {
        this.#pending.delete(path + suffix);
        this.#notSignatures.delete(path);
        this.#pair(observation, signature);
        return;
      }
    }
    if (this.#pending.has(path)) this.#emitOne(path);
    this.#pending.set(path, observation);
    while (this.#pending.size > this.#window) this.#emitOne(this.#pending.keys().next().value!);
  }

  /** Emits everything still held (end of the stream). */
  flush(): void {
    for (const path of [...this.#pending.keys()]) this.#emitOne(path);
  }

  #emitOne(path: string): void {
    const observation = this.#pending.get(path)!;
    this.#pending.delete(path);
    this.#notSignatures.delete(path);
    this.#emit(observation);
  }

  #pair(content: Observation, signature: Observation): void {
    this.#pairs++;
    const document = pairIdentity(content.document, signature.document);
    this.#emit({ ...combineDetached(content, signature), ...(document ? { document } : {}) });
  }
}

/** A pair is the same document as another pair with the same content and the same signature bytes, or the same signing acts. */
function pairIdentity(content: DocumentIdentity | undefined, signature: DocumentIdentity | undefined): DocumentIdentity | undefined {
  if (!content?.sha256 || !signature?.sha256) return undefined;
  const times = [content.validationTime, signature.validationTime].filter((t): t is string => t !== undefined).sort();
  const carried = [...(content.carried ?? []), ...(signature.carried ?? [])];
  const acts = [...new Set([...(content.signingActs ?? []), ...(signature.signingActs ?? [])])].sort();
  return {
    sha256: `${content.sha256}+${signature.sha256}`,
    ...(times.length > 0 ? { validationTime: times.at(-1)! } : {}),
    ...(carried.length > 0 ? { carried } : {}),
    ...(acts.length > 0 ? { signingActs: acts } : {}),
  };
}
