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
import { c14nAlgorithm, canonicalizeSubset, type C14nOptions } from '../../src/formats/xml/c14n.js';
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

const c14n = (apex: Element | import('@xmldom/xmldom').Document, options: C14nOptions, excluded?: ReadonlySet<Node>): string =>
  canonicalizeSubset(excluded ? { apex, excluded } : { apex }, options);

/** Inclusive C14N 1.0 without comments: XMLDSig's default for a node-set. */
const INCLUSIVE: C14nOptions = { method: 'c14n10', withComments: false };

/**
 * The canonicalisation the last of `methods` that names one says (SignedInfo's
 * CanonicalizationMethod, or a Reference's Transforms), with its InclusiveNamespaces PrefixList. The name sits in SignedInfo,
 * whose own canonical text is compared too, so reading it here takes nothing from the
 * mutant on trust: exclusive C14N leaves out namespace declarations the signed elements do
 * not use, and a mutant that changes only those changes nothing signed.
 */
function c14nOf(methods: readonly Element[]): C14nOptions {
  for (let i = methods.length - 1; i >= 0; i--) {
    const algorithm = c14nAlgorithm(methods[i]!.getAttribute('Algorithm') ?? '');
    if (!algorithm) continue;
    const list = descendants(methods[i]!).find((element) => element.localName === 'InclusiveNamespaces')?.getAttribute('PrefixList');
    return list ? { ...algorithm, inclusivePrefixes: list.split(/\s+/).filter(Boolean) } : algorithm;
  }
  return INCLUSIVE;
}

/**
 * What each Signature signs, as canonical text, independent of the verifier's decisions:
 * per Signature element (ds: or edXML-namespace, document order, as kyso lists them), its
 * SignedInfo and, for each Reference, the one element carrying that Id (or the document
 * for URI=""), that Signature left out. An entry is `undefined` when it cannot be read
 * that way (a Reference to a missing or repeated Id, or outside the document): such a
 * signature must not pass. Each entry carries the Signature's Id, by which a passing
 * signature is found again when a mutant adds or drops one.
 */
interface SignedEntry {
  readonly id: string | null;
  readonly content: string[] | undefined;
}

function signedContent(bytes: Uint8Array): SignedEntry[] | undefined {
  const parsed = parseXmlSafely(bytes, LIMITS);
  if (!parsed.ok) return undefined;
  const { xml } = parsed;
  const signatures = descendants(xml.document).filter(
    (element) => element.localName === 'Signature' && (element.namespaceURI === NS.ds || element.namespaceURI === NS.edxml),
  );
  return signatures.map((signature) => ({ id: signature.getAttribute('Id'), content: contentOf(signature) }));

  function contentOf(signature: Element): string[] | undefined {
    const signedInfo = descendants(signature).find((element) => element.localName === 'SignedInfo' && element.namespaceURI === signature.namespaceURI);
    if (!signedInfo) return undefined;
    const out = [c14n(signedInfo, c14nOf(descendants(signedInfo).filter((element) => element.localName === 'CanonicalizationMethod')))];
    for (const reference of descendants(signedInfo).filter((element) => element.localName === 'Reference')) {
      const uri = reference.getAttribute('URI');
      if (uri === null || (uri !== '' && !uri.startsWith('#'))) return undefined;
      const method = c14nOf(descendants(reference).filter((element) => element.localName === 'Transform'));
      if (uri === '') {
        out.push(c14n(xml.document, method, new Set<Node>([signature])));
        continue;
      }
      const targets = xml.ids.get(uri.slice(1)) ?? [];
      if (targets.length !== 1) return undefined;
      out.push(c14n(targets[0]!, method, new Set<Node>([signature])));
    }
    return out;
  }
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
    // Signatures are compared by position. When a mutant adds or drops one, each passing
    // signature is found again by its Id where that names exactly one Signature before and
    // after (a countersignature whose namespace a byte edit broke is no signature any more);
    // otherwise every signature there was must be unchanged, position by position.
    const aligned = after !== undefined && after.length === report.signatures.length && after.length === before.length;
    const message = (index: number) => `${seed.name}: signature ${index + 1} passed with changed signed content`;
    if (aligned) {
      for (const index of passed) expect(same(after[index]!.content, before[index]!.content), message(index)).toBe(true);
      return;
    }
    const byId = (entries: readonly SignedEntry[] | undefined, id: string) => {
      const found = entries?.filter((entry) => entry.id === id);
      return found?.length === 1 ? found[0] : undefined;
    };
    const found = passed.map((index) => [index, byId(before, report.signatures[index]!.id), byId(after, report.signatures[index]!.id)] as const);
    if (found.every(([, was, is]) => was !== undefined && is !== undefined)) {
      for (const [index, was, is] of found) expect(same(is!.content, was!.content), message(index)).toBe(true);
    } else {
      for (let index = 0; index < before.length; index++) expect(same(after?.[index]?.content, before[index]!.content), message(index)).toBe(true);
    }
  }

  test('the seeds themselves pass (otherwise the property says nothing)', async () => {
    for (const seed of [...SAMPLES, ...NOTICES]) {
      const report = await verify(seed.bytes, { trust: await trustStore(), at: AT });
      expect([seed.name, ...report.signatures.map((signature) => signature.indication)]).toEqual([seed.name, ...report.signatures.map(() => 'TOTAL_PASSED')]);
      const content = signedContent(seed.bytes);
      expect(content?.length).toBe(report.signatures.length);
      for (const entry of content ?? []) expect(entry.content?.length).toBeGreaterThan(1);
    }
  });

  test('a namespace declaration that exclusively canonicalised content does not use is not signed (npm run fuzz, seed 1810440931)', async () => {
    // The root's default namespace declaration turned into an ordinary attribute (`dxmlns=`):
    // the signed MessageHeader and its children use the edXML: prefix only, so exclusive C14N
    // gives the same text, and xmlsec1 verifies the mutant too.
    const seed = SAMPLES.find((s) => s.name === 'edxml/transit/header-by-id.edxml')!;
    const edits: Edit[] = [
      { kind: 'splice', from: 214664156, length: 1, at: 266474550 },
      { kind: 'text', pick: 0, value: '' },
    ];
    expect(decoder.decode(applyEdits(seed.bytes, edits)).slice(0, 60)).toBe('<?xml version="1.0" encoding="UTF-8"?><edXML dxmlns="http://');
    const before = stillPassing.get(seed.name) ?? 0;
    await holds(seed, edits);
    expect(stillPassing.get(seed.name)).toBe(before + 1);
  });

  test('a countersignature whose namespace a byte edit broke is no signature; the one around it still passes (npm run fuzz, seed -1030422215)', async () => {
    // One byte of the countersignature's xmlns deleted ("ttp://www.w3.org/2000/09/xmldsig#"):
    // it sits in the outer signature's unsigned properties, which that signature does not sign.
    const seed = SAMPLES.find((s) => s.name === 'xml/extra/xades-countersigned.xml')!;
    const edits: Edit[] = [{ kind: 'delete', at: 241911098 }];
    expect(decoder.decode(applyEdits(seed.bytes, edits))).toContain('<xades:CounterSignature><Signature xmlns="ttp://www.w3.org/2000/09/xmldsig#"');
    const report = await verify(applyEdits(seed.bytes, edits), { trust: await trustStore(), at: AT });
    expect(report.signatures.map((signature) => `${signature.id} ${signature.indication}`)).toEqual(['sig-1 TOTAL_PASSED']);
    await holds(seed, edits);
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
