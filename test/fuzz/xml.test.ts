/**
 * Fuzz target for the XML readers (src/formats/xml: safe parsing, c14n, XMLDSig, XAdES,
 * XPath; src/formats/edxml; src/formats/einvoice): mutants of xmlsec1-made samples, of
 * the edXML transit samples and, when ../shared/real-world/vn/ is there, of real tax-office
 * notices (read in place, never copied).
 *
 * Properties:
 * 1. Every mutant, and every random tag soup behind an edXML, HDon or TDiep root, is a
 *    report: parseXmlDocument resolves (no exception escapes), and the run uses small
 *    node and depth limits, so a mutant that would grow the DOM is refused by a limit
 *    (bounded memory). A hang shows up as the test's timeout (no timed assertion here).
 * 2. No mutant of a signed document passes unless what it signs is unchanged. Edits that
 *    keep a signature valid exist and are legitimate: whitespace or text outside the
 *    signed elements, the unsigned KeyInfo, line breaks inside base64, a tab instead of a
 *    space between attributes, attribute quotes... So the property is not "no mutant
 *    passes" but: every signature of a mutant that comes out TOTAL_PASSED has the same
 *    canonical SignedInfo and the same canonical form of every element its References
 *    name (inclusive C14N without comments, that Signature left out) as the same
 *    signature of the original. Anything else that passes is a forgery kyso let through.
 */
import fc from 'fast-check';
import { applyByteEdit, byteEdits, type ByteEdit } from './byte-edits.js';
import type { Element, Node } from '@xmldom/xmldom';
import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/formats/limits.js';
import { canonicalizeSubset } from '../../src/formats/xml/c14n.js';
import { NS } from '../../src/formats/xml/dom.js';
import { parseXmlDocument } from '../../src/formats/xml/index.js';
import { parseXmlSafely } from '../../src/formats/xml/parse.js';
import { portableHashFactory } from '../../src/io/hash.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { realWorldBytes, realWorldEntries, realWorldPresent, REAL_WORLD_ABSENT_REASON } from '../corpus/manifest.js';
import { sample } from '../helpers.js';
import { fuzzParameters } from './runs.js';

/** Small bounds: a mutant must hit them instead of growing memory (defaults are for real archives). */
const LIMITS = { ...DEFAULT_LIMITS, maxXmlNodes: 20_000, maxXmlDepth: 64, maxXmlBytes: 1 << 20 };
const context = { hashFactory: portableHashFactory, limits: LIMITS };

const SAMPLES = [
  'xml/enveloped-rsa-sha256-exc-c14n.xml',
  'xml/reference-by-id.xml',
  'xml/xades-baseline-b.xml',
  'xml/field/manifest.xml',
  'xml/extra/xades-countersigned.xml',
  'edxml/transit/compact.edxml',
  'edxml/transit/header-by-id.edxml',
].map((path) => ({ name: path, bytes: sample(path) }));

/** The real notices the tax office signed (TOTAL_PASSED as they are), when the corpus is there. */
const NOTICES = realWorldPresent
  ? realWorldEntries()
      .filter((entry) => /^vn\/tb(204|301).*\.xml$/.test(entry.file))
      .map((entry) => ({ name: entry.file, bytes: realWorldBytes(entry) }))
  : [];

type Edit =
  | ByteEdit
  | { kind: 'text'; pick: number; value: string }
  | { kind: 'element'; pick: number; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  ...byteEdits,
  // Replace the pick-th text between tags: values, digests, Ids in text, whitespace.
  fc.record({ kind: fc.constant('text' as const), pick: fc.nat(), value: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '\n  ', '&amp;', '&#x41;', ']]>')) }),
  // Copy the pick-th element (start tag to its end tag, when simple) to another place: wrapping.
  fc.record({ kind: fc.constant('element' as const), pick: fc.nat(), at: fc.nat() }),
);

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function applyEdits(input: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let out: Uint8Array = Uint8Array.from(input);
  for (const e of edits) {
    if (e.kind === 'text' || e.kind === 'element') {
      const text = decoder.decode(out);
      if (e.kind === 'text') {
        const runs = [...text.matchAll(/>([^<]*)</g)];
        if (runs.length === 0) continue;
        const run = runs[e.pick % runs.length]!;
        const start = run.index + 1;
        out = encoder.encode(text.slice(0, start) + e.value + text.slice(start + run[1]!.length));
      } else {
        const elements = [...text.matchAll(/<([A-Za-z_][\w.:-]*)[^<>]*>[^<]*(?:<(?!\/?\1[\s>])[^<]*)*<\/\1>/g)];
        if (elements.length === 0) continue;
        const element = elements[e.pick % elements.length]![0];
        const tags = [...text.matchAll(/<\/[^>]+>/g)];
        if (tags.length === 0) continue;
        const tag = tags[e.at % tags.length]!;
        const at = tag.index + tag[0].length;
        out = encoder.encode(text.slice(0, at) + element + text.slice(at));
      }
    } else {
      out = applyByteEdit(out, e);
    }
  }
  return out;
}

function descendants(node: Node, out: Element[] = []): Element[] {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      out.push(child as Element);
      descendants(child, out);
    }
  }
  return out;
}

const c14n = (apex: Element | import('@xmldom/xmldom').Document, excluded?: ReadonlySet<Node>): string =>
  canonicalizeSubset(excluded ? { apex, excluded } : { apex }, { method: 'c14n10', withComments: false });

/**
 * What each Signature signs, as canonical text, independent of the verifier's decisions:
 * per Signature element (ds: or edXML-namespace, document order, as kyso lists them), its
 * SignedInfo and, for each Reference, the one element carrying that Id (or the document
 * for URI=""), that Signature left out. An entry is `undefined` when it cannot be read
 * that way (a Reference to a missing or repeated Id, or outside the document): such a
 * signature must not pass.
 */
function signedContent(bytes: Uint8Array): (string[] | undefined)[] | undefined {
  const parsed = parseXmlSafely(bytes, LIMITS);
  if (!parsed.ok) return undefined;
  const { xml } = parsed;
  const signatures = descendants(xml.document).filter(
    (element) => element.localName === 'Signature' && (element.namespaceURI === NS.ds || element.namespaceURI === NS.edxml),
  );
  return signatures.map((signature) => {
    const signedInfo = descendants(signature).find((element) => element.localName === 'SignedInfo' && element.namespaceURI === signature.namespaceURI);
    if (!signedInfo) return undefined;
    const out = [c14n(signedInfo)];
    for (const reference of descendants(signedInfo).filter((element) => element.localName === 'Reference')) {
      const uri = reference.getAttribute('URI');
      if (uri === null || (uri !== '' && !uri.startsWith('#'))) return undefined;
      if (uri === '') {
        out.push(c14n(xml.document, new Set<Node>([signature])));
        continue;
      }
      const targets = xml.ids.get(uri.slice(1)) ?? [];
      if (targets.length !== 1) return undefined;
      out.push(c14n(targets[0]!, new Set<Node>([signature])));
    }
    return out;
  });
}

const same = (a: string[] | undefined, b: string[] | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((text, i) => text === b[i]);

describe('XML, edXML and e-invoice readers under mutated input', () => {
  test('every mutant of a signed sample is a report, never an exception', async () => {
    const seeds = [...SAMPLES, ...NOTICES];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), async (seed, edits) => {
        const document = await parseXmlDocument(applyEdits(seeds[seed]!.bytes, edits), context);
        expect(['xml', 'edxml']).toContain(document.format);
        for (const message of document.messages) expect(message.code).toMatch(/^[A-Z0-9_]+$/);
        for (const signature of document.signatures) expect(['passed', 'failed', 'unknown']).toContain(signature.integrity.intact);
      }),
      fuzzParameters,
    );
  }, 600_000);

  test('random tag soup behind an edXML, HDon or TDiep root is a report, never an exception', async () => {
    const roots = [
      ['<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">', '</edXML>'],
      ['<HDon>', '</HDon>'],
      ['<TDiep>', '</TDiep>'],
    ] as const;
    const token = fc.constantFrom(
      '<edXMLEnvelope>', '</edXMLEnvelope>', '<edXMLHeader>', '<MessageHeader Id="h">', '</MessageHeader>', '<TraceHeaderList><TraceHeader/></TraceHeaderList>',
      '<AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><ContentTransferEncoded>JVBERi0=</ContentTransferEncoded></Attachment></AttachmentEncoded>',
      '<DLHDon Id="d">', '</DLHDon>', '<TTChung><MLTDiep>204</MLTDiep></TTChung>', '<DSCKS><NBan>', '</NBan><CQT>', '</CQT></DSCKS>', '<MCCQT Id="m">X</MCCQT>',
      '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><Reference URI="#d"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>AA==</DigestValue></Reference></SignedInfo><SignatureValue>AA==</SignatureValue></Signature>',
      '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">', '</ds:Signature>', '<Object><SignatureProperties><SignatureProperty><SigningTime>2025-01-01T00:00:00</SigningTime></SignatureProperty></SignatureProperties></Object>',
      '<![CDATA[x]]>', '<!-- c -->', '&amp;', ' Id="d"', '<?pi x?>',
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...roots), fc.array(fc.oneof(token, fc.string({ maxLength: 20 })), { maxLength: 40 }), async ([open, close], parts) => {
        const document = await parseXmlDocument(encoder.encode(`<?xml version="1.0" encoding="UTF-8"?>${open}${parts.join('')}${close}`), context);
        expect(['xml', 'edxml']).toContain(document.format);
      }),
      fuzzParameters,
    );
  }, 600_000);
});

describe('no mutant of a signed document passes unless what it signs is unchanged', () => {
  let trust: TrustStore | undefined;
  const trustStore = async (): Promise<TrustStore> =>
    (trust ??= (await TrustStore.bundled()).merge(TrustStore.from(sample('pki/kyso-test-root.pem'))));
  const AT = new Date('2026-06-01T00:00:00Z');
  /** Mutants with a passing signature, per seed: the property is only worth something if edits that keep validity happen. */
  const stillPassing = new Map<string, number>();

  async function holds(seed: { name: string; bytes: Uint8Array }, edits: readonly Edit[]): Promise<void> {
    const mutant = applyEdits(seed.bytes, edits);
    const report = await verify(mutant, { trust: await trustStore(), at: AT, hashFactory: portableHashFactory, policy: { limits: LIMITS } });
    const passed = report.signatures.flatMap((signature, index) => (signature.indication === 'TOTAL_PASSED' ? [index] : []));
    if (passed.length === 0) return;
    stillPassing.set(seed.name, (stillPassing.get(seed.name) ?? 0) + 1);
    const before = signedContent(seed.bytes)!;
    const after = signedContent(mutant);
    // Signatures are compared by position; when a mutant adds or drops one, every signature must be unchanged.
    const aligned = after !== undefined && after.length === report.signatures.length && after.length === before.length;
    for (const index of aligned ? passed : before.map((_, i) => i)) {
      expect(same(after?.[index], before[index]), `${seed.name}: signature ${index + 1} passed with changed signed content`).toBe(true);
    }
  }

  test('the seeds themselves pass (otherwise the property says nothing)', async () => {
    for (const seed of [...SAMPLES, ...NOTICES]) {
      const report = await verify(seed.bytes, { trust: await trustStore(), at: AT });
      expect([seed.name, ...report.signatures.map((signature) => signature.indication)]).toEqual([seed.name, ...report.signatures.map(() => 'TOTAL_PASSED')]);
      const content = signedContent(seed.bytes);
      expect(content?.length).toBe(report.signatures.length);
      for (const entry of content ?? []) expect(entry?.length).toBeGreaterThan(1);
    }
  });

  test('mutants of xmlsec1-made samples', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SAMPLES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), async (seed, edits) => holds(SAMPLES[seed]!, edits)),
      fuzzParameters,
    );
    // Some edits keep a signature valid (text outside what it signs, KeyInfo...): with none the property would be empty.
    expect([...stillPassing.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
  }, 600_000);

  test.skipIf(NOTICES.length === 0)('mutants of real tax-office notices (../shared/real-world/vn/)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: NOTICES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), async (seed, edits) => holds(NOTICES[seed]!, edits)),
      fuzzParameters,
    );
  }, 600_000);

  test.skipIf(NOTICES.length > 0)(`real notices skipped: ${REAL_WORLD_ABSENT_REASON}`, () => {});
});
