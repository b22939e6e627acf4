import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/formats/limits.js';
import { parseXmlDocument } from '../../../src/formats/xml/index.js';
import { firstInvalidUtf8, parseXmlSafely } from '../../../src/formats/xml/parse.js';
import { shared, SHARED } from '../../helpers.js';
import { context, utf8 } from './helpers.js';

function refusal(bytes: Uint8Array, limits: Partial<typeof DEFAULT_LIMITS> = {}): string[] {
  const parsed = parseXmlSafely(bytes, { ...DEFAULT_LIMITS, ...limits });
  return parsed.ok ? [] : parsed.messages.map((message) => message.code);
}

describe('hostile XML (shared/conformance/bad-xml) is refused before any expansion; the controls parse', () => {
  const expected: Record<string, string[]> = {
    'cyclic.xml': ['XML_DOCTYPE_REFUSED'],
    'dtd.xml': ['XML_DOCTYPE_REFUSED'],
    'external.xml': ['XML_DOCTYPE_REFUSED'],
    'external_file.xml': ['XML_DOCTYPE_REFUSED'],
    'quadratic.xml': ['XML_DOCTYPE_REFUSED'],
    'xmlbomb.xml': ['XML_DOCTYPE_REFUSED'],
    'xmlbomb2.xml': ['XML_DOCTYPE_REFUSED'],
    'xmp-with-harmless-entity.xml': ['XML_DOCTYPE_REFUSED'],
    'simple.xml': [],
    'simple-ns.xml': [],
  };
  it('covers every file in the folder', () => {
    expect(readdirSync(join(SHARED, 'conformance/bad-xml')).filter((name) => name.endsWith('.xml')).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const [name, codes] of Object.entries(expected)) {
    it(`${name}: ${codes.length ? codes.join(', ') : 'parses'}`, async () => {
      const bytes = shared(`conformance/bad-xml/${name}`);
      expect(refusal(bytes)).toEqual(codes);
      const document = await parseXmlDocument(bytes, context());
      expect(document.readable).toBe(codes.length === 0);
      expect(document.messages.map((message) => message.code)).toEqual(codes.length ? codes : ['XML_NO_SIGNATURE']);
    });
  }
});

describe('parser bounds: the largest allowed passes, one more is refused', () => {
  const nested = (depth: number): Uint8Array => utf8('<a>'.repeat(depth) + '</a>'.repeat(depth));

  it('maxXmlDepth (the root is depth 1)', () => {
    expect(refusal(nested(10), { maxXmlDepth: 10 })).toEqual([]);
    expect(refusal(nested(11), { maxXmlDepth: 10 })).toEqual(['XML_TOO_DEEP']);
  });

  it('maxXmlNodes (elements, attributes, text runs, comments, PIs)', () => {
    // root + 2 attributes + child + text + comment + PI = 7 nodes.
    const seven = utf8('<?xml version="1.0"?><r a="1" b="2"><c>t</c><!--x--><?p?></r>');
    expect(refusal(seven, { maxXmlNodes: 7 })).toEqual([]);
    expect(refusal(seven, { maxXmlNodes: 6 })).toEqual(['XML_TOO_MANY_NODES']);
  });

  it('maxXmlBytes', () => {
    const bytes = utf8('<r>0123456789</r>');
    expect(refusal(bytes, { maxXmlBytes: bytes.length })).toEqual([]);
    expect(refusal(bytes, { maxXmlBytes: bytes.length - 1 })).toEqual(['XML_TOO_LARGE']);
  });

  it('namespace declarations in scope (a quadratic canonicalisation otherwise)', () => {
    const declare = (count: number, from: number): string => Array.from({ length: count }, (_, i) => ` xmlns:p${from + i}="urn:${from + i}"`).join('');
    expect(refusal(utf8(`<r${declare(200, 0)}><c${declare(56, 200)}/></r>`))).toEqual([]);
    expect(refusal(utf8(`<r${declare(200, 0)}><c${declare(57, 200)}/></r>`))).toEqual(['XML_TOO_MANY_NAMESPACES']);
  });

  it('the default depth bound stops a deeply nested document without a stack overflow', () => {
    expect(refusal(nested(100_000))).toEqual(['XML_TOO_DEEP']);
  });
});

describe('well-formedness problems are refusals, never ignored', () => {
  const cases: [string, string, string][] = [
    ['two root elements', '<a/><b/>', 'XML_NOT_ONE_ROOT'],
    ['no root element', '<!-- nothing -->', 'XML_NOT_ONE_ROOT'],
    ['text after the root', '<a/>tail', 'XML_CONTENT_OUTSIDE_ROOT'],
    ['an undefined entity', '<a>&nbsp;</a>', 'XML_ENTITY_REFUSED'],
    ['a bare ampersand', '<a>fish & chips</a>', 'XML_MALFORMED'],
    ['a control character', '<a>\u0001</a>', 'XML_ILLEGAL_CHARACTER'],
    ['a reference to NUL', '<a>&#0;</a>', 'XML_MALFORMED'],
    ['an unbound prefix', '<p:a/>', 'XML_MALFORMED'],
    ['a duplicated attribute', '<a x="1" x="2"/>', 'XML_MALFORMED'],
    ['an unclosed element', '<a><b></a>', 'XML_MALFORMED'],
    ['an ENTITY declaration outside a DTD', '<a><!ENTITY x "y"></a>', 'XML_DECLARATION_REFUSED'],
    ['a DOCTYPE after the root', '<a/><!DOCTYPE a>', 'XML_DOCTYPE_REFUSED'],
    // windows-1250…1258 and ISO-8859-x are decoded; a multi-byte legacy encoding is not.
    ['a declared encoding kyso does not decode', '<?xml version="1.0" encoding="Shift_JIS"?><a/>', 'XML_ENCODING_UNSUPPORTED'],
  ];
  for (const [name, text, code] of cases) {
    it(name, () => expect(refusal(utf8(text))).toEqual([code]));
  }

  it('bytes that are not UTF-8 are reported with the byte, its offset and the declared encoding', () => {
    const bytes = new Uint8Array([...utf8('<?xml version="1.0" encoding="UTF-8"?><a>'), 0xc3, 0x28, ...utf8('</a>')]);
    const parsed = parseXmlSafely(bytes, DEFAULT_LIMITS);
    expect(parsed.ok).toBe(false);
    const [message] = parsed.ok ? [] : parsed.messages;
    expect(message).toMatchObject({ code: 'XML_UTF8_INVALID', params: { declared: 'UTF-8', offset: 41, byte: 'C3' } });
  });

  it('a lone continuation byte, an overlong form and a surrogate are each invalid UTF-8', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xe1, 0xba]))).toBe(0);
    expect(firstInvalidUtf8(utf8('Tiếng Việt 𝄞'))).toBe(-1);
  });

  it('ISO-8859-1 and ISO-8859-2 documents are decoded by their declaration', () => {
    const latin1 = new Uint8Array([...utf8('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), 0xe9, 0x80, ...utf8('</a>')]);
    const parsed1 = parseXmlSafely(latin1, DEFAULT_LIMITS);
    expect(parsed1.ok && parsed1.xml.root.textContent).toBe('\u00e9\u0080');
    const latin2 = new Uint8Array([...utf8('<?xml version="1.0" encoding="iso-8859-2"?><a>'), 0xb1, 0xe8, ...utf8('</a>')]);
    const parsed2 = parseXmlSafely(latin2, DEFAULT_LIMITS);
    expect(parsed2.ok && parsed2.xml.root.textContent).toBe('ąč');
  });

  it('UTF-16 with a byte-order mark is read', () => {
    const text = '<a>Tiếng Việt</a>';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    const parsed = parseXmlSafely(bytes, DEFAULT_LIMITS);
    expect(parsed.ok && parsed.xml.root.textContent).toBe('Tiếng Việt');
  });
});
