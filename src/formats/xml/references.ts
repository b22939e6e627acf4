/**
 * One SignedInfo Reference: resolve its URI within the document, apply its
 * transforms, digest, compare. What the reference resolved to is reported by
 * identity (the element object and its path), so a caller can tell the signed
 * element from a forged copy elsewhere in the tree.
 *
 * Supported: URI="" (the document, comments removed), "#id" (the single element with
 * that Id/ID/id/xml:id, comments removed), "#xpointer(/)" and "#xpointer(id('x'))"
 * (comments kept); transforms enveloped-signature, the six c14n algorithms, base64,
 * XPath and XPath Filter 2.0 (xpath.ts: node-sets of the apex-minus-subtrees shape).
 * Everything else (external URIs, XSLT, decryption) is refused as unsupported: never
 * passed, never called wrong.
 */
import type { Document, Element, Node } from '@xmldom/xmldom';
import type { DigestAlgorithm, HashFactory } from '../../io/hash.js';
import { bytesEqual } from '../../io/hash.js';
import type { Message } from '../../report/messages.js';
import type { Check } from '../../report/types.js';
import { DIGEST_BY_URI, TRANSFORM } from './algorithms.js';
import { decodeBase64Strict } from './base64.js';
import { C14N_ITEM_COST, c14nAlgorithm, canonicalizeSubset, C14nUnsupportedError, C14nWorkLimit, spendWork, type C14nWork } from './c14n.js';
import { childElements, firstChildNamed, isDocument, isElement, NS, NodeType, plainAttribute, strictText } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import type { SafeXml } from './parse.js';
import { XPATH_FILTER2, XPATH_TRANSFORM, xpathBudget, xpathFilter2, xpathTransform, XPathUnsupported } from './xpath.js';

/**
 * Key of the content map under which a caller gives the content of the one Reference
 * without a URI attribute (XMLDSig allows at most one per SignedInfo or Manifest). A
 * Reference with URI="" is the enclosing document and never reads the map.
 */
export const NO_URI_KEY = '';
const NO_URI_LABEL = '(no URI)';

/** Transforms per reference; real signatures use two at most. */
export const MAX_TRANSFORMS = 8;

export interface ReferenceResult {
  readonly uri: string;
  /** The Type attribute (XAdES SignedProperties references carry one). */
  readonly type?: string;
  /** `document`, `QName#id`, or why nothing was resolved: `not-found`, `ambiguous`, `unsupported`. */
  readonly target: string;
  /** XPath-like location of the resolved element (`/a[1]/b[2]`), or `/` for the document. */
  readonly path?: string;
  /**
   * The node the reference signs as markup (names, attributes, text). Absent when a
   * base64 transform turned it into its text alone (`textOnly`): then the element is
   * not signed as an element, and nothing may read claims from it as signed.
   */
  readonly node?: Document | Element;
  /** A base64 transform decoded the node-set's text: only that text is signed, not the markup around it. */
  readonly textOnly?: true;
  /** Subtrees removed by transforms (the enveloped Signature). */
  readonly excluded: ReadonlySet<Node>;
  readonly digestAlgorithm?: DigestAlgorithm;
  readonly digestMethod: string;
  readonly intact: Check;
  /** Why the reference could not be checked: an unsupported feature, or a broken structure. */
  readonly problem?: 'unsupported' | 'structure';
  /**
   * For an unsupported reference, what is missing: the signed data itself (an external
   * URI, a transform kyso does not run: SIGNED_DATA_NOT_FOUND), or an algorithm
   * (CRYPTO_CONSTRAINTS_FAILURE).
   */
  readonly unknownReason?: 'no-content' | 'unsupported-algorithm';
  readonly messages: readonly Message[];
}

export interface ReferenceContext {
  readonly xml: SafeXml;
  /** The Signature element this reference belongs to (what enveloped-signature removes). */
  readonly signature: Element;
  /** Namespace of the signature's elements (XMLDSig, or edXML for re-serialised packages). */
  readonly namespace: string;
  readonly hashFactory: HashFactory;
  /** Detached content the caller gave, by Reference URI. */
  readonly external?: ReadonlyMap<string, Uint8Array>;
}

type Data =
  | { kind: 'nodes'; apex: Document | Element; excluded: Set<Node>; withComments: boolean }
  | { kind: 'octets'; bytes: Uint8Array };

class ReferenceFailure extends Error {
  constructor(
    readonly problem: 'unsupported' | 'structure',
    readonly detail: Message,
    readonly unknownReason: 'no-content' | 'unsupported-algorithm' = 'no-content',
  ) {
    super(detail.en);
  }
}

/**
 * Each child element's position among its same-named siblings, numbered once per parent of a
 * document kyso parsed (never mutated afterwards): thousands of references to elements after
 * 200,000 siblings would otherwise count them again each (red team: 1.4 MB, 12 s).
 */
const siblingPositions = new WeakMap<Node, Map<Element, number>>();

function positionAmongNamesakes(element: Element): number {
  const parent = element.parentNode;
  if (!parent) return 1;
  let positions = siblingPositions.get(parent);
  if (!positions) {
    positions = new Map();
    const seen = new Map<string, number>();
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (!isElement(child)) continue;
      const position = (seen.get(child.tagName) ?? 0) + 1;
      seen.set(child.tagName, position);
      positions.set(child, position);
    }
    siblingPositions.set(parent, positions);
  }
  return positions.get(element) ?? 1;
}

export function elementPath(node: Document | Element): string {
  if (isDocument(node)) return '/';
  const steps: string[] = [];
  for (let current: Node | null = node; current && isElement(current); current = current.parentNode) {
    steps.push(`${current.tagName}[${positionAmongNamesakes(current)}]`);
  }
  return `/${steps.reverse().join('/')}`;
}

function describe(node: Document | Element, id: string | undefined): string {
  if (isDocument(node)) return 'document';
  return id !== undefined ? `${node.tagName}#${id}` : node.tagName;
}

function resolve(
  uri: string,
  xml: SafeXml,
): { node: Document | Element; id?: string; withComments: boolean } | { failure: 'not-found' | 'ambiguous' | 'unsupported' } {
  if (uri === '') return { node: xml.document, withComments: false };
  if (uri === '#xpointer(/)') return { node: xml.document, withComments: true };
  const xpointer = /^#xpointer\(id\((['"])([^'"]+)\1\)\)$/.exec(uri);
  const bare = /^#([^\s#()'"]+)$/.exec(uri);
  const id = xpointer ? xpointer[2]! : bare ? bare[1]! : undefined;
  if (id === undefined) return { failure: 'unsupported' };
  const elements = xml.ids.get(id) ?? [];
  if (elements.length === 0) return { failure: 'not-found' };
  if (elements.length > 1) return { failure: 'ambiguous' };
  return { node: elements[0]!, id, withComments: xpointer !== null };
}

/**
 * XPath string-value of a node-set (text descendants in document order), for the base64
 * transform. Every node it passes is charged to the document's budget, as canonicalisation
 * charges what it writes: a walk over a large document that yields no text still costs.
 */
function stringValue(apex: Document | Element, excluded: ReadonlySet<Node>, work: C14nWork): string {
  const parts: string[] = [];
  const charge = (units: number): void => spendWork(work, units);
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      charge(C14N_ITEM_COST);
      if (excluded.has(child)) continue;
      if (child.nodeType === NodeType.text || child.nodeType === NodeType.cdata) {
        const text = child.nodeValue ?? '';
        charge(text.length);
        parts.push(text);
      } else if (isElement(child) && !excluded.has(child)) walk(child);
    }
  };
  if (!excluded.has(apex)) walk(apex);
  return parts.join('');
}

function applyTransform(data: Data, transform: Element, context: ReferenceContext, uri: string): Data {
  const algorithm = plainAttribute(transform, 'Algorithm') ?? '';
  if (algorithm === TRANSFORM.enveloped) {
    // Octets would have to be re-parsed into a node-set first (XMLDSig §4.4.3.2), which kyso does not do.
    if (data.kind !== 'nodes') throw new ReferenceFailure('unsupported', XML_MESSAGES.XML_TRANSFORM_FAILED({ uri: algorithm, reference: uri, detail: 'input is not a node-set (re-parsing octets is not supported)' }));
    data.excluded.add(context.signature);
    return data;
  }
  const c14n = c14nAlgorithm(algorithm);
  if (c14n) {
    if (data.kind !== 'nodes') {
      throw new ReferenceFailure('unsupported', XML_MESSAGES.XML_TRANSFORM_FAILED({ uri: algorithm, reference: uri, detail: 'canonicalising octets (re-parsing) is not supported' }));
    }
    const prefixes = c14n.method === 'exc-c14n' ? inclusivePrefixes(transform) : undefined;
    try {
      const text = canonicalizeSubset(
        { apex: data.apex, excluded: data.excluded },
        { method: c14n.method, withComments: c14n.withComments && data.withComments, ...(prefixes ? { inclusivePrefixes: prefixes } : {}), work: context.xml.budget },
      );
      return { kind: 'octets', bytes: new TextEncoder().encode(text) };
    } catch (error) {
      if (error instanceof C14nUnsupportedError) {
        throw new ReferenceFailure('unsupported', XML_MESSAGES.XML_CANONICALIZATION_UNSUPPORTED({ detail: error.message }), 'unsupported-algorithm');
      }
      throw error;
    }
  }
  if (algorithm === TRANSFORM.base64) {
    const text = data.kind === 'nodes' ? stringValue(data.apex, data.excluded, context.xml.budget) : new TextDecoder('utf-8', { fatal: false }).decode(data.bytes);
    const bytes = decodeBase64Strict(text);
    if (!bytes) throw new ReferenceFailure('structure', XML_MESSAGES.XML_TRANSFORM_FAILED({ uri: algorithm, reference: uri, detail: 'the input is not base64' }));
    return { kind: 'octets', bytes };
  }
  if (algorithm === XPATH_TRANSFORM || algorithm === XPATH_FILTER2) {
    if (data.kind !== 'nodes') {
      throw new ReferenceFailure('unsupported', XML_MESSAGES.XML_TRANSFORM_FAILED({ uri: algorithm, reference: uri, detail: 'an XPath over octets (re-parsing) is not supported' }));
    }
    try {
      const selected = (algorithm === XPATH_TRANSFORM ? xpathTransform : xpathFilter2)(transform, data, context.xml.budget);
      return { kind: 'nodes', apex: selected.apex, excluded: selected.excluded, withComments: data.withComments };
    } catch (error) {
      if (!(error instanceof XPathUnsupported)) throw error;
      throw new ReferenceFailure(
        'unsupported',
        error.workLimit ? XML_MESSAGES.XML_XPATH_WORK_LIMIT({ limit: xpathBudget(context.xml.nodes) }) : XML_MESSAGES.XML_TRANSFORM_FAILED({ uri: algorithm, reference: uri, detail: error.detail }),
      );
    }
  }
  throw new ReferenceFailure('unsupported', XML_MESSAGES.XML_UNSUPPORTED_ALGORITHM({ kind: 'transform', uri: algorithm }));
}

/** The PrefixList of an ec:InclusiveNamespaces child, if any. */
export function inclusivePrefixes(method: Element): string[] | undefined {
  const list = firstChildNamed(method, NS.exc, 'InclusiveNamespaces');
  if (!list) return undefined;
  return (plainAttribute(list, 'PrefixList') ?? '').split(/[ \t\r\n]+/).filter((prefix) => prefix !== '');
}


/**
 * The namespaces in which a document's Signature elements are found and verified
 * (signatures.ts findSignatureElements): XMLDSig, and in an edXML package the edXML namespace
 * too (the transit quirk). Unrecorded documents (a package rebuilt in memory records its own)
 * count XMLDSig only.
 */
const signatureNamespaces = new WeakMap<Document, readonly string[]>();

export function recordSignatureNamespaces(xml: SafeXml, namespaces: readonly string[]): void {
  signatureNamespaces.set(xml.document, namespaces);
}

/**
 * Signature elements whose SignatureValue another one in the document has too: copies, all of
 * them, since which is the original cannot be told (signatures.ts findSignatureElements). A copy is content, not a signature a reference may
 * leave out unnoticed: under the XPath idiom `not(ancestor-or-self::ds:Signature)` a copy slipped
 * into a signed field verifies again, and its ds:Object's text was read as that field's.
 */
const signatureCopies = new WeakSet<Node>();

export function recordSignatureCopy(element: Element): void {
  signatureCopies.add(element);
}

/**
 * Left out of a reference without making it partial: a Signature element of a namespace in
 * which this document's signatures are verified (the enveloped one, or all of them by the
 * XPath idiom `not(ancestor-or-self::*[local-name()='Signature'])`). Any other element named
 * Signature is content the reference does not sign: in an e-invoice, an edXML-namespace
 * `<Signature>` slipped into <SHDon> after signing was left out as "a signature" and its text
 * read as part of a signed invoice number, though nothing verifies such an element there.
 */
export function isSignatureElement(node: Node): boolean {
  if (!isElement(node) || node.localName !== 'Signature' || signatureCopies.has(node)) return false;
  const owner = node.ownerDocument;
  const namespaces = (owner ? signatureNamespaces.get(owner) : undefined) ?? [NS.ds];
  return namespaces.includes(node.namespaceURI ?? '');
}

/**
 * Per reference: what its transforms removed, and every node something other than a
 * Signature element was removed from inside. Built once per reference (linear in what was
 * removed and its depth), so checking hundreds of invoices against one reference stays cheap.
 */
const removals = new WeakMap<ReferenceResult, { readonly removed: ReadonlySet<Node>; readonly holdsRemoved: ReadonlySet<Node> }>();

function removalsOf(reference: ReferenceResult): { readonly removed: ReadonlySet<Node>; readonly holdsRemoved: ReadonlySet<Node> } {
  let found = removals.get(reference);
  if (found) return found;
  const holdsRemoved = new Set<Node>();
  for (const node of reference.excluded) {
    if (isSignatureElement(node)) continue;
    for (let parent = node.parentNode; parent && !holdsRemoved.has(parent); parent = parent.parentNode) holdsRemoved.add(parent);
  }
  found = { removed: reference.excluded, holdsRemoved };
  removals.set(reference, found);
  return found;
}

/**
 * Whether `reference` signs `target` and everything inside it as markup: `target` is its
 * node or inside it, neither `target` nor an ancestor was removed, and nothing inside
 * `target` but a Signature element was removed. A reference that signs text only (base64)
 * signs no element.
 */
export function signsWhole(reference: ReferenceResult, target: Node): boolean {
  const apex = reference.node;
  if (apex === undefined) return false;
  const { removed, holdsRemoved } = removalsOf(reference);
  if (holdsRemoved.has(target)) return false;
  for (let current: Node | null = target; current; current = current.parentNode) {
    if (removed.has(current)) return false;
    if (current === apex) return true;
  }
  return false;
}

/**
 * A Reference to content outside the document that the caller supplied: the octets as
 * given, through the transforms that apply to octets (base64); anything that would need
 * them parsed as XML is unsupported.
 */
function verifyDetached(
  reference: Element,
  located: { uri: string; type?: string; digestAlgorithm: DigestAlgorithm; digestMethod: string },
  bytes: Uint8Array,
  expected: Uint8Array,
  transformsElement: Element | undefined,
  context: ReferenceContext,
): ReferenceResult {
  const label = plainAttribute(reference, 'URI') === undefined ? NO_URI_LABEL : located.uri;
  const target = `detached:${label}`;
  let data: Data = { kind: 'octets', bytes };
  try {
    for (const transform of transformsElement ? childElements(transformsElement) : []) {
      if (transform.localName !== 'Transform' || transform.namespaceURI !== context.namespace) {
        throw new ReferenceFailure('structure', XML_MESSAGES.XML_SIGNATURE_STRUCTURE({ detail: 'Transforms may hold Transform elements only' }));
      }
      data = applyTransform(data, transform, context, located.uri);
    }
  } catch (error) {
    if (!(error instanceof ReferenceFailure)) throw error;
    return {
      ...located,
      target,
      excluded: new Set(),
      intact: error.problem === 'unsupported' ? 'unknown' : 'failed',
      problem: error.problem,
      ...(error.problem === 'unsupported' ? { unknownReason: error.unknownReason } : {}),
      messages: [error.detail],
    };
  }
  if (data.kind !== 'octets') throw new Error('unreachable: detached content stays octets');
  const hash = context.hashFactory(located.digestAlgorithm);
  hash.update(data.bytes);
  const intact = bytesEqual(hash.digest(), expected);
  return {
    ...located,
    target,
    excluded: new Set(),
    intact: intact ? 'passed' : 'failed',
    messages: intact ? [XML_MESSAGES.XML_DETACHED_CONTENT({ uri: label, size: bytes.length })] : [XML_MESSAGES.XML_REFERENCE_DIGEST_MISMATCH({ uri: label, target })],
  };
}

/**
 * Verifies one Reference. A Reference without URI is checked against the caller's bytes under
 * key '' when given; otherwise, only when one of its transforms is enveloped-signature (which
 * means its data is a node-set of the document holding this Signature, XMLDSig §6.6.4), it is
 * read as the whole document (as URI="" reads it) and passes only if that digest matches: a
 * mismatch stays "cannot check", since the application may have meant something else.
 * `asDocument` is that second reading.
 */
export function verifyReference(reference: Element, context: ReferenceContext, asDocument = false): ReferenceResult {
  const { namespace } = context;
  const uriAttribute = plainAttribute(reference, 'URI');
  const uri = uriAttribute ?? '';
  const type = plainAttribute(reference, 'Type');
  const base = { uri, ...(type !== undefined ? { type } : {}) };
  const failed = (
    target: string,
    intact: Check,
    problem: 'unsupported' | 'structure' | undefined,
    message: Message,
    digestMethod = '',
    unknownReason: 'no-content' | 'unsupported-algorithm' = 'no-content',
  ): ReferenceResult => ({
    ...base,
    target,
    excluded: new Set(),
    digestMethod,
    intact,
    ...(problem ? { problem } : {}),
    ...(problem === 'unsupported' ? { unknownReason } : {}),
    messages: [message],
  });

  const children = childElements(reference);
  const [first] = children;
  const transformsElement = first && first.localName === 'Transforms' && first.namespaceURI === namespace ? first : undefined;
  const rest = transformsElement ? children.slice(1) : children;
  const [digestMethodElement, digestValueElement, ...extra] = rest;
  const isNamed = (element: Element | undefined, name: string): element is Element =>
    !!element && element.localName === name && element.namespaceURI === namespace;
  if (!isNamed(digestMethodElement, 'DigestMethod') || !isNamed(digestValueElement, 'DigestValue') || extra.length > 0) {
    return failed('unsupported', 'failed', 'structure', XML_MESSAGES.XML_SIGNATURE_STRUCTURE({ detail: 'Reference must hold Transforms?, DigestMethod, DigestValue' }));
  }
  const digestMethod = plainAttribute(digestMethodElement, 'Algorithm') ?? '';
  const digestAlgorithm = DIGEST_BY_URI[digestMethod];
  const digestText = strictText(digestValueElement);
  const expected = digestText === undefined ? undefined : decodeBase64Strict(digestText);
  if (!expected) return failed('unsupported', 'failed', 'structure', XML_MESSAGES.XML_VALUE_NOT_BASE64({ element: 'DigestValue' }), digestMethod);
  if (!digestAlgorithm) {
    return failed('unsupported', 'unknown', 'unsupported', XML_MESSAGES.XML_UNSUPPORTED_ALGORITHM({ kind: 'digest', uri: digestMethod }), digestMethod, 'unsupported-algorithm');
  }
  if (uriAttribute === undefined && !asDocument) {
    // XMLDSig §4.4.3.1: the application is expected to know the content. The caller's bytes
    // under key '' come first (URI="" never consults the content map). Without them, an
    // enveloped-signature transform says the data holds this Signature: xadesjs and xmldsigjs
    // write their enveloped document Reference so (their README's own example), and xmlsec1
    // reads it as the document. kyso reads it so too, but only a matching digest counts.
    const supplied = context.external?.get(NO_URI_KEY);
    if (supplied) return verifyDetached(reference, { ...base, digestAlgorithm, digestMethod }, supplied, expected, transformsElement, context);
    const enveloped =
      transformsElement !== undefined &&
      childElements(transformsElement).some(
        (t) => t.localName === 'Transform' && t.namespaceURI === namespace && plainAttribute(t, 'Algorithm') === TRANSFORM.enveloped,
      );
    if (enveloped) {
      const read = verifyReference(reference, context, true);
      if (read.intact === 'passed') return { ...read, messages: [XML_MESSAGES.XML_NO_URI_READ_AS_DOCUMENT(), ...read.messages] };
    }
    return failed('unsupported', 'unknown', 'unsupported', XML_MESSAGES.XML_UNSUPPORTED_REFERENCE({ uri: NO_URI_LABEL }), digestMethod);
  }

  const detached = uri !== '' && !uri.startsWith('#') ? context.external?.get(uri) : undefined;
  if (detached) return verifyDetached(reference, { ...base, digestAlgorithm, digestMethod }, detached, expected, transformsElement, context);
  const resolved = resolve(uri, context.xml);
  if ('failure' in resolved) {
    switch (resolved.failure) {
      case 'unsupported':
        return failed('unsupported', 'unknown', 'unsupported', XML_MESSAGES.XML_UNSUPPORTED_REFERENCE({ uri }), digestMethod);
      case 'not-found':
        return failed('not-found', 'failed', 'structure', XML_MESSAGES.XML_REFERENCE_NOT_FOUND({ uri }), digestMethod);
      case 'ambiguous': {
        const id = uri.replace(/^#(xpointer\(id\(['"])?|['"]\)\)$/g, '');
        const count = context.xml.ids.get(id)?.length ?? 2;
        return failed('ambiguous', 'failed', 'structure', XML_MESSAGES.XML_DUPLICATE_ID({ id, count }), digestMethod);
      }
    }
  }
  const target = describe(resolved.node, resolved.id);
  const located = { ...base, target, path: elementPath(resolved.node), node: resolved.node, digestAlgorithm, digestMethod };

  const transforms = transformsElement ? childElements(transformsElement) : [];
  const workLimit = (): ReferenceResult => ({ ...located, excluded: new Set(), intact: 'unknown', problem: 'unsupported', unknownReason: 'no-content', messages: [XML_MESSAGES.XML_WORK_LIMIT()] });
  if (context.xml.budget.canonicalBytes <= 0) return workLimit();
  const excluded = new Set<Node>();
  let data: Data = { kind: 'nodes', apex: resolved.node, excluded, withComments: resolved.withComments };
  let signed: { apex: Document | Element; excluded: Set<Node> } = { apex: resolved.node, excluded };
  let textOnly = false;
  try {
    if (transforms.length > MAX_TRANSFORMS) {
      throw new ReferenceFailure('unsupported', XML_MESSAGES.XML_SIGNATURE_STRUCTURE({ detail: `more than ${MAX_TRANSFORMS} transforms` }));
    }
    for (const transform of transforms) {
      if (transform.localName !== 'Transform' || transform.namespaceURI !== namespace) {
        throw new ReferenceFailure('structure', XML_MESSAGES.XML_SIGNATURE_STRUCTURE({ detail: 'Transforms may hold Transform elements only' }));
      }
      if (data.kind === 'nodes' && plainAttribute(transform, 'Algorithm') === TRANSFORM.base64) textOnly = true;
      data = applyTransform(data, transform, context, uri);
      // An XPath transform may narrow the node-set: what is reported as signed follows it.
      if (data.kind === 'nodes') signed = { apex: data.apex, excluded: data.excluded };
    }
  } catch (error) {
    if (error instanceof C14nWorkLimit) return workLimit();
    if (!(error instanceof ReferenceFailure)) throw error;
    return {
      ...located,
      excluded,
      intact: error.problem === 'unsupported' ? 'unknown' : 'failed',
      problem: error.problem,
      ...(error.problem === 'unsupported' ? { unknownReason: error.unknownReason } : {}),
      messages: [error.detail],
    };
  }
  let octets: Uint8Array;
  try {
    // Canonicalisation and the base64 walk charged the budget as they ran.
    octets =
      data.kind === 'octets'
        ? data.bytes
        : new TextEncoder().encode(canonicalizeSubset({ apex: data.apex, excluded: data.excluded }, { method: 'c14n10', withComments: data.withComments, work: context.xml.budget }));
  } catch (error) {
    if (!(error instanceof C14nWorkLimit)) throw error;
    return workLimit();
  }
  const hash = context.hashFactory(digestAlgorithm);
  hash.update(octets);
  const intact = bytesEqual(hash.digest(), expected);
  const narrowed = signed.apex === resolved.node ? {} : { target: describe(signed.apex, undefined), path: elementPath(signed.apex), node: signed.apex };
  const result: ReferenceResult = {
    ...located,
    ...narrowed,
    excluded: signed.excluded,
    intact: intact ? 'passed' : 'failed',
    messages: intact ? [] : [XML_MESSAGES.XML_REFERENCE_DIGEST_MISMATCH({ uri, target })],
  };
  if (!textOnly) return result;
  const { node: _markup, ...withoutNode } = result;
  return { ...withoutNode, textOnly: true };
}
