/**
 * XMLDSig core validation of one Signature element (W3C XMLDSig 1.1 §3.2), with the
 * defences against the known bypasses built in:
 * - the structure is checked strictly: one SignedInfo, one SignatureValue, KeyInfo?,
 *   Object*, in that order; SignedInfo holds CanonicalizationMethod, SignatureMethod,
 *   Reference+ and nothing else (several SignedInfo, CVE-2025-29774);
 * - DigestValue and SignatureValue are text only, strict base64 (comment splicing,
 *   CVE-2025-29775);
 * - every Reference must verify, and each is reported with the node it resolved to;
 *   a Reference to an Id that two elements carry is a format failure (signature
 *   wrapping); duplicate Ids no Reference uses are none of this signature's business;
 * - what kyso cannot check (an unknown algorithm, curve or transform, data outside the
 *   document) leaves the check `unknown` with the reason, never failed: INDETERMINATE,
 *   not TOTAL_FAILED;
 * - SignedInfo is canonicalised in place, with its in-scope namespaces;
 * - the key comes only from an X509Certificate, which is reported, never trusted here
 *   (CVE-2024-32962: a bare KeyValue identifies nobody);
 * - integrity.digestAlgorithm is the weakest hash among every Reference's DigestMethod
 *   and the SignatureMethod, so the algorithm policy judges what the signature really
 *   rests on.
 */
import type { Element, Node } from '@xmldom/xmldom';
import type { IntegrityResult } from '../../cms/types.js';
import { unreadableIntegrity } from '../../cms/types.js';
import type { ParsedCertificate } from '../../pki/certificate.js';
import type { Message } from '../../report/messages.js';
import type { Check, CoverageReport, SignedReference } from '../../report/types.js';
import type { XmlReferenceDetails, XmlSignatureDetails } from '../../report/details.js';
import type { ParsedSignature, ParseContext } from '../types.js';
import { hashBytesNow, toHex } from '../../io/hash.js';
import { DIGEST_BY_URI, MGF1_URI, PSS_NAMESPACE, RSA_PSS_WITH_PARAMETERS, SIGNATURE_BY_URI, weakestDigest, type SignatureMethod } from './algorithms.js';
import { decodeBase64Strict } from './base64.js';
import { c14nAlgorithm, canonicalizeSubset, C14nUnsupportedError } from './c14n.js';
import { childElements, contains, isDocument, isElement, NS, NodeType, plainAttribute, strictText } from './dom.js';
import { readKeyInfo, signerCandidates } from './keyinfo.js';
import { XML_MESSAGES } from './messages.js';
import type { SafeXml } from './parse.js';
import { inclusivePrefixes, isSignatureElement, signsWhole, verifyReference, type ReferenceResult } from './references.js';
import { algorithmName, checkXmlSignatureValue } from './signature-value.js';
import { locateXades, readXades, signerBinding } from './xades.js';

/**
 * References per SignedInfo. Most signatures carry one to three, but batch and
 * manifest-like documents sign hundreds of parts; the document's canonicalisation
 * budget (parse.ts) bounds the work whatever the count.
 */
export const MAX_REFERENCES = 1000;

export interface XmlSignatureVerification {
  readonly signature: ParsedSignature;
  readonly element: Element;
  /** Each reference with the node it resolved to (for coverage questions such as edXML metadata). */
  readonly references: readonly ReferenceResult[];
  /** Intact and valid both passed and no format failure: the references' nodes are signed. */
  readonly verified: boolean;
  /** A profile (edXML) found a Reference to one of its elements outside its place. */
  readonly wrapped?: boolean;
}

interface Structure {
  readonly signedInfo: Element;
  readonly canonicalizationMethod: Element;
  readonly signatureMethod: Element;
  readonly references: readonly Element[];
  readonly signatureValue: Element;
  readonly keyInfo?: Element;
}

function structure(signature: Element, namespace: string): Structure | string {
  for (let child = signature.firstChild; child; child = child.nextSibling) {
    if ((child.nodeType === NodeType.text || child.nodeType === NodeType.cdata) && (child.nodeValue ?? '').trim() !== '') {
      return 'Signature holds text outside its elements';
    }
  }
  const children = childElements(signature);
  const named = (element: Element | undefined, name: string): element is Element =>
    !!element && element.localName === name && element.namespaceURI === namespace;
  const [signedInfo, signatureValue, ...rest] = children;
  if (!named(signedInfo, 'SignedInfo')) return 'the first child of Signature must be SignedInfo';
  if (!named(signatureValue, 'SignatureValue')) return 'SignedInfo must be followed by SignatureValue';
  let keyInfo: Element | undefined;
  if (named(rest[0], 'KeyInfo')) keyInfo = rest.shift();
  if (rest.some((element) => !named(element, 'Object'))) return 'after SignatureValue only KeyInfo? and Object* may follow';
  const [canonicalizationMethod, signatureMethod, ...references] = childElements(signedInfo);
  if (!named(canonicalizationMethod, 'CanonicalizationMethod')) return 'SignedInfo must start with CanonicalizationMethod';
  if (!named(signatureMethod, 'SignatureMethod')) return 'CanonicalizationMethod must be followed by SignatureMethod';
  if (references.length === 0) return 'SignedInfo has no Reference';
  if (references.some((reference) => !named(reference, 'Reference'))) return 'SignedInfo may hold only Reference elements after SignatureMethod';
  return { signedInfo, canonicalizationMethod, signatureMethod, references, signatureValue, ...(keyInfo ? { keyInfo } : {}) };
}

/**
 * RSASSA-PSS with RSAPSSParams (RFC 6931 §2.3.10). Only what WebCrypto can check is
 * accepted: an explicit DigestMethod and SaltLength, MGF1 with that same digest, trailer
 * field 1. Anything else (or a missing value, whose default readers disagree on) is
 * left unsupported: INDETERMINATE, never a guessed failure.
 */
function pssMethod(signatureMethod: Element, namespace: string): SignatureMethod | undefined {
  const [params, ...extra] = childElements(signatureMethod);
  if (!params || extra.length > 0 || params.localName !== 'RSAPSSParams' || params.namespaceURI !== PSS_NAMESPACE) return undefined;
  let hash: SignatureMethod['hash'] | undefined;
  let mgfHash: SignatureMethod['hash'] | undefined;
  let saltLength: number | undefined;
  for (const element of childElements(params)) {
    const name = element.localName;
    if (name === 'DigestMethod' && element.namespaceURI === namespace) {
      hash = DIGEST_BY_URI[plainAttribute(element, 'Algorithm') ?? ''];
      if (!hash) return undefined;
    } else if (name === 'MaskGenerationFunction' && element.namespaceURI === PSS_NAMESPACE) {
      const digest = childElements(element)[0];
      if (plainAttribute(element, 'Algorithm') !== MGF1_URI || !digest) return undefined;
      mgfHash = DIGEST_BY_URI[plainAttribute(digest, 'Algorithm') ?? ''];
      if (!mgfHash) return undefined;
    } else if (name === 'SaltLength' && element.namespaceURI === PSS_NAMESPACE) {
      const text = (strictText(element) ?? '').trim();
      if (!/^[0-9]{1,4}$/.test(text)) return undefined;
      saltLength = Number(text);
    } else if (name === 'TrailerField' && element.namespaceURI === PSS_NAMESPACE) {
      if ((strictText(element) ?? '').trim() !== '1') return undefined;
    } else {
      return undefined;
    }
  }
  if (!hash || saltLength === undefined || (mgfHash !== undefined && mgfHash !== hash)) return undefined;
  return { key: 'RSA', padding: 'pss', hash, saltLength };
}

/** XMLDSig Reference Type of a Reference to a ds:Manifest. */
export const MANIFEST_TYPE = 'http://www.w3.org/2000/09/xmldsig#Manifest';

function referenceDetails(reference: ReferenceResult): XmlReferenceDetails {
  return {
    uri: reference.uri,
    target: reference.target,
    ...(reference.path ? { path: reference.path } : {}),
    ...(reference.type ? { type: reference.type } : {}),
    digestMethod: reference.digestMethod,
    intact: reference.intact,
  };
}

/**
 * The References of each ds:Manifest that a SignedInfo Reference typed as a Manifest
 * resolves to (XMLDSig §5.1), checked like SignedInfo's. XMLDSig leaves Manifest
 * validation to the application; kyso checks it, since what a Manifest lists is what
 * the signer meant to sign. One level only: a Manifest listed in a Manifest is digested
 * but its own References are reported as not checked. All References together stay
 * under MAX_REFERENCES.
 */
function checkManifests(
  signedInfo: readonly ReferenceResult[],
  context: Parameters<typeof verifyReference>[1],
  namespace: string,
  count: number,
  messages: Message[],
): { uri: string; references: ReferenceResult[] }[] {
  const out: { uri: string; references: ReferenceResult[] }[] = [];
  let budget = MAX_REFERENCES - count;
  for (const reference of signedInfo) {
    const node = reference.node;
    if (reference.type !== MANIFEST_TYPE || !node || !isElement(node) || node.localName !== 'Manifest' || node.namespaceURI !== namespace) continue;
    const listed = childElements(node).filter((child) => child.localName === 'Reference' && child.namespaceURI === namespace);
    if (listed.length > budget) {
      messages.push(XML_MESSAGES.XML_TOO_MANY_REFERENCES({ count: count + listed.length, limit: MAX_REFERENCES }));
      out.push({ uri: reference.uri, references: [{ uri: reference.uri, target: 'unsupported', excluded: new Set(), digestMethod: '', intact: 'unknown', problem: 'unsupported', unknownReason: 'no-content', messages: [] }] });
      continue;
    }
    budget -= listed.length;
    const results = listed.map((child) => {
      const result = verifyReference(child, context);
      if (result.type !== MANIFEST_TYPE) return result;
      return { ...result, intact: result.intact === 'failed' ? 'failed' : 'unknown', problem: 'unsupported', unknownReason: 'no-content', messages: [...result.messages, XML_MESSAGES.XML_NESTED_MANIFEST({ uri: result.uri })] } as ReferenceResult;
    });
    messages.push(XML_MESSAGES.XML_MANIFEST_CHECKED({ uri: reference.uri, count: results.length, passed: results.filter((result) => result.intact === 'passed').length }));
    out.push({ uri: reference.uri, references: results });
  }
  return out;
}

function brokenSignature(id: string, element: Element, messages: Message[], format: 'xmldsig' | 'xades'): XmlSignatureVerification {
  const integrity = unreadableIntegrity(messages);
  return { signature: { id, format, integrity, formatFailure: true, messages: [] }, element, references: [], verified: false };
}

function combinedIntact(references: readonly ReferenceResult[]): Check {
  if (references.some((reference) => reference.intact === 'failed')) return 'failed';
  if (references.every((reference) => reference.intact === 'passed')) return 'passed';
  return 'unknown';
}

/** Why a passed reference signs less than the node it names, or undefined when it signs all of it. */
function partiality(reference: ReferenceResult): Message | undefined {
  if (reference.textOnly) return XML_MESSAGES.XML_REFERENCE_TEXT_ONLY({ uri: reference.uri, target: reference.target });
  const apex = reference.node;
  if (apex === undefined || signsWhole(reference, apex)) return undefined;
  const left = [...reference.excluded].filter((node) => !isSignatureElement(node) && contains(apex, node));
  if (left.length === 0) return undefined;
  return XML_MESSAGES.XML_REFERENCE_PARTIAL({ uri: reference.uri, target: reference.target, count: left.length });
}

function* siblingsOf(root: Element): Generator<Node> {
  for (let node = root.ownerDocument!.firstChild; node; node = node.nextSibling) if (node !== root) yield node;
}

/**
 * `entire-file` only when an intact reference signs the whole document as markup, with
 * nothing but Signature elements left out; a reference that signs less than it names
 * (text only after base64, parts removed by XPath) is said so in a message.
 */
function coverage(references: readonly ReferenceResult[], root: Element, messages: Message[]): CoverageReport {
  const signed: SignedReference[] = references.map((reference) => ({
    uri: reference.uri,
    target: reference.target,
    digestAlgorithm: reference.digestAlgorithm ?? reference.digestMethod,
    intact: reference.intact,
  }));
  let whole = false;
  // A reference to the root element signs none of the processing instructions beside it (an
  // xml-stylesheet PI decides how the document is shown); URI="" does sign them. The XML
  // declaration, which the DOM keeps as a PI named xml, is no content.
  const outsideRoot = root.ownerDocument ? [...siblingsOf(root)].some((node) => node.nodeType === NodeType.processingInstruction && node.nodeName !== 'xml') : false;
  for (const reference of references) {
    if (reference.intact !== 'passed') continue;
    const partial = partiality(reference);
    if (partial) messages.push(partial);
    else if (reference.node !== undefined && (isDocument(reference.node) || (reference.node === root && !outsideRoot))) whole = true;
  }
  return { level: whole ? 'entire-file' : 'elements', references: signed };
}

/** Verifies one Signature element. `ordinal` (1-based) names signatures without an Id. */
export async function verifyXmlSignature(element: Element, xml: SafeXml, ctx: ParseContext, ordinal: number): Promise<XmlSignatureVerification> {
  const namespace = element.namespaceURI ?? '';
  const signatureId = plainAttribute(element, 'Id');
  const id = signatureId ?? `signature-${ordinal}`;
  const messages: Message[] = [];
  if (namespace === NS.edxml) messages.push(XML_MESSAGES.XML_EDXML_NAMESPACE_SIGNATURE());
  let formatFailure = false;
  // An algorithm kyso does not implement: the signature may be right, nothing is proven.
  let unsupportedAlgorithm = false;

  const parts = structure(element, namespace);
  if (typeof parts === 'string') return brokenSignature(id, element, [...messages, XML_MESSAGES.XML_SIGNATURE_STRUCTURE({ detail: parts })], 'xmldsig');
  if (parts.references.length > MAX_REFERENCES) {
    // A bound, not a defect: the signature may be right, kyso does not check that much.
    const keys = await readKeyInfo(parts.keyInfo, namespace);
    const [only, ...others] = signerCandidates(keys).candidates;
    const integrity: IntegrityResult = {
      ...unreadableIntegrity([...messages, ...keys.messages, XML_MESSAGES.XML_TOO_MANY_REFERENCES({ count: parts.references.length, limit: MAX_REFERENCES })]),
      wellFormed: true,
      unknownReason: 'no-content',
      certificates: keys.certificates.map((certificate) => certificate.der),
      ...(only && others.length === 0 ? { signerIdentification: 'found', signerCertificate: only.der } : {}),
    };
    return { signature: { id, format: 'xmldsig', integrity, formatFailure: false, messages: [] }, element, references: [], verified: false };
  }
  let wellFormed = true;

  const canonicalizationUri = plainAttribute(parts.canonicalizationMethod, 'Algorithm') ?? '';
  const canonicalization = c14nAlgorithm(canonicalizationUri);
  if (!canonicalization) {
    messages.push(XML_MESSAGES.XML_UNSUPPORTED_ALGORITHM({ kind: 'canonicalization', uri: canonicalizationUri }));
    unsupportedAlgorithm = true;
  }
  const signatureMethodUri = plainAttribute(parts.signatureMethod, 'Algorithm') ?? '';
  const method =
    signatureMethodUri === RSA_PSS_WITH_PARAMETERS
      ? pssMethod(parts.signatureMethod, namespace)
      : childElements(parts.signatureMethod).length > 0
        ? undefined
        : SIGNATURE_BY_URI[signatureMethodUri];
  if (!method) {
    // HMAC (and its HMACOutputLength truncation) and every unknown method land here.
    messages.push(XML_MESSAGES.XML_UNSUPPORTED_ALGORITHM({ kind: 'signature', uri: signatureMethodUri }));
    unsupportedAlgorithm = true;
  }
  const signatureText = strictText(parts.signatureValue);
  const signatureBytes = signatureText === undefined ? undefined : decodeBase64Strict(signatureText);
  if (!signatureBytes) {
    messages.push(XML_MESSAGES.XML_VALUE_NOT_BASE64({ element: 'SignatureValue' }));
    wellFormed = false;
    formatFailure = true;
  }

  const referenceContext = { xml, signature: element, namespace, hashFactory: ctx.hashFactory, ...(ctx.contentByUri ? { external: ctx.contentByUri } : {}) };
  const signedInfoReferences = parts.references.map((reference) => verifyReference(reference, referenceContext));
  const manifests = checkManifests(signedInfoReferences, referenceContext, namespace, parts.references.length, messages);
  // Manifest references sign their targets only through the Manifest: they are judged
  // with SignedInfo's, so content behind an unchecked one is never passed.
  const references = [...signedInfoReferences, ...manifests.flatMap((manifest) => manifest.references)];
  for (const reference of references) {
    messages.push(...reference.messages);
    if (reference.problem === 'structure') {
      formatFailure = true;
      wellFormed = false;
    }
  }
  const intact = combinedIntact(references);

  const keyInfo = await readKeyInfo(parts.keyInfo, namespace);
  messages.push(...keyInfo.messages);
  const certificates = keyInfo.certificates.map((certificate) => certificate.der);

  let signedInfoBytes: Uint8Array | undefined;
  if (canonicalization) {
    try {
      const prefixes = canonicalization.method === 'exc-c14n' ? inclusivePrefixes(parts.canonicalizationMethod) : undefined;
      signedInfoBytes = new TextEncoder().encode(
        canonicalizeSubset({ apex: parts.signedInfo }, { ...canonicalization, ...(prefixes ? { inclusivePrefixes: prefixes } : {}), remember: true }),
      );
    } catch (error) {
      if (!(error instanceof C14nUnsupportedError)) throw error;
      messages.push(XML_MESSAGES.XML_CANONICALIZATION_UNSUPPORTED({ detail: error.message }));
      unsupportedAlgorithm = true;
    }
  }

  const location = { signature: element, ...(signatureId !== undefined ? { signatureId } : {}), namespace, references: signedInfoReferences };
  const layout = locateXades(location);

  let valid: Check = 'unknown';
  let signer: ParsedCertificate | undefined;
  let ambiguous = false;
  let signatureAlgorithm = method ? algorithmName(method) : undefined;
  const choice = signerCandidates(keyInfo);
  // Only a fallback (CA certificates): one is the signer only if its key verifies.
  const onlyIfProven = choice.candidates.length === 0 && choice.fallback.length > 0;
  const candidates = onlyIfProven ? choice.fallback : choice.candidates;
  if (candidates.length === 0) {
    messages.push(choice.missing ?? XML_MESSAGES.XML_NO_CERTIFICATE());
  } else if (onlyIfProven && !(method && signedInfoBytes && signatureBytes)) {
    messages.push(choice.missing!);
  } else if (method && signedInfoBytes && signatureBytes) {
    let firstFailure: Message | undefined;
    let unsupportedKey: Message | undefined;
    const verifying: ParsedCertificate[] = [];
    for (const candidate of candidates) {
      if (verifying.some((found) => found.sha256 === candidate.sha256)) continue;
      const check = await checkXmlSignatureValue(candidate, method, signedInfoBytes, signatureBytes);
      signatureAlgorithm = check.algorithm;
      if (check.outcome === 'valid') verifying.push(candidate);
      else if (check.outcome === 'unsupported') unsupportedKey = check.message;
      else firstFailure ??= check.message;
    }
    if (verifying.length > 0) valid = 'passed';
    if (verifying.length === 1) {
      signer = verifying[0];
    } else if (verifying.length > 1) {
      // Different certificates with the same key (a CA that reused a serial, or a forged
      // twin): only a signed XAdES SigningCertificate may say which one signed.
      const bound = verifying.filter((candidate) => signerBinding(layout, candidate, ctx.hashFactory) === 'match');
      if (bound.length === 1) signer = bound[0];
      else {
        ambiguous = true;
        messages.push(XML_MESSAGES.XML_SIGNER_UNDECIDABLE({ count: verifying.length }));
      }
    }
    if (verifying.length === 0 && onlyIfProven) {
      messages.push(choice.missing!);
    } else if (verifying.length === 0 && unsupportedKey && !firstFailure) {
      messages.push(unsupportedKey);
      unsupportedAlgorithm = true;
      if (candidates.length === 1) signer = candidates[0];
      else messages.push(XML_MESSAGES.XML_SIGNER_AMBIGUOUS({ count: candidates.length }));
    } else if (verifying.length === 0) {
      valid = 'failed';
      if (firstFailure) messages.push(firstFailure);
      if (candidates.length === 1) signer = candidates[0];
      else messages.push(XML_MESSAGES.XML_SIGNER_AMBIGUOUS({ count: candidates.length }));
    }
  } else if (candidates.length === 1) {
    signer = candidates[0];
  }

  const xades = await readXades(
    {
      ...location,
      ...(signer ? { signer } : {}),
      signatureValue: parts.signatureValue,
      hashFactory: ctx.hashFactory,
      timestampCertificates: [certificates, ...(ctx.timestampCertificates ?? [])],
    },
    layout,
  );
  messages.push(...xades.messages);
  if (xades.formatFailure) formatFailure = true;
  const format = xades.present ? 'xades' : 'xmldsig';

  // Every reference digest and the SignatureMethod's own hash: a strong first reference
  // must not hide a SHA-1 one elsewhere from the algorithm policy.
  const digestAlgorithm = weakestDigest([...references.map((reference) => reference.digestAlgorithm), method?.hash]);
  const referenceReasons = references.map((reference) => reference.unknownReason);
  const unknownReason = unsupportedAlgorithm || referenceReasons.includes('unsupported-algorithm')
    ? 'unsupported-algorithm'
    : referenceReasons.includes('no-content')
      ? 'no-content'
      : undefined;
  const signedCoverage = coverage(references, xml.root, messages);
  const integrity: IntegrityResult = {
    wellFormed,
    intact,
    valid,
    signerIdentification: ambiguous ? 'ambiguous' : !signer ? 'not-found' : xades.bindingMismatch ? 'mismatch' : 'found',
    certificateBinding: xades.certificateBinding,
    ...(signer ? { signerCertificate: signer.der } : {}),
    certificates: [...certificates, ...xades.certificates],
    // KeyInfo's X509CRLs join the XAdES RevocationValues: evidence either way, judged by validation.
    revocation: keyInfo.crls.length > 0 ? { ...xades.revocation, crls: [...keyInfo.crls, ...(xades.revocation.crls ?? [])] } : xades.revocation,
    ...(digestAlgorithm ? { digestAlgorithm } : {}),
    ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    ...(xades.claimedSigningTime ? { claimedSigningTime: xades.claimedSigningTime } : {}),
    ...(signedInfoBytes ? { signedBytesSha256: toHex(hashBytesNow(signedInfoBytes, 'SHA-256', ctx.hashFactory)).toUpperCase() } : {}),
    timestamps: xades.timestamps,
    ...(unknownReason && (intact !== 'passed' || valid !== 'passed') ? { unknownReason } : {}),
    messages,
  };
  const details: XmlSignatureDetails = {
    kind: 'xml',
    signatureNamespace: namespace === NS.ds ? 'xmldsig' : namespace === NS.edxml ? 'edxml' : namespace,
    canonicalizationMethod: canonicalizationUri,
    signatureMethod: signatureMethodUri,
    references: signedInfoReferences.map(referenceDetails),
    ...(manifests.length > 0 ? { manifests: manifests.map((manifest) => ({ uri: manifest.uri, references: manifest.references.map(referenceDetails) })) } : {}),
    ...(xades.present ? { xades: { signedPropertiesSigned: xades.signedPropertiesSigned, certificateBinding: xades.certificateBinding } } : {}),
  };
  const signature: ParsedSignature = {
    id,
    format,
    integrity,
    formatFailure,
    coverage: signedCoverage,
    details,
    // Every message is in integrity.messages; the report joins both lists.
    messages: [],
  };
  return { signature, element, references, verified: !formatFailure && intact === 'passed' && valid === 'passed' };
}
