import { describe, expect, test } from 'vitest';
import { PKI } from '../../src/pki/messages.js';
import { messageCatalogue } from '../../src/report/messages.js';

// A param given in one language only is named after the shared one with Vi or En (whatVi beside what).
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => (m[1] as string).replace(/(?<=[a-z])(Vi|En)$/, '')).sort();

describe('pki message catalogue', () => {
  const codes = Object.keys(PKI);

  test.each(codes)('%s: PKI_ prefix, both languages, the same placeholders', (code) => {
    const text = messageCatalogue().get(code);
    expect(code).toMatch(/^PKI_[A-Z0-9_]+$/);
    expect(text?.vi).toBeTruthy();
    expect(text?.en).toBeTruthy();
    expect(text?.vi).not.toBe(text?.en);
    expect(placeholders(text?.vi ?? '')).toEqual(placeholders(text?.en ?? ''));
  });

  test('Vietnamese texts carry diacritics (not ASCII transliterations)', () => {
    for (const code of codes) expect(messageCatalogue().get(code)?.vi, code).toMatch(/[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i);
  });
});
