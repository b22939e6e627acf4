/**
 * Message templates are cut at their placeholders once, when a catalogue is defined:
 * every message made from them must read exactly as filling the template with a regular
 * expression, placeholder by placeholder, gives.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defineMessages, type MessageParams } from '../../src/report/messages.js';
import { fuzzParameters } from '../fuzz/runs.js';

/** The plain reading: each `{name}` with its param, one without a param left as written. */
function reference(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole));
}

const fragment = fc.constantFrom('{a}', '{b}', '{size}', '{_1}', '{ä}', '{a b}', '{', '}', '{{a}}', '{}', 'x', ' ', 'Tài liệu ', '$&', '$1', '\n');
const template = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));
const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constantFrom('{a}', '$&', '$1', ''));
const params = fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'size', '_1', 'ä', 'c', 'constructor', 'toString'), value, { maxKeys: 5 }), { nil: undefined });

let defined = 0;

describe('message texts', () => {
  test('read as the placeholder-by-placeholder filling of their templates', () => {
    fc.assert(
      fc.property(template, template, params, (vi, en, given) => {
        const code = `TEST_FILL_${defined++}`;
        const factory = (defineMessages({ [code]: { severity: 'info', vi, en } }) as Record<string, (p?: MessageParams) => { vi: string; en: string; params?: MessageParams }>)[code]!;
        const message = factory(given);
        expect(message.vi).toBe(reference(vi, given));
        expect(message.en).toBe(reference(en, given));
        if (given && Object.keys(given).length > 0) expect(message.params).toEqual(given);
        else expect(message.params).toBeUndefined();
      }),
      fuzzParameters,
    );
  });
});
