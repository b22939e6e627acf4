/**
 * Values of two revisions compared by what a reader resolves, not by object number: a
 * reference is followed (in its own revision) and compared by content, streams by their
 * raw data. This is the only place that decides "same content"; which differences are
 * allowed is rules.ts' and modifications.ts' business.
 *
 * Warning: every object followed is charged to the document's walk budget; when it runs
 * out the values count as different (fail closed), and `spent` says so.
 */
import type { ObjectStore, PdfObject } from './objects.js';
import type { PdfValue } from './syntax.js';
import { dictGet, nameOf, valuesEqual } from './syntax.js';
import type { WalkBudget } from './roles.js';

/** Nesting of references followed in one comparison: deeper is treated as different. */
const MAX_DEPTH = 64;

/** `same`: equal; `font-name`: equal once font dictionaries' obsolete /Name dropped on the new side is ignored. */
export type Sameness = 'same' | 'font-name' | 'different';

export class ResolvedComparer {
  /** The walk budget ran out during some comparison. */
  spent = false;
  private relaxed = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly budget: WalkBudget,
  ) {}

  /** `a` as revision `revA` resolves it equals `b` as revision `revB` resolves it. */
  async same(a: PdfValue | undefined, revA: number, b: PdfValue | undefined, revB: number): Promise<Sameness> {
    if (a === undefined || b === undefined) return a === b ? 'same' : 'different';
    this.relaxed = false;
    return this.verdict(await this.compare(a, revA, b, revB, new Set(), 0));
  }

  /** Two objects (with their streams) compared by content. */
  async sameObjects(a: PdfObject, revA: number, b: PdfObject, revB: number): Promise<Sameness> {
    this.relaxed = false;
    return this.verdict(await this.objects(a, revA, b, revB, new Set(), 0));
  }

  private verdict(equal: boolean): Sameness {
    return !equal ? 'different' : this.relaxed ? 'font-name' : 'same';
  }

  private async objects(a: PdfObject, revA: number, b: PdfObject, revB: number, pairs: Set<string>, depth: number): Promise<boolean> {
    if (a.location.kind === 'file' && b.location.kind === 'file' && a.location.start === b.location.start) return true;
    if (!a.stream !== !b.stream) return false;
    if (a.stream && b.stream) {
      if (a.stream.length !== b.stream.length) return false;
      if ((await this.store.streamDigest(a)) !== (await this.store.streamDigest(b))) return false;
    }
    return this.compare(a.value, revA, b.value, revB, pairs, depth);
  }

  private async compare(a: PdfValue, revA: number, b: PdfValue, revB: number, pairs: Set<string>, depth: number): Promise<boolean> {
    if (a.kind === 'ref' || b.kind === 'ref') {
      if (depth >= MAX_DEPTH) return false;
      if (!this.budget.take()) {
        this.spent = true;
        return false;
      }
      const objectA = a.kind === 'ref' ? await this.store.resolve(a.num, revA).catch(() => undefined) : undefined;
      const objectB = b.kind === 'ref' ? await this.store.resolve(b.num, revB).catch(() => undefined) : undefined;
      if (objectA === undefined && a.kind === 'ref') return false;
      if (objectB === undefined && b.kind === 'ref') return false;
      if (a.kind === 'ref' && b.kind === 'ref') {
        // A pair already under comparison is assumed equal: a cycle adds no difference.
        const key = `${a.num}:${b.num}`;
        if (pairs.has(key)) return true;
        pairs.add(key);
        if (objectA === null || objectB === null) return objectA === objectB;
        return this.objects(objectA!, revA, objectB!, revB, pairs, depth + 1);
      }
      // A direct value against an indirect one: a stream is never direct.
      const resolved = a.kind === 'ref' ? objectA : objectB;
      if (!resolved || resolved.stream) return false;
      return a.kind === 'ref' ? this.compare(resolved.value, revA, b, revB, pairs, depth + 1) : this.compare(a, revA, resolved.value, revB, pairs, depth + 1);
    }
    if (a.kind !== b.kind) return false;
    if (a.kind === 'array' && b.kind === 'array') {
      if (a.items.length !== b.items.length) return false;
      for (let i = 0; i < a.items.length; i++) if (!(await this.compare(a.items[i]!, revA, b.items[i]!, revB, pairs, depth))) return false;
      return true;
    }
    if (a.kind === 'dict' && b.kind === 'dict') {
      let keysA = [...a.entries.keys()];
      const fontName = nameOf(dictGet(a, 'Type')) === 'Font' && a.entries.has('Name') && !b.entries.has('Name');
      if (fontName) keysA = keysA.filter((key) => key !== 'Name');
      if (keysA.length !== b.entries.size) return false;
      for (const key of keysA) {
        const other = b.entries.get(key);
        if (!other || !(await this.compare(a.entries.get(key)!, revA, other, revB, pairs, depth))) return false;
      }
      if (fontName) this.relaxed = true;
      return true;
    }
    return valuesEqual(a, b);
  }
}
