/**
 * Maps and sets of one revision made from the revision before's by a few changes, without
 * copying them. An incremental update changes a handful of the thousands of pages, fields
 * and annotations a model indexes; copying every index per revision was most of what
 * building a taken-over model allocated (and what the collector then moved).
 *
 * A layer reads exactly as the copy it stands for would: `new Map(before)` followed by the
 * same `set` and `delete` calls, iteration order included (a key set again keeps its place,
 * a new key goes last, a key deleted and set again goes last). The map or set a layer is
 * made over must never change again (the models' indexes are final once built). Layers over
 * layers share the first one's base and copy only the changes, so a lookup is a few map
 * reads however many revisions the document has; when the changes grow past a share of the
 * base, the layer is copied into a plain base once (the cost of a copy, spread over many
 * revisions).
 */

/** A map that can be written: a plain Map, or a layer over one. */
export interface WritableMap<K, V> extends ReadonlyMap<K, V> {
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
}

/** A set that can be written: a plain Set, or a layer over one. */
export interface WritableSet<K> extends ReadonlySet<K> {
  add(key: K): unknown;
  delete(key: K): boolean;
}

/** Changes kept on a layer before it is made a plain copy: this share of the base, and at least MIN_CHANGES. */
const CHANGES_SHARE = 8;
const MIN_CHANGES = 64;

function tooManyChanges(changes: number, baseSize: number): boolean {
  return changes > MIN_CHANGES && changes * CHANGES_SHARE > baseSize;
}

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private base: ReadonlyMap<K, V>;
  /** Keys of the base with another value. */
  private replaced: Map<K, V>;
  /** Keys of the base deleted (and maybe set again: then in `added`). */
  private removed: Set<K>;
  /** Keys not in the base (or deleted from it and set again), in the order they were set. */
  private added: Map<K, V>;

  private constructor(base: ReadonlyMap<K, V>, replaced: Map<K, V>, removed: Set<K>, added: Map<K, V>) {
    this.base = base;
    this.replaced = replaced;
    this.removed = removed;
    this.added = added;
  }

  /** What `new Map(source)` reads as; `source` must never change again. */
  static over<K, V>(source: ReadonlyMap<K, V>): LayeredMap<K, V> {
    if (source instanceof LayeredMap) {
      const layer = source as LayeredMap<K, V>;
      return new LayeredMap(layer.base, copyMap(layer.replaced), copySet(layer.removed), copyMap(layer.added));
    }
    return new LayeredMap(source, new Map(), new Set(), new Map());
  }

  get size(): number {
    return this.base.size - this.removed.size + this.added.size;
  }

  get(key: K): V | undefined {
    if (this.added.size > 0 && this.added.has(key)) return this.added.get(key);
    if (this.removed.size > 0 && this.removed.has(key)) return undefined;
    if (this.replaced.size > 0 && this.replaced.has(key)) return this.replaced.get(key);
    return this.base.get(key);
  }

  has(key: K): boolean {
    if (this.added.size > 0 && this.added.has(key)) return true;
    if (this.removed.size > 0 && this.removed.has(key)) return false;
    return this.base.has(key);
  }

  set(key: K, value: V): this {
    if (this.added.has(key)) this.added.set(key, value);
    else if (!this.removed.has(key) && this.base.has(key)) this.replaced.set(key, value);
    else this.added.set(key, value);
    this.settle();
    return this;
  }

  delete(key: K): boolean {
    if (this.added.delete(key)) return true;
    if (this.removed.has(key) || !this.base.has(key)) return false;
    this.removed.add(key);
    this.replaced.delete(key);
    this.settle();
    return true;
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [key, value] of this.base) {
      if (this.removed.has(key)) continue;
      yield [key, this.replaced.has(key) ? this.replaced.get(key)! : value];
    }
    yield* this.added;
  }

  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** Made a plain copy once the changes outgrow their share of the base. */
  private settle(): void {
    if (!tooManyChanges(this.replaced.size + this.removed.size + this.added.size, this.base.size)) return;
    const plain = new Map<K, V>();
    for (const [key, value] of this) plain.set(key, value);
    this.base = plain;
    this.replaced = new Map();
    this.removed = new Set();
    this.added = new Map();
  }
}

export class LayeredSet<K> implements ReadonlySet<K> {
  private base: ReadonlySet<K>;
  /** Keys of the base deleted (and maybe added again: then in `added`). */
  private removed: Set<K>;
  /** Keys not in the base (or deleted from it and added again), in the order they were added. */
  private added: Set<K>;

  private constructor(base: ReadonlySet<K>, removed: Set<K>, added: Set<K>) {
    this.base = base;
    this.removed = removed;
    this.added = added;
  }

  /** What `new Set(source)` reads as; `source` must never change again. */
  static over<K>(source: ReadonlySet<K>): LayeredSet<K> {
    if (source instanceof LayeredSet) {
      const layer = source as LayeredSet<K>;
      return new LayeredSet(layer.base, copySet(layer.removed), copySet(layer.added));
    }
    return new LayeredSet(source, new Set(), new Set());
  }

  get size(): number {
    return this.base.size - this.removed.size + this.added.size;
  }

  has(key: K): boolean {
    if (this.added.size > 0 && this.added.has(key)) return true;
    if (this.removed.size > 0 && this.removed.has(key)) return false;
    return this.base.has(key);
  }

  add(key: K): this {
    if (this.added.has(key) || (!this.removed.has(key) && this.base.has(key))) return this;
    this.added.add(key);
    this.settle();
    return this;
  }

  delete(key: K): boolean {
    if (this.added.delete(key)) return true;
    if (this.removed.has(key) || !this.base.has(key)) return false;
    this.removed.add(key);
    this.settle();
    return true;
  }

  forEach(callback: (value: K, key: K, set: ReadonlySet<K>) => void, thisArg?: unknown): void {
    for (const key of this) callback.call(thisArg, key, key, this);
  }

  *values(): IterableIterator<K> {
    for (const key of this.base) if (!this.removed.has(key)) yield key;
    yield* this.added;
  }

  keys(): IterableIterator<K> {
    return this.values();
  }

  *entries(): IterableIterator<[K, K]> {
    for (const key of this.values()) yield [key, key];
  }

  [Symbol.iterator](): IterableIterator<K> {
    return this.values();
  }

  private settle(): void {
    if (!tooManyChanges(this.removed.size + this.added.size, this.base.size)) return;
    const plain = new Set<K>();
    for (const key of this) plain.add(key);
    this.base = plain;
    this.removed = new Set();
    this.added = new Set();
  }
}

function copyMap<K, V>(map: Map<K, V>): Map<K, V> {
  const copy = new Map<K, V>();
  map.forEach((value, key) => copy.set(key, value));
  return copy;
}

function copySet<K>(set: Set<K>): Set<K> {
  const copy = new Set<K>();
  set.forEach((key) => copy.add(key));
  return copy;
}

/**
 * Object numbers a walk reached, in the order reached: one bit per number up to the highest
 * number the cross-reference sections define (a walk reaches thousands, and a set lookup per
 * reference was most of a walk's cost), a set for the numbers past it (dangling references).
 */
export class ReachedSet implements ReadonlySet<number> {
  /** The numbers in the order added. */
  readonly order: number[] = [];
  private readonly bits: Uint32Array;
  private readonly beyond = new Set<number>();

  constructor(private readonly highest: number) {
    this.bits = new Uint32Array((Math.max(0, highest) >>> 5) + 1);
  }

  get size(): number {
    return this.order.length;
  }

  has(num: number): boolean {
    // -0 is the number 0, as in a Set.
    if (num >= 0 && num <= this.highest) return (this.bits[num >>> 5]! & (1 << (num & 31))) !== 0;
    return this.beyond.has(num);
  }

  /** Adds `num` (last in the order) unless it is there. */
  add(num: number): void {
    if (num >= 0 && num <= this.highest) {
      const word = num >>> 5;
      const bit = 1 << (num & 31);
      if ((this.bits[word]! & bit) !== 0) return;
      this.bits[word] = this.bits[word]! | bit;
    } else {
      if (this.beyond.has(num)) return;
      this.beyond.add(num);
    }
    // A Set keeps 0 for -0.
    this.order.push(num === 0 ? 0 : num);
  }

  forEach(callback: (value: number, key: number, set: ReadonlySet<number>) => void, thisArg?: unknown): void {
    for (const num of this.order) callback.call(thisArg, num, num, this);
  }

  *entries(): IterableIterator<[number, number]> {
    for (const num of this.order) yield [num, num];
  }

  keys(): IterableIterator<number> {
    return this.order[Symbol.iterator]();
  }

  values(): IterableIterator<number> {
    return this.order[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<number> {
    return this.order[Symbol.iterator]();
  }
}
