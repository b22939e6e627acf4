import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PdfFile } from '../../../src/formats/pdf/file.js';
import { parseRawObject, parseWindow, readRawObject } from '../../../src/formats/pdf/object-reader.js';
import type { RawObject } from '../../../src/formats/pdf/object-reader.js';
import { Lexer, NeedMoreBytes, PdfSyntaxError, expectInteger, expectKeyword, parseValue, referenceNums } from '../../../src/formats/pdf/syntax.js';
import { bytesSource } from '../../../src/io/byte-source.js';
import { fuzzParameters } from '../../fuzz/runs.js';
import { openStore } from './helpers.js';
import { standardEntry, standardEntryRead } from '../../../src/formats/pdf/xref.js';

// Shortcuts the parser takes for the common case (a literal string without escapes, the
// `obj`/`endobj`/`stream` keywords read without tokens, windows as long as the cached
// block) must read exactly what the general path reads: the same values and offsets, the
// same errors, the same requests for more bytes, on every cut of the window. The oracles
// below are the general paths as written before the shortcuts.

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** Every window a reader may be given: each cut, and the whole text as the end of the file. */
function windows(text: string): { window: Uint8Array; complete: boolean; label: string }[] {
  const bytes = latin1(text);
  const out: { window: Uint8Array; complete: boolean; label: string }[] = [];
  for (let cut = 0; cut <= bytes.length; cut++) {
    for (const complete of cut === bytes.length ? [true, false] : [false]) {
      out.push({ window: bytes.subarray(0, cut), complete, label: `${JSON.stringify(text.slice(0, cut))} complete=${complete}` });
    }
  }
  return out;
}

function attempt<T>(read: () => T): { value: T } | { error: string } {
  try {
    return { value: read() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe('literal strings read as decoded byte by byte', () => {
  /** ISO 32000-1 §7.3.4.2, one byte at a time: the lexer's reading before its shortcut. */
  function reference(lexer: Lexer): { bytes: number[]; start: number; end: number } {
    const bytes = lexer.bytes;
    const start = lexer.position;
    const out: number[] = [];
    let depth = 1;
    let i = start + 1;
    const starved = (): never => {
      if (lexer.complete) throw new PdfSyntaxError('unexpected end of file', lexer.offset);
      throw new NeedMoreBytes();
    };
    while (i < bytes.length) {
      const byte = bytes[i]!;
      if (byte === 0x5c) {
        if (i + 1 >= bytes.length) starved();
        const next = bytes[i + 1]!;
        i += 2;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
        if (simple[next] !== undefined) out.push(simple[next]!);
        else if (next === 0x0d) {
          if (bytes[i] === 0x0a) i++;
        } else if (next === 0x0a) {
          // a line continuation
        } else if (next >= 0x30 && next <= 0x37) {
          let value = next - 0x30;
          for (let k = 0; k < 2 && i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x37; k++, i++) value = value * 8 + (bytes[i]! - 0x30);
          out.push(value & 0xff);
        } else out.push(next);
        continue;
      }
      if (byte === 0x28) depth++;
      if (byte === 0x29) {
        depth--;
        if (depth === 0) return { bytes: out, start: lexer.base + start, end: lexer.base + i + 1 };
      }
      out.push(byte);
      i++;
    }
    return starved();
  }

  function expectSameString(text: string): void {
    for (const { window, complete, label } of windows(text)) {
      const lexed = attempt(() => {
        const token = new Lexer(window, 500, complete).nextToken();
        if (token.type !== 'string') throw new Error(`not a string: ${token.type}`);
        return { bytes: [...token.bytes], start: token.start, end: token.end };
      });
      expect(lexed, label).toEqual(attempt(() => reference(new Lexer(window, 500, complete))));
    }
  }

  test.each(['()', '(SigPerson)', '(a(b)c)', '(a\\)b)', '(x\\\\)', '(\\(x)', '(\\101\\7z)', '(line\\\ncontinued)', '(cr\\\r\nlf)', '(tab\\t)', '(a\rb\nc)', '(unclosed', '((()', '(a)b)', '(\xe9\xff)'])(
    '%s',
    (text) => expectSameString(text),
  );

  test('any characters, escapes and parentheses', () => {
    const body = fc.array(fc.constantFrom('a', 'Z', ' ', '(', ')', '\\', 'n', '0', '7', '8', '\r', '\n', '\xff'), { maxLength: 24 });
    fc.assert(
      fc.property(body, (chars) => expectSameString(`(${chars.join('')}`)),
      fuzzParameters,
    );
  });
});

describe('an indirect object reads as with tokens only', () => {
  /** parseRawObject as written with tokens (before `obj`, `endobj` and `stream` were read without them). */
  function byTokens(lexer: Lexer): RawObject {
    const start = lexer.offset;
    const num = expectInteger(lexer, 'object number');
    const gen = expectInteger(lexer, 'generation number');
    expectKeyword(lexer, 'obj');
    const value = parseValue(lexer);
    const valueEnd = lexer.offset;
    const next = lexer.nextToken();
    if (next.type === 'keyword' && next.value === 'stream') {
      if (value.kind !== 'dict') throw new PdfSyntaxError('stream without a dictionary', next.start);
      const bytes = lexer.bytes;
      let position = lexer.position;
      if (position >= bytes.length) throw new NeedMoreBytes();
      if (bytes[position] === 0x0d) {
        if (position + 1 >= bytes.length) throw new NeedMoreBytes();
        position += bytes[position + 1] === 0x0a ? 2 : 1;
      } else if (bytes[position] === 0x0a) {
        position += 1;
      }
      const dataStart = lexer.base + position;
      return { num, gen, value, start, valueEnd, stream: { dataStart, declaredLength: value.entries.get('Length') }, end: dataStart, refs: referenceNums(value) };
    }
    if (next.type === 'keyword' && next.value === 'endobj') return { num, gen, value, start, valueEnd, end: next.end, refs: referenceNums(value) };
    return { num, gen, value, start, valueEnd, end: valueEnd, refs: referenceNums(value) };
  }

  /** The references as the walks take them: those noted while parsing, else listed from the value. */
  function asWalked(raw: RawObject): RawObject {
    return { ...raw, refs: raw.refs ?? referenceNums(raw.value) };
  }

  function expectSameObject(text: string): void {
    for (const { window, complete, label } of windows(text)) {
      const fast = attempt(() => {
        const lexer = new Lexer(window, 1000, complete);
        return { raw: asWalked(parseRawObject(lexer)), position: lexer.position };
      });
      const slow = attempt(() => {
        const lexer = new Lexer(window, 1000, complete);
        return { raw: byTokens(lexer), position: lexer.position };
      });
      expect(fast, label).toEqual(slow);
    }
  }

  test.each([
    '3 0 obj\n<< /Type /Page >>\nendobj\n',
    '3 0 obj<</A 1>>endobj',
    '3 0 obj [1 2] endobj%c\n',
    '3 0 obj\n<< /Length 4 >>\nstream\r\nabcd\nendstream\nendobj',
    '3 0 obj << /Length 4 >> stream\rabcd',
    '3 0 obj << /Length 4 >> stream\nabcd',
    '3 0 obj [1] stream\nx',
    '3 0 obj (x) endobjx',
    '3 0 obj 5 endobj(',
    '3 0 objx 5 endobj',
    '3 0 ob 5 endobj',
    '3 0 obj%c\n5 %c\nendobj',
    '3 0 obj << >> streamx\n',
    '3 0 obj 7\n4 0 obj 8 endobj',
    '3 0 obj 7 )',
    '3 0 obj 7 endstream',
    '3 0 R',
    '3 0 obj << /A 1 0 R /B [2 0 R << /C 3 0 R >>] /D 4 0 R >> endobj',
    '3 0 obj << /A 1 0 R /B 2 0 R /A 5 0 R >> endobj',
    '3 0 obj << /A 1 0 R /B 2 0 R /A null >> endobj',
    '3 0 obj << /A null /B 2 0 R /A 1 0 R >> endobj',
    '3 0 obj << /A 1 0 R /B 2 0 R /A 1 0 R >> endobj',
    '3 0 obj [1 0 R 2 % c\n0 R 3 0 R4 0 R] endobj',
    '3 0 obj << /Length 7 0 R /F [8 0 R] >> stream\nx',
  ])('%s', (text) => expectSameObject(text));

  test('references are noted while parsing, unless a dictionary repeats a key', () => {
    const refsOf = (text: string) => parseRawObject(new Lexer(new TextEncoder().encode(text), 0, true)).refs;
    expect(refsOf('3 0 obj << /A 1 0 R /B [2 0 R << /C 3 0 R >>] /W [0 [600 600 600]] /D 4 0 R >> endobj')).toEqual([1, 2, 3, 4]);
    expect(refsOf('3 0 obj << /Length 7 0 R >> stream\nx')).toEqual([7]);
    expect(refsOf('3 0 obj (no references) endobj')).toEqual([]);
    // A repeated key keeps its first place with its last value: the order read is not the walks' order.
    expect(refsOf('3 0 obj << /A 1 0 R /B 2 0 R /A 5 0 R >> endobj')).toBeUndefined();
    expect(refsOf('3 0 obj << /A 1 0 R /B 2 0 R /A null >> endobj')).toBeUndefined();
    // A key first null then set reads in the order written.
    expect(refsOf('3 0 obj << /A null /B 2 0 R /A 1 0 R >> endobj')).toEqual([2, 1]);
  });

  test('on generated objects', () => {
    const value = fc.constantFrom('<< /A 1 >>', '[1 2 0 R]', '(x)', '5', 'null', '<< /Length 3 >>', '/N', '<< /A 1 0 R /A 2 0 R /B 3 0 R >>', '<< /K [4 0 R << /P 5 0 R >>] >>');
    const after = fc.constantFrom('endobj', 'stream', 'endobjx', 'streamx', 'endstream', 'obj', '%c\nendobj', ')', '', '9 0 obj', 'stream\r', 'stream\r\n', 'stream\n');
    const keyword = fc.constantFrom('obj', 'obj', 'objx', 'ob', '%c\nobj');
    const gap = fc.constantFrom(' ', '\n', '', '\r\n');
    fc.assert(
      fc.property(keyword, value, after, gap, gap, (kw, v, tail, g1, g2) => expectSameObject(`12 0 ${kw}${g1}${v}${g2}${tail}x`)),
      fuzzParameters,
    );
  });
});

describe('objects read in one window as long as their block, or in small windows', () => {
  // A page tree node listing a thousand pages, a /Fields of thousands of fields: objects
  // longer than the first window, some across a 64 KiB block boundary.
  const BLOCK = 64 * 1024;
  function document(): { bytes: Uint8Array; offsets: Map<number, number> } {
    let text = '%PDF-1.7\n';
    const offsets = new Map<number, number>();
    const add = (num: number, body: string): void => {
      offsets.set(num, text.length);
      text += `${num} 0 obj\n${body}\nendobj\n`;
    };
    const refs = (n: number, from: number) => Array.from({ length: n }, (_, i) => `${from + i} 0 R`).join(' ');
    add(1, '<< /Type /Catalog /Pages 2 0 R >>');
    add(2, `<< /Type /Pages /Kids [${refs(1500, 100)}] /Count 1500 >>`);
    // Filler up to a few bytes before the block boundary, then an object across it.
    add(3, `(${'x'.repeat(BLOCK - text.length - 200)})`);
    add(4, `<< /Fields [${refs(3000, 2000)}] /DA (/Helv 0 Tf) >>`);
    add(5, `<< /W [0 [${Array.from({ length: 20000 }, () => '600').join(' ')}]] >>`);
    add(6, '<< /Length 3 >>\nstream\nabc\nendstream');
    const xref = text.length;
    text += `xref\n0 7\n0000000000 65535 f \n`;
    for (let num = 1; num <= 6; num++) text += `${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
    text += `trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return { bytes: latin1(text), offsets };
  }

  test('readRawObject reads what windows of 16 bytes growing four times read', async () => {
    const { bytes, offsets } = document();
    for (const [num, offset] of offsets) {
      const file = new PdfFile(bytesSource(bytes));
      const small = await parseWindow(new PdfFile(bytesSource(bytes)), offset, 1 << 22, parseRawObject, 16);
      expect(await readRawObject(file, offset, 1 << 22), `object ${num}`).toEqual(small);
    }
  });

  test('an object known without waiting is the one resolve reads, and one across blocks is left to resolve', async () => {
    const { bytes } = document();
    const known = await openStore(bytes);
    const resolved = await openStore(bytes);
    for (let num = 1; num <= 6; num++) {
      // The block of the object (and the next) read, as the walks have read them by then.
      await known.file.read(0, bytes.length);
      const now = known.known(num, 1);
      const later = await resolved.resolve(num, 1);
      if (now !== undefined) expect(now, `object ${num}`).toEqual(later);
      // Objects 1 to 3 lie in the first block; 4 crosses into the second, 5 into the third; 6 is a
      // stream whose /Length is followed by endstream in the block: read now, as resolve reads it.
      expect(now === undefined, `object ${num}`).toBe(num === 4 || num === 5);
    }
  });
});

describe('the block cache keeps its least-recently-used order', () => {
  // PdfFile skips moving the block it used last to the end of its order (it is there already):
  // which blocks it reads again must be what a plain LRU of 64 blocks reads again.
  const BLOCK = 64 * 1024;
  const size = 200 * BLOCK;

  function reference(steps: readonly { block: number; cachedOnly: boolean }[]): number[] {
    const order: number[] = [];
    const reads: number[] = [];
    for (const { block, cachedOnly } of steps) {
      const at = order.indexOf(block);
      if (at >= 0) {
        order.splice(at, 1);
        order.push(block);
      } else if (!cachedOnly) {
        reads.push(block);
        order.push(block);
        if (order.length > 64) order.shift();
      }
    }
    return reads;
  }

  async function readsOf(steps: readonly { block: number; cachedOnly: boolean }[]): Promise<number[]> {
    const reads: number[] = [];
    const bytes = new Uint8Array(size);
    const file = new PdfFile({
      size,
      read: async (offset, length) => {
        reads.push(offset / BLOCK);
        return bytes.subarray(offset, offset + length);
      },
    });
    for (const { block, cachedOnly } of steps) {
      if (cachedOnly) file.cachedFrom(block * BLOCK + 10, 100);
      else await file.read(block * BLOCK + 10, 100);
    }
    return reads;
  }

  test('a block used again just before the newest moves to the end', async () => {
    // Blocks 0..63 cached; 62 used again; 62 more new blocks push out 0..61, then one more
    // pushes out 63 (not 62, used after it), so 62 is still cached and 63 is read again.
    const steps = [...Array.from({ length: 64 }, (_, block) => block), 62, ...Array.from({ length: 63 }, (_, i) => 64 + i), 62, 63].map((block) => ({ block, cachedOnly: false }));
    expect(await readsOf(steps)).toEqual(reference(steps));
  });

  test('any sequence of reads and cached-only looks', async () => {
    const step = fc.record({ block: fc.integer({ min: 0, max: 67 }), cachedOnly: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 100, maxLength: 600 }), async (steps) => {
        expect(await readsOf(steps)).toEqual(reference(steps));
      }),
      fuzzParameters,
    );
  });
});

describe('a cross-reference table entry reads as with tokens only', () => {
  /** The entry as readTable read it before: two integers and a keyword, as tokens. */
  function byTokens(lexer: Lexer): { offset: number; generation: number; inUse: boolean } {
    const offset = expectInteger(lexer, 'entry offset');
    const generation = expectInteger(lexer, 'entry generation');
    const kind = lexer.nextToken();
    if (kind.type !== 'keyword' || (kind.value !== 'n' && kind.value !== 'f')) throw new PdfSyntaxError("expected 'n' or 'f'", kind.start);
    return { offset, generation, inUse: kind.value === 'n' };
  }

  function expectSameEntry(text: string): void {
    for (const { window, complete, label } of windows(text)) {
      const fast = attempt(() => {
        const lexer = new Lexer(window, 1000, complete);
        const entry = standardEntry(lexer) ? standardEntryRead() : byTokens(lexer);
        return { entry, position: lexer.position };
      });
      const slow = attempt(() => {
        const lexer = new Lexer(window, 1000, complete);
        return { entry: byTokens(lexer), position: lexer.position };
      });
      expect(fast, label).toEqual(slow);
    }
  }

  test.each([
    '0000000015 00000 n \n0000000099 00000 n \n',
    '0000000015 00000 n\r\n',
    '0000000000 65535 f \n',
    '\r\n  0000001234 00002 n \n',
    '0000000015 00000 n',
    '0000000015 00000 nx\n',
    '0000000015 00000 x \n',
    '000000015 00000 n \n',
    '00000000015 00000 n \n',
    '0000000015  00000 n \n',
    '0000000015\t00000 n \n',
    '%c\n0000000015 00000 n \n',
    '00000000a5 00000 n \n',
    '0000000015 0000- n \n',
    '0000000015 00000 n/\n',
    '0000000015 00000 n[',
    '9999999999 99999 f \n',
    'trailer\n',
  ])('%s', (text) => expectSameEntry(text));

  test('on generated entries', () => {
    const digits = (n: number) => fc.array(fc.constantFrom('0', '1', '9', 'a', '-'), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const width = fc.constantFrom(9, 10, 10, 10, 11);
    const gap = fc.constantFrom(' ', ' ', '  ', '\t', '\n');
    const end = fc.constantFrom(' \n', '\r\n', ' \r', '', 'x', '/', ' %c\n');
    fc.assert(
      fc.property(width.chain(digits), gap, fc.constantFrom(5, 5, 4).chain(digits), gap, fc.constantFrom('n', 'f', 'x', 'nn'), end, (a, g1, b, g2, k, e) =>
        expectSameEntry(`${a}${g1}${b}${g2}${k}${e}`),
      ),
      fuzzParameters,
    );
  });
});
