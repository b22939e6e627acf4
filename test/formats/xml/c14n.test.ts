import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { C14N_URI, canonicalize } from '../../../src/formats/xml/c14n.js';
import { parseXmlSafely } from '../../../src/formats/xml/parse.js';
import { DEFAULT_LIMITS } from '../../../src/formats/limits.js';
import { FIXTURES, fixture, text, utf8 } from './helpers.js';

function parse(bytes: Uint8Array) {
  const parsed = parseXmlSafely(bytes, DEFAULT_LIMITS);
  if (!parsed.ok) throw new Error(parsed.messages.map((m) => m.en).join('; '));
  return parsed.xml;
}

const documents = readdirSync(`${FIXTURES}/c14n`).filter((name) => name.endsWith('.xml'));

describe('canonical forms equal libxml2 (xmllint) output, whole documents with comments', () => {
  const cases = [
    ['c14n', C14N_URI.c14n10WithComments],
    ['c14n11', C14N_URI.c14n11WithComments],
    ['exc-c14n', C14N_URI.excWithComments],
  ] as const;
  for (const name of documents) {
    for (const [suffix, uri] of cases) {
      it(`${name} → ${suffix}`, () => {
        const xml = parse(fixture('c14n', name));
        const expected = text(fixture('c14n', name.replace(/\.xml$/, `.${suffix}`)));
        expect(text(canonicalize(xml.document, uri))).toBe(expected);
      });
    }
  }
});

describe('canonicalisation of subsets', () => {
  const doc = parse(
    utf8(
      '<r xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" xml:lang="vi" xml:id="top"><!--c--><a:e b:x="1"><f>t</f><g/></a:e></r>',
    ),
  );
  const e = doc.root.getElementsByTagName('a:e').item(0)!;

  it('an element apex under inclusive c14n carries every in-scope namespace and the inherited xml:* attributes', () => {
    expect(text(canonicalize(e, C14N_URI.c14n10))).toBe(
      '<a:e xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" xml:id="top" xml:lang="vi" b:x="1"><f>t</f><g></g></a:e>',
    );
  });

  it('C14N 1.1 inherits xml:lang but not xml:id', () => {
    expect(text(canonicalize(e, C14N_URI.c14n11))).toBe(
      '<a:e xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" xml:lang="vi" b:x="1"><f>t</f><g></g></a:e>',
    );
  });

  it('exclusive c14n outputs only visibly utilised namespaces, pushed down to where they are used', () => {
    expect(text(canonicalize(e, C14N_URI.exc))).toBe('<a:e xmlns:a="urn:a" xmlns:b="urn:b" b:x="1"><f xmlns="urn:d">t</f><g xmlns="urn:d"></g></a:e>');
  });

  it('the InclusiveNamespaces PrefixList brings listed prefixes to the apex', () => {
    expect(text(canonicalize(e, C14N_URI.exc, { inclusivePrefixes: ['#default'] }))).toBe(
      '<a:e xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" b:x="1"><f>t</f><g></g></a:e>',
    );
  });

  it('an excluded subtree is left out with everything below it', () => {
    const f = e.getElementsByTagName('f').item(0)!;
    expect(text(canonicalize(doc.document, C14N_URI.c14n10, { excluded: new Set([f]) }))).toBe(
      '<r xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" xml:id="top" xml:lang="vi"><a:e b:x="1"><g></g></a:e></r>',
    );
  });

  it('comments are dropped by the algorithms without comments', () => {
    expect(text(canonicalize(doc.document, C14N_URI.exc))).not.toContain('<!--');
    expect(text(canonicalize(doc.document, C14N_URI.excWithComments))).toContain('<!--c-->');
  });
});

describe('canonical forms of document subsets (Id references) equal what xmlsec1/libxml2 digest', () => {
  const xml = parse(fixture('subsets', 'doc.xml'));
  const algorithms: [string, string, string[] | undefined][] = [
    ['c14n', C14N_URI.c14n10, undefined],
    ['c14n11', C14N_URI.c14n11, undefined],
    ['exc-c14n', C14N_URI.exc, undefined],
    ['exc-c14n-prefixlist', C14N_URI.exc, ['unused', '#default']],
  ];
  for (const id of ['plain-default', 'prefixed', 'undeclared', 'lang-override']) {
    for (const [suffix, uri, prefixes] of algorithms) {
      it(`#${id} → ${suffix}`, () => {
        const element = xml.ids.get(id)![0]!;
        const options = prefixes ? { inclusivePrefixes: prefixes } : {};
        expect(text(canonicalize(element, uri, options))).toBe(text(fixture('subsets', `${id}.${suffix}`)));
      });
    }
  }
});
