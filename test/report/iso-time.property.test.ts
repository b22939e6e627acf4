/** isoTime remembers the text of an instant by its time value: it must read as toISOString, every time. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isoTime } from '../../src/report/iso-time.js';
import { fuzzParameters } from '../fuzz/runs.js';

describe('isoTime', () => {
  test('is toISOString, asked once or again, for the same or another Date of the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (time) => {
        const date = new Date(time);
        expect(isoTime(date)).toBe(date.toISOString());
        expect(isoTime(new Date(time))).toBe(date.toISOString());
        date.setTime(time === 0 ? 1 : 0);
        expect(isoTime(date)).toBe(date.toISOString());
      }),
      fuzzParameters,
    );
  });

  test('an invalid date throws as toISOString does', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
