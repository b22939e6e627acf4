/**
 * A revision's indexes are layers over the revision before's (layered.ts): each must read
 * exactly as the copy it stands for, `new Map(before)` / `new Set(before)` followed by the
 * same calls, lookups, size and iteration order included, over chains of revisions long
 * enough for a layer to be made a plain copy on the way.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LayeredMap, LayeredSet, ReachedSet } from '../../../src/formats/pdf/layered.js';
import { listChanges, listChangesOf } from '../../../src/formats/pdf/modifications.js';
import type { PdfValue } from '../../../src/formats/pdf/syntax.js';
import { fuzzParameters } from '../../fuzz/runs.js';

type Op = { readonly kind: 'set' | 'delete'; readonly key: number; readonly value: number };

/** Keys from a small range, so that sets, deletes and sets again meet the same keys. */
const op = (keys: number): fc.Arbitrary<Op> =>
  fc.record({ kind: fc.constantFrom('set' as const, 'delete' as const), key: fc.integer({ min: 0, max: keys }), value: fc.integer({ min: 0, max: 9 }) });

/** Revisions: the first builds a plain map, each later one applies its ops to a copy (or a layer) of the one before. */
const revisions = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.array(fc.array(op(400), { maxLength: 120 }), { minLength: 1, maxLength: 12 }));

/** Everything a reader can ask a map, in one value (compared once: fast-check runs many). */
function mapFacts(map: ReadonlyMap<number, number>): unknown {
  const each: [number, number][] = [];
  map.forEach((value, key) => each.push([key, value]));
  const lookups: unknown[] = [];
  for (let key = -1; key <= 401; key++) lookups.push(map.has(key), map.get(key));
  return { size: map.size, entries: [...map], keys: [...map.keys()], values: [...map.values()], each, lookups };
}

function setFacts(set: ReadonlySet<number>): unknown {
  const lookups: boolean[] = [];
  for (let key = -1; key <= 401; key++) lookups.push(set.has(key));
  return { size: set.size, values: [...set], keys: [...set.keys()], entries: [...set.entries()], lookups };
}

function expectSameMap(layer: ReadonlyMap<number, number>, plain: ReadonlyMap<number, number>): void {
  expect(mapFacts(layer)).toEqual(mapFacts(plain));
}

function expectSameSet(layer: ReadonlySet<number>, plain: ReadonlySet<number>): void {
  expect(setFacts(layer)).toEqual(setFacts(plain));
}

describe('a layered map reads as the copy it stands for', () => {
  test('over chains of revisions, with keys set again, deleted, and set after deletion', () => {
    fc.assert(
      fc.property(revisions, ([initial, steps]) => {
        const first = new Map<number, number>();
        for (let key = 0; key < initial; key++) first.set((key * 7) % 401, key % 10);
        const plains: Map<number, number>[] = [first];
        const layers: ReadonlyMap<number, number>[] = [first];
        for (const ops of steps) {
          const plain = new Map(plains[plains.length - 1]!);
          const layer = LayeredMap.over(layers[layers.length - 1]!);
          for (const { kind, key, value } of ops) {
            if (kind === 'set') {
              plain.set(key, value);
              layer.set(key, value);
            } else {
              expect(layer.delete(key)).toBe(plain.delete(key));
            }
          }
          plains.push(plain);
          layers.push(layer);
        }
        // Every revision still reads as it did: a later layer never changed an earlier one.
        for (let i = 0; i < plains.length; i++) expectSameMap(layers[i]!, plains[i]!);
      }),
      fuzzParameters,
    );
  });
});

describe('a layered set reads as the copy it stands for', () => {
  test('over chains of revisions, with keys added again, deleted, and added after deletion', () => {
    fc.assert(
      fc.property(revisions, ([initial, steps]) => {
        const first = new Set<number>();
        for (let key = 0; key < initial; key++) first.add((key * 7) % 401);
        const plains: Set<number>[] = [first];
        const layers: ReadonlySet<number>[] = [first];
        for (const ops of steps) {
          const plain = new Set(plains[plains.length - 1]!);
          const layer = LayeredSet.over(layers[layers.length - 1]!);
          for (const { kind, key } of ops) {
            if (kind === 'set') {
              plain.add(key);
              layer.add(key);
            } else {
              expect(layer.delete(key)).toBe(plain.delete(key));
            }
          }
          plains.push(plain);
          layers.push(layer);
        }
        for (let i = 0; i < plains.length; i++) expectSameSet(layers[i]!, plains[i]!);
      }),
      fuzzParameters,
    );
  });
});

describe('the set a reachability walk keeps reads as a Set of the same numbers added in the same order', () => {
  test('numbers up to the highest one defined, past it, negative, and -0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1, max: 400 }),
        fc.array(fc.oneof(fc.integer({ min: -3, max: 402 }), fc.constant(-0), fc.constant(2 ** 31 - 1)), { maxLength: 300 }),
        (highest, adds) => {
          const reached = new ReachedSet(highest);
          const plain = new Set<number>();
          for (const num of adds) {
            reached.add(num);
            plain.add(num);
          }
          expectSameSet(reached, plain);
          expect(reached.order).toEqual([...plain]);
          // What a layer over it reads (the next revision's reachability) is the layer over the plain set.
          const layer = LayeredSet.over(reached);
          const plainLayer = LayeredSet.over(plain);
          for (const num of adds.slice(0, 20)) {
            layer.add(num + 1);
            plainLayer.add(num + 1);
          }
          expectSameSet(layer, plainLayer);
        },
      ),
      fuzzParameters,
    );
  });
});

describe('a list that only grew is compared as the two sets of its items would be', () => {
  /** The comparison of /Fields and /Annots before the shortcut: two sets of the whole lists. */
  function bySets(oldNums: readonly number[], newNums: readonly number[]): { removed: number[]; added: number[] } {
    const oldSet = new Set(oldNums);
    const newSet = new Set(newNums);
    return { removed: [...oldSet].filter((num) => !newSet.has(num)), added: [...newSet].filter((num) => !oldSet.has(num)) };
  }
  const nums = fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 });

  test('appended items, repeated ones and ones the old list already had included', () => {
    fc.assert(
      fc.property(nums, nums, (oldNums, appended) => {
        const grown = [...oldNums, ...appended];
        expect(listChanges(oldNums, grown)).toEqual(bySets(oldNums, grown));
      }),
      fuzzParameters,
    );
  });

  test('any other pair of lists (reordered, shortened, replaced)', () => {
    fc.assert(
      fc.property(nums, nums, (oldNums, newNums) => {
        expect(listChanges(oldNums, newNums)).toEqual(bySets(oldNums, newNums));
      }),
      fuzzParameters,
    );
  });
});

describe('/Fields and /Annots arrays are compared as the lists of their references would be', () => {
  const refNums = (items: readonly PdfValue[]) => items.flatMap((item) => (item.kind === 'ref' ? [item.num] : []));
  function bySets(oldItems: readonly PdfValue[], newItems: readonly PdfValue[]): { removed: number[]; added: number[] } {
    const oldSet = new Set(refNums(oldItems));
    const newSet = new Set(refNums(newItems));
    return { removed: [...oldSet].filter((num) => !newSet.has(num)), added: [...newSet].filter((num) => !oldSet.has(num)) };
  }
  const item = fc.oneof(
    fc.integer({ min: 0, max: 12 }).map((num): PdfValue => ({ kind: 'ref', num, gen: 0 })),
    fc.integer({ min: 0, max: 3 }).map((value): PdfValue => ({ kind: 'number', value, integer: true })),
  );
  const items = fc.array(item, { maxLength: 30 });
  const array = (list: readonly PdfValue[]): PdfValue => ({ kind: 'array', items: list });

  test('the same items with some appended (the same values, or equal copies of them)', () => {
    fc.assert(
      fc.property(items, items, fc.boolean(), (before, appended, copies) => {
        const kept = copies ? before.map((value) => ({ ...value })) : before;
        const after = [...kept, ...appended];
        expect(listChangesOf(array(before), array(after))).toEqual(bySets(before, after));
      }),
      fuzzParameters,
    );
  });

  test('any two arrays, and values that are no arrays', () => {
    fc.assert(
      fc.property(items, items, (before, after) => {
        expect(listChangesOf(array(before), array(after))).toEqual(bySets(before, after));
      }),
      fuzzParameters,
    );
    expect(listChangesOf({ kind: 'null' }, array([{ kind: 'ref', num: 4, gen: 0 }]))).toEqual({ removed: [], added: [4] });
  });
});
