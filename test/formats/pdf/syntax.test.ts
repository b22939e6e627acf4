import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PdfValue } from '../../../src/formats/pdf/syntax.js';
import { Lexer, MAX_PDF_NESTING, NestingTooDeep, PdfSyntaxError, parseValue, referenceNums, referencesIn, valuesEqual } from '../../../src/formats/pdf/syntax.js';
import { PdfFile } from '../../../src/formats/pdf/file.js';
import { ObjectTooLarge, readRawObject } from '../../../src/formats/pdf/object-reader.js';
import { bytesSource } from '../../../src/io/byte-source.js';
import { fuzzParameters } from '../../fuzz/runs.js';

// parseValue reads names, plain integers and references straight from the bytes, without
// tokens. What it reads must be what the tokens say, byte for byte: the same value, the
// same end, the same error (a window cut short included). The reference below is the
// parser written with tokens only.

function byTokens(lexer: Lexer, depth = 0): PdfValue {
  const token = lexer.nextToken();
  switch (token.type) {
    case 'number': {
      if (token.integer && token.value >= 0) {
        const saved = lexer.position;
        const second = lexer.nextToken();
        if (second.type === 'number' && second.integer && second.value >= 0) {
          const third = lexer.nextToken();
          if (third.type === 'keyword' && third.value === 'R') return { kind: 'ref', num: token.value, gen: second.value };
        }
        lexer.position = saved;
      }
      return { kind: 'number', value: token.value, integer: token.integer };
    }
    case 'string':
      return { kind: 'string', bytes: token.bytes, hex: token.hex, start: token.start, end: token.end };
    case 'name':
      return { kind: 'name', value: token.value };
    case 'keyword':
      if (token.value === 'true') return { kind: 'bool', value: true };
      if (token.value === 'false') return { kind: 'bool', value: false };
      if (token.value === 'null') return { kind: 'null' };
      throw new PdfSyntaxError(`unexpected keyword '${token.value.slice(0, 20)}'`, token.start);
    case 'open-array': {
      if (depth >= MAX_PDF_NESTING) throw new NestingTooDeep(token.start);
      const items: PdfValue[] = [];
      for (;;) {
        const saved = lexer.position;
        const next = lexer.nextToken();
        if (next.type === 'close-array') return { kind: 'array', items };
        if (next.type === 'eof') throw new PdfSyntaxError('unterminated array', token.start);
        lexer.position = saved;
        items.push(byTokens(lexer, depth + 1));
      }
    }
    case 'open-dict': {
      if (depth >= MAX_PDF_NESTING) throw new NestingTooDeep(token.start);
      const entries = new Map<string, PdfValue>();
      let nullKeys: Set<string> | undefined;
      let conflictingKeys: string[] | undefined;
      for (;;) {
        const key = lexer.nextToken();
        if (key.type === 'close-dict') {
          return conflictingKeys ? { kind: 'dict', entries, start: token.start, end: key.end, conflictingKeys } : { kind: 'dict', entries, start: token.start, end: key.end };
        }
        if (key.type === 'eof') throw new PdfSyntaxError('unterminated dictionary', token.start);
        if (key.type !== 'name') throw new PdfSyntaxError('dictionary key is not a name', key.start);
        const value = byTokens(lexer, depth + 1);
        const previous = entries.get(key.value);
        if (previous !== undefined || nullKeys?.has(key.value)) {
          const same = previous === undefined ? value.kind === 'null' : value.kind !== 'null' && valuesEqual(previous, value);
          if (!same) (conflictingKeys ??= []).push(key.value);
        }
        if (value.kind === 'null') {
          entries.delete(key.value);
          (nullKeys ??= new Set()).add(key.value);
        } else entries.set(key.value, value);
      }
    }
    case 'eof':
      throw new PdfSyntaxError('unexpected end of file', token.start);
    default:
      throw new PdfSyntaxError('unexpected delimiter', token.start);
  }
}

type Outcome = { value: PdfValue; end: number } | { error: string };

function outcome(read: (lexer: Lexer) => PdfValue, bytes: Uint8Array, complete: boolean): Outcome {
  const lexer = new Lexer(bytes, 1000, complete);
  try {
    const value = read(lexer);
    return { value, end: lexer.offset };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function expectSameReading(text: string): void {
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  // Every cut of the window, and the whole text as the end of the file.
  for (let cut = 0; cut <= bytes.length; cut++) {
    const window = bytes.subarray(0, cut);
    for (const complete of cut === bytes.length ? [true, false] : [false]) {
      expect(outcome(parseValue, window, complete), `${JSON.stringify(text.slice(0, cut))} complete=${complete}`).toEqual(outcome(byTokens, window, complete));
    }
  }
  expectNotedReferences(bytes);
}

/** The references a parse notes as it reads (Lexer.refs) are the value's, in order, unless a dictionary repeated a key. */
function expectNotedReferences(bytes: Uint8Array): void {
  const lexer = new Lexer(bytes, 1000, true);
  lexer.refs = [];
  let value: PdfValue;
  try {
    value = parseValue(lexer);
  } catch {
    return;
  }
  if (lexer.refsInOrder) expect(lexer.refs).toEqual(referenceNums(value));
  else expect([...lexer.refs].sort((a, b) => a - b)).toEqual(expect.arrayContaining(referenceNums(value).sort((a, b) => a - b)));
}

describe('parseValue reads what the tokens read', () => {
  test.each([
    '5 0 R',
    '5 0 R]',
    '[5 0 R 6 0 R 7 1 R]',
    '[0 0 595 842]',
    '[0 0 595.28 841.89 ]',
    '<< /Type /Page /Parent 3 0 R /Annots [5 0 R 6 0 R] /MediaBox [0 0 595 842] >>',
    '<</Length 0/Subtype/Form/BBox[0 0 0 0]>>',
    '5 % comment\n0 R',
    '5 0 % comment\nR',
    '5 0 Rx',
    '5 0 R/Name',
    '5 +0 R',
    '5 -1 R',
    '5 0.0 R',
    '1234567890123456 0 R',
    '5 1234567890123456 R',
    '5 0 1234567890123456',
    `5 0 ${'9'.repeat(400)}`,
    `5 /${'a'.repeat(5000)}`,
    `<< /K 0 0 ${'9'.repeat(400)} >>`,
    '5 )',
    '5 0 )',
    '5 <',
    '5 <<',
    '5 >',
    '5 >>',
    '5 true',
    '5 0 null',
    '<< /A 1 /A 2 >>',
    '<< /A null /A 1 >>',
    '<< /A #20 >>',
    '/A#42C',
    '[/a /b/c/d#20e]',
    '007 0 R',
    '-0 0 R',
    '<< 5 0 R >>',
    '[5 0 R',
    '<< /A [1 2 [3 4 R] ] >>',
    '[[1 2] <</A [3 0 R]>> <41> (s) [<</B<</C 5 0 R>>>>]]',
    '[<',
    '[<<',
    '<<[',
    '[<< /A 1 >>',
    '<< /K <<>> /L [[]] >>',
    '[600 600 600 0 0 R 1 2]',
    '[0 [600 600 600] 40 [1 2 3 R]]',
    '[1 2 R]',
    '[1 2 3 R]',
    '[1 2 3 4]',
    '[1 2 %c\n3]',
    '[1 2 -3 4]',
    '[1 2 1234567890123456 4]',
    '[1 2]',
    '[1]',
    '[1 2 3',
    '[1\n2\r3\t4\f5\x006]',
    '[5 0 Rx]',
    '[5 0 R/N 6 0 R]',
    '[5 0 R',
    '[5 0 R]',
    '[5 0 R 6 0 R 7 0 R 8]',
    // Runs of numbers (a font's /W), read apart from the rest of the array.
    `[0 [${'600 '.repeat(40)}] 3 [1 2 3]]`,
    '[1 2 3 4 5 0 R]',
    '[1 2 3 4 5 0 R 6]',
    '[1 2 3 4 5 0 R 6 7 8 9]',
    '[1 2 3 4 5 0 Rx]',
    '[1 2 3 1234567890123456 5 6 7]',
    '[1 2 3 123456789012345 5 6 7]',
    '[1 2 3 4x 5 6]',
    '[1 2 3 4 %c\n5 6 7]',
    '[1\x002\f3\t4\r\n5 6 7]',
    '[1 2 3 4 5 -6 7 8]',
    '[1 2 3 4 5 6.5 7 8]',
    '[1 2 3 4 /N 5 6]',
    '[1 2 3 4 [5 6 7 8] 9 10]',
    '[1 2 3 4 5 6 7 8',
  ])('%s', (text) => {
    expectSameReading(text);
  });

  test('on generated values', () => {
    const piece = fc.constantFrom(
      '0', '5', '12', '007', '1234567890123456', '-3', '+4', '1.5', '.5', '3.', 'R', 'R', 'obj', 'true', 'null', '600 600 600', '1 2 3 4',
      '/Type', '/A#20B', '/', '[', ']', '<<', '>>', '<41>', '(x)', '(a(b)c)', ' ', ' ', '\n', '%c\n', ')', '{', '>', '<',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 14 }), fc.array(fc.constantFrom(' ', '', '\n'), { minLength: 14, maxLength: 14 }), (pieces, gaps) => {
        expectSameReading(pieces.map((p, i) => p + gaps[i]).join(''));
      }),
      fuzzParameters,
    );
  });
});

describe('references are shared values', () => {
  const parse = (text: string): PdfValue => parseValue(new Lexer(new TextEncoder().encode(text), 0, true));

  test('the same `n 0 R` read twice is one value, and reads as the tokens read it', () => {
    const first = parse('[12 0 R 12 0 R]');
    const again = parse('12 0 R');
    expect(first.kind === 'array' && first.items[0]).toBe(again);
    expect(first.kind === 'array' && first.items[1]).toBe(again);
    expect(again).toEqual({ kind: 'ref', num: 12, gen: 0 });
    // Another generation, or a number past the shared table, is a value of its own.
    expect(parse('12 1 R')).toEqual({ kind: 'ref', num: 12, gen: 1 });
    expect(parse('12 1 R')).not.toBe(parse('12 1 R'));
    expect(parse('40000 0 R')).toEqual({ kind: 'ref', num: 40000, gen: 0 });
  });

  test('a reference to -0 (or of generation -0) never becomes the shared reference to 0', () => {
    expect(Object.is((parse('-0 0 R') as { num: number }).num, -0)).toBe(true);
    expect(Object.is((parse('0 -0 R') as { gen: number }).gen, -0)).toBe(true);
    expect(Object.is((parse('0 0 R') as { num: number }).num, 0)).toBe(true);
    expect(Object.is((parse('0 0 R') as { gen: number }).gen, 0)).toBe(true);
  });
});

describe('large objects read whole, whatever the window sizes', () => {
  const file = (text: string) => new PdfFile(bytesSource(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)));
  const numbers = Array.from({ length: 30000 }, (_, i) => String(i % 2000)).join(' ');

  test('an array larger than the first windows, with keywords inside strings before its end', async () => {
    // The (endobj) and (stream) strings sit where the first guess of the object's end would fall.
    const text = `7 0 obj\n<< /S (${'x'.repeat(5000)} endobj stream) /W [${numbers}] /T (stream) >>\nendobj\n`;
    const raw = await readRawObject(file(text), 0, 1 << 20);
    expect(raw.num).toBe(7);
    const w = raw.value.kind === 'dict' ? raw.value.entries.get('W') : undefined;
    expect(w?.kind === 'array' ? w.items.length : 0).toBe(30000);
    expect(raw.end).toBe(text.length - 1);
  });

  test('a stream whose dictionary is larger than the first window', async () => {
    const text = `8 0 obj\n<< /Length 4 /W [${numbers}] >>\nstream\nabcd\nendstream\nendobj\n`;
    const raw = await readRawObject(file(text), 0, 1 << 20);
    expect(raw.stream?.dataStart).toBe(text.indexOf('abcd'));
  });

  test('an object over the bound is refused as before', async () => {
    const text = `9 0 obj\n[${numbers}]\nendobj\n`;
    await expect(readRawObject(file(text), 0, 50000)).rejects.toThrow(ObjectTooLarge);
  });
});

describe('referenceNums', () => {
  // The walks over every object take the numbers straight from the value; a walk's order
  // (and so which referrer a change names first) must stay referencesIn's.
  const value: fc.Arbitrary<PdfValue> = fc.letrec<{ value: PdfValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant<PdfValue>({ kind: 'null' }),
      fc.integer({ min: 0, max: 50 }).map((num): PdfValue => ({ kind: 'ref', num, gen: 0 })),
      fc.integer().map((n): PdfValue => ({ kind: 'number', value: n, integer: true })),
      fc.array(tie('value'), { maxLength: 5 }).map((items): PdfValue => ({ kind: 'array', items })),
      fc
        .array(fc.tuple(fc.constantFrom('A', 'B', 'Kids', 'Parent', 'P'), tie('value')), { maxLength: 5 })
        .map((entries): PdfValue => ({ kind: 'dict', entries: new Map(entries), start: 0, end: 0 })),
    ),
  })).value;

  test('lists the numbers of referencesIn, in its order', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(referenceNums(v)).toEqual(referencesIn(v).map((ref) => ref.num));
      }),
      fuzzParameters,
    );
  });
});

describe('hex strings', () => {
  // The padding of '0's at the end of a /Contents is taken as zero bytes without decoding it
  // digit by digit: the same bytes and the same errors as decoding every digit.
  function reference(text: string, base: number): { bytes: number[] } | { error: string } {
    const out: number[] = [];
    let high = -1;
    for (let i = 1; i < text.length - 1; i++) {
      const c = text[i]!;
      if (/[\0\t\n\f\r ]/.test(c)) continue;
      if (!/[0-9a-fA-F]/.test(c)) return { error: `invalid character in hex string at byte ${base + i}` };
      const value = parseInt(c, 16);
      if (high < 0) high = value;
      else {
        out.push(high * 16 + value);
        high = -1;
      }
    }
    if (high >= 0) out.push(high * 16);
    return { bytes: out };
  }

  function lexed(text: string, base: number): { bytes: number[] } | { error: string } {
    try {
      const token = new Lexer(Uint8Array.from(text, (c) => c.charCodeAt(0)), base, true).nextToken();
      if (token.type !== 'string' || !token.hex) throw new Error(`not a hex string: ${token.type}`);
      expect([token.start, token.end]).toEqual([base, base + text.length]);
      return { bytes: [...token.bytes] };
    } catch (error) {
      if (error instanceof PdfSyntaxError) return { error: error.message };
      throw error;
    }
  }

  test.each(['<>', '<0>', '<00>', '<000>', '<7>', '<70>', '<700>', '<7000>', '<3082 00 0 0>', '<30820000\n0000>', '<308g0000>', '<0000g000>', '< 0>', '<a0 >'])('%s', (text) => {
    expect(lexed(text, 100)).toEqual(reference(text, 100));
  });

  test('any digits, spaces and stray characters, with or without a padding of zeros', () => {
    const body = fc.array(fc.constantFrom('0', '0', '0', '1', '9', 'a', 'F', ' ', '\n', 'g', '>'), { maxLength: 40 }).map((chars) => chars.join('').split('>')[0]!);
    fc.assert(
      fc.property(body, fc.nat(70), (digits, padding) => {
        const text = `<${digits}${'0'.repeat(padding)}>`;
        expect(lexed(text, 7)).toEqual(reference(text, 7));
      }),
      fuzzParameters,
    );
  });

  test.each([`<${'3082'.repeat(100)}>`, `<${'3082'.repeat(100)}0${'0'.repeat(30)}>`, `<${'ab'.repeat(150)}g${'cd'.repeat(10)}e>`, `<${'ab'.repeat(150)} ${'cd'.repeat(10)}e>`, `<${'ab'.repeat(150)}a ${'cd'.repeat(10)}>`, `<${'AB'.repeat(150)}C>`])('a long run: %s', (text) => {
    expect(lexed(text, 100)).toEqual(reference(text, 100));
  });

  test('long runs (a signature\'s /Contents, decoded natively when all digits): the same bytes and errors', () => {
    const digit = fc.constantFrom(...'0123456789abcdefABCDEF');
    const stray = fc.constantFrom(' ', '\n', '\r', 'g', 'x', '\u00ff');
    const body = fc
      .tuple(fc.array(digit, { minLength: 250, maxLength: 700 }), fc.array(fc.tuple(fc.nat(699), stray), { maxLength: 2 }))
      .map(([digits, inserts]) => {
        for (const [at, c] of inserts) digits.splice(at % (digits.length + 1), 0, c);
        return digits.join('');
      });
    fc.assert(
      fc.property(body, fc.nat(40), (digits, padding) => {
        const text = `<${digits}${'0'.repeat(padding)}>`;
        expect(lexed(text, 3)).toEqual(reference(text, 3));
      }),
      fuzzParameters,
    );
  });
});
