/**
 * XAdES (ETSI EN 319 132-1) B-B and B-T properties of one signature.
 *
 * What is checked: a signature has at most one QualifyingProperties (in a ds:Object)
 * holding at most one SignedProperties; anything repeated is a format failure and
 * nothing of it is read. The SignedProperties count only when a SignedInfo reference
 * that verified resolves to that very element; then SigningTime is the claimed
 * signing time and SigningCertificate(V2) must name the signer's certificate (digest
 * with its own DigestMethod, and the serial when an issuer-serial is given — issuer
 * names are not compared; when both V1 and V2 are present, both must). Unsigned
 * properties never name a signer. SignatureTimeStamp tokens are checked over the canonicalised
 * ds:SignatureValue element by the CMS layer. CertificateValues and RevocationValues
 * are collected as evidence. Not checked: SignaturePolicyIdentifier, commitment types,
 * data object formats, the C/X/XL/A properties (reported as not checked).
 */
import type { Element } from '@xmldom/xmldom';
import { verifyTimestampToken } from '../../cms/verify.js';
import type { CertificateBinding, TimestampIntegrity } from '../../cms/types.js';
import type { HashFactory } from '../../io/hash.js';
import { bytesEqual } from '../../io/hash.js';
import type { ParsedCertificate } from '../../pki/certificate.js';
import { isUniversal, parseDer, sequence, serialNumberValue, UNIVERSAL } from '../../asn1/der.js';
import type { RevocationData } from '../../pki/types.js';
import type { Message } from '../../report/messages.js';
import { DIGEST_BY_URI, SIGNED_PROPERTIES_TYPE } from './algorithms.js';
import { decodeBase64Strict } from './base64.js';
import { c14nAlgorithm, C14N_URI, canonicalizeSubset, C14nUnsupportedError } from './c14n.js';
import { childElements, childrenNamed, firstChildNamed, NS, plainAttribute, strictText } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import { elementPath, inclusivePrefixes, signsWhole, type ReferenceResult } from './references.js';

/** Timestamps per signature: real ones carry one or two. */
export const MAX_SIGNATURE_TIMESTAMPS = 8;

export interface XadesFacts {
  readonly present: boolean;
  /** SignedProperties found and covered by a verified reference. */
  readonly signedPropertiesSigned: boolean;
  /** The XAdES structure is ambiguous (a second QualifyingProperties, SignedProperties ...): nothing in it is read. */
  readonly formatFailure: boolean;
  readonly claimedSigningTime?: Date;
  readonly certificateBinding: CertificateBinding;
  /** True when the binding names a different certificate than the signer's. */
  readonly bindingMismatch: boolean;
  readonly timestamps: readonly TimestampIntegrity[];
  readonly certificates: readonly Uint8Array[];
  readonly revocation: RevocationData;
  readonly messages: readonly Message[];
}

export interface XadesLocation {
  readonly signature: Element;
  readonly signatureId?: string;
  readonly namespace: string;
  readonly references: readonly ReferenceResult[];
}

export interface XadesInput extends XadesLocation {
  /**
   * Where a signature timestamp's TSA certificate may be found when the token carries none
   * (RFC 3161 certReq false): the signature's KeyInfo certificates, the trust store's.
   * The XAdES CertificateValues are added here. Candidates only (cms/verify.ts).
   */
  readonly timestampCertificates?: readonly (readonly Uint8Array[])[];
  readonly signer?: ParsedCertificate;
  readonly signatureValue: Element;
  readonly hashFactory: HashFactory;
}

/**
 * Where a signature's XAdES properties are, decided once. `signedProperties` is set
 * only when it is the very element an intact SignedInfo Reference resolved to: it is
 * the only place signed claims (SigningTime, SigningCertificate(V2)) are read from.
 */
export interface XadesLayout {
  readonly present: boolean;
  readonly formatFailure: boolean;
  readonly qualifyingProperties?: Element;
  readonly signedProperties?: Element;
  /** The claims of the signed SignedSignatureProperties, each present at most once. */
  readonly claims?: SignedClaims;
  readonly messages: readonly Message[];
}

export interface SignedClaims {
  readonly signingTime?: Element;
  readonly signingCertificate?: Element;
  readonly signingCertificateV2?: Element;
}

const NONE: XadesFacts = {
  present: false,
  signedPropertiesSigned: false,
  formatFailure: false,
  certificateBinding: 'none',
  bindingMismatch: false,
  timestamps: [],
  certificates: [],
  revocation: {},
  messages: [],
};

/**
 * Finds the signature's one QualifyingProperties (a child of one of its ds:Objects)
 * and its one SignedProperties, and ties the latter to SignedInfo: the Reference typed
 * `#SignedProperties` must resolve to exactly that element, or, failing any typed
 * Reference, an intact untyped one must (with a warning). Two QualifyingProperties, two
 * SignedProperties or UnsignedProperties in it, or two typed References are a format
 * failure whether signed or not: whichever copy a reader picks, another reader may
 * pick the other. The Target attribute is not signed, so it never selects anything;
 * one that names another signature is reported.
 */
export function locateXades(input: XadesLocation): XadesLayout {
  const messages: Message[] = [];
  const broken = (message: Message): XadesLayout => ({ present: true, formatFailure: true, messages: [...messages, message] });
  const typed = input.references.filter((reference) => reference.type === SIGNED_PROPERTIES_TYPE);
  const all = childrenNamed(input.signature, input.namespace, 'Object').flatMap((object) => childrenNamed(object, NS.xades, 'QualifyingProperties'));
  if (all.length === 0) {
    if (typed.length === 0) return { present: false, formatFailure: false, messages };
    return broken(XML_MESSAGES.XML_XADES_PROPERTIES_ELSEWHERE({ target: typed[0]!.target }));
  }
  if (all.length > 1) return broken(XML_MESSAGES.XML_XADES_DUPLICATE({ element: 'QualifyingProperties', count: all.length }));
  const properties = all[0]!;
  const target = plainAttribute(properties, 'Target') ?? '';
  if (input.signatureId !== undefined && target !== `#${input.signatureId}`) messages.push(XML_MESSAGES.XML_XADES_TARGET_MISMATCH({ target }));

  for (const name of ['SignedProperties', 'UnsignedProperties']) {
    const count = childrenNamed(properties, NS.xades, name).length;
    if (count > 1) return broken(XML_MESSAGES.XML_XADES_DUPLICATE({ element: name, count }));
  }
  if (typed.length > 1) return broken(XML_MESSAGES.XML_XADES_DUPLICATE({ element: 'Reference Type="#SignedProperties"', count: typed.length }));
  const signedProperties = firstChildNamed(properties, NS.xades, 'SignedProperties');
  const present = { present: true, formatFailure: false, qualifyingProperties: properties };

  // Signed means the whole element as markup: a reference that leaves part of it out (an
  // XPath exclusion, the enveloped Signature around it) or keeps only its text (base64)
  // does not make any of its claims signed.
  const whole = (reference: ReferenceResult): boolean => signsWhole(reference, signedProperties!);
  let covering: ReferenceResult | undefined;
  let partly = false;
  if (typed.length === 1) {
    const reference = typed[0]!;
    if (signedProperties && reference.textOnly && reference.path === elementPath(signedProperties)) partly = true;
    else if (!signedProperties || reference.node !== signedProperties) return broken(XML_MESSAGES.XML_XADES_PROPERTIES_ELSEWHERE({ target: reference.target }));
    else if (reference.intact === 'passed') {
      if (whole(reference)) covering = reference;
      else partly = true;
    }
  } else if (signedProperties) {
    covering = input.references.find((reference) => reference.node === signedProperties && reference.intact === 'passed' && whole(reference));
    if (covering) messages.push(XML_MESSAGES.XML_XADES_REFERENCE_TYPE());
  }
  if (partly) messages.push(XML_MESSAGES.XML_XADES_PROPERTIES_PARTLY_SIGNED());
  if (!covering) {
    if (signedProperties && !partly) messages.push(XML_MESSAGES.XML_XADES_PROPERTIES_UNSIGNED());
    return { ...present, messages };
  }
  const read = signedClaims(signedProperties!);
  if ('repeated' in read) return broken(read.repeated);
  return { ...present, signedProperties: signedProperties!, claims: read.claims, messages };
}

/** The single SigningTime / SigningCertificate / SigningCertificateV2 of signed properties, or the repeated one. */
function signedClaims(signedProperties: Element): { claims: SignedClaims } | { repeated: Message } {
  const lists = childrenNamed(signedProperties, NS.xades, 'SignedSignatureProperties');
  if (lists.length > 1) return { repeated: XML_MESSAGES.XML_XADES_DUPLICATE({ element: 'SignedSignatureProperties', count: lists.length }) };
  const list = lists[0];
  if (!list) return { claims: {} };
  const names = { signingTime: 'SigningTime', signingCertificate: 'SigningCertificate', signingCertificateV2: 'SigningCertificateV2' } as const;
  const claims: { -readonly [K in keyof SignedClaims]: SignedClaims[K] } = {};
  for (const [key, name] of Object.entries(names) as [keyof SignedClaims, string][]) {
    const found = childrenNamed(list, NS.xades, name);
    if (found.length > 1) return { repeated: XML_MESSAGES.XML_XADES_DUPLICATE({ element: name, count: found.length }) };
    if (found[0]) claims[key] = found[0];
  }
  return { claims };
}

const DATE_TIME = /^(-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/;

function parseDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  // xs:dateTime without a zone is local to nobody knows where; read it as UTC.
  const date = new Date(`${match[1]}${match[2] ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function base64Of(element: Element | undefined): Uint8Array | undefined {
  if (!element) return undefined;
  const text = strictText(element);
  return text === undefined ? undefined : decodeBase64Strict(text);
}

/** Serial number of a DER IssuerSerial (RFC 5035), or undefined if unreadable or too long to name a certificate. */
function issuerSerialV2Serial(der: Uint8Array): bigint | undefined {
  try {
    const [, serial] = sequence(parseDer(der), 'IssuerSerial');
    if (!isUniversal(serial, UNIVERSAL.INTEGER)) return undefined;
    return serialNumberValue(serial.content);
  } catch {
    return undefined;
  }
}

/** Does any Cert of a SigningCertificate(V2) name `signer`? */
function bindingMatches(list: Element, version: 1 | 2, signer: ParsedCertificate, hashFactory: HashFactory): boolean {
  for (const cert of childrenNamed(list, NS.xades, 'Cert')) {
    const certDigest = firstChildNamed(cert, NS.xades, 'CertDigest');
    if (!certDigest) continue;
    const method = firstChildNamed(certDigest, NS.ds, 'DigestMethod');
    const algorithm = method ? DIGEST_BY_URI[plainAttribute(method, 'Algorithm') ?? ''] : undefined;
    const expected = base64Of(firstChildNamed(certDigest, NS.ds, 'DigestValue'));
    if (!algorithm || !expected) continue;
    const hash = hashFactory(algorithm);
    hash.update(signer.der);
    if (!bytesEqual(hash.digest(), expected)) continue;
    let serial: bigint | undefined;
    if (version === 1) {
      const issuerSerial = firstChildNamed(cert, NS.xades, 'IssuerSerial');
      const serialElement = issuerSerial ? firstChildNamed(issuerSerial, NS.ds, 'X509SerialNumber') : undefined;
      const text = serialElement ? strictText(serialElement)?.trim() : undefined;
      serial = text && /^-?[0-9]{1,200}$/.test(text) ? BigInt(text) : undefined;
      if (issuerSerial && serial === undefined) continue;
    } else {
      const issuerSerial = firstChildNamed(cert, NS.xades, 'IssuerSerialV2');
      if (issuerSerial) {
        const der = base64Of(issuerSerial);
        serial = der ? issuerSerialV2Serial(der) : undefined;
        if (serial === undefined) continue;
      }
    }
    if (serial !== undefined && serial !== signer.serialNumber) continue;
    return true;
  }
  return false;
}

async function signatureTimestamps(unsigned: Element, input: XadesInput, messages: Message[]): Promise<TimestampIntegrity[]> {
  const out: TimestampIntegrity[] = [];
  for (const stamp of childrenNamed(unsigned, NS.xades, 'SignatureTimeStamp').slice(0, MAX_SIGNATURE_TIMESTAMPS)) {
    const method = firstChildNamed(stamp, NS.ds, 'CanonicalizationMethod');
    const uri = method ? plainAttribute(method, 'Algorithm') ?? '' : C14N_URI.c14n10;
    const algorithm = c14nAlgorithm(uri);
    if (!algorithm) {
      messages.push(XML_MESSAGES.XML_UNSUPPORTED_ALGORITHM({ kind: 'canonicalization', uri }));
      continue;
    }
    const encapsulated = firstChildNamed(stamp, NS.xades, 'EncapsulatedTimeStamp');
    const token = base64Of(encapsulated);
    if (!token) {
      messages.push(XML_MESSAGES.XML_XADES_TIMESTAMP_UNREADABLE({ detail: encapsulated ? 'EncapsulatedTimeStamp is not base64' : 'no EncapsulatedTimeStamp' }));
      continue;
    }
    let covered: Uint8Array;
    try {
      const prefixes = method && algorithm.method === 'exc-c14n' ? inclusivePrefixes(method) : undefined;
      covered = new TextEncoder().encode(
        canonicalizeSubset({ apex: input.signatureValue }, { ...algorithm, ...(prefixes ? { inclusivePrefixes: prefixes } : {}), remember: true }),
      );
    } catch (error) {
      if (!(error instanceof C14nUnsupportedError)) throw error;
      messages.push(XML_MESSAGES.XML_CANONICALIZATION_UNSUPPORTED({ detail: error.message }));
      continue;
    }
    const pool = input.timestampCertificates ? { timestampCertificates: input.timestampCertificates } : {};
    out.push(await verifyTimestampToken(token, covered, 'signature', { hashFactory: input.hashFactory, ...pool }));
  }
  return out;
}

function evidence(unsigned: Element): { certificates: Uint8Array[]; revocation: RevocationData } {
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  for (const values of childrenNamed(unsigned, NS.xades, 'CertificateValues')) {
    for (const value of childrenNamed(values, NS.xades, 'EncapsulatedX509Certificate')) {
      const der = base64Of(value);
      if (der) certificates.push(der);
    }
  }
  for (const values of childrenNamed(unsigned, NS.xades, 'RevocationValues')) {
    for (const list of childrenNamed(values, NS.xades, 'CRLValues')) {
      for (const value of childrenNamed(list, NS.xades, 'EncapsulatedCRLValue')) {
        const der = base64Of(value);
        if (der) crls.push(der);
      }
    }
    for (const list of childrenNamed(values, NS.xades, 'OCSPValues')) {
      for (const value of childrenNamed(list, NS.xades, 'EncapsulatedOCSPValue')) {
        const der = base64Of(value);
        if (der) ocspResponses.push(der);
      }
    }
  }
  const revocation: RevocationData = { ...(crls.length ? { crls } : {}), ...(ocspResponses.length ? { ocspResponses } : {}) };
  return { certificates, revocation };
}

// CounterSignature: each is verified as a Signature of its own and bound to this one (counter-signature.ts).
const CHECKED_UNSIGNED = new Set(['SignatureTimeStamp', 'CertificateValues', 'RevocationValues', 'CounterSignature']);

/**
 * What the signed SigningCertificate(V2) says of `signer`: `none` when the signed
 * properties hold neither, `match` when every one present names it, else `mismatch`.
 * Unsigned properties never bind anyone.
 */
export function signerBinding(layout: XadesLayout, signer: ParsedCertificate, hashFactory: HashFactory): 'none' | 'match' | 'mismatch' {
  const { signingCertificate, signingCertificateV2 } = layout.claims ?? {};
  if (!signingCertificate && !signingCertificateV2) return 'none';
  if (signingCertificateV2 && !bindingMatches(signingCertificateV2, 2, signer, hashFactory)) return 'mismatch';
  if (signingCertificate && !bindingMatches(signingCertificate, 1, signer, hashFactory)) return 'mismatch';
  return 'match';
}

/** Reads the XAdES properties of one signature; `layout` is locateXades(input), if the caller has it already. */
export async function readXades(input: XadesInput, layout: XadesLayout = locateXades(input)): Promise<XadesFacts> {
  const messages: Message[] = [...layout.messages];
  if (!layout.present) return { ...NONE, messages };
  if (layout.formatFailure || !layout.qualifyingProperties) return { ...NONE, present: true, formatFailure: true, messages };
  const properties = layout.qualifyingProperties;
  const claims = layout.claims ?? {};

  let claimedSigningTime: Date | undefined;
  if (claims.signingTime) {
    const text = strictText(claims.signingTime) ?? '';
    claimedSigningTime = parseDateTime(text);
    if (!claimedSigningTime) messages.push(XML_MESSAGES.XML_XADES_SIGNING_TIME_INVALID({ value: text.slice(0, 64) }));
  }
  const certificateBinding: CertificateBinding = claims.signingCertificateV2
    ? 'signing-certificate-v2'
    : claims.signingCertificate
      ? 'signing-certificate-v1'
      : 'none';
  const bindingMismatch = input.signer !== undefined && signerBinding(layout, input.signer, input.hashFactory) === 'mismatch';
  if (bindingMismatch) messages.push(XML_MESSAGES.XML_XADES_SIGNING_CERTIFICATE_MISMATCH());

  let timestamps: TimestampIntegrity[] = [];
  let collected: { certificates: Uint8Array[]; revocation: RevocationData } = { certificates: [], revocation: {} };
  const unsignedProperties = firstChildNamed(properties, NS.xades, 'UnsignedProperties');
  const unsigned = unsignedProperties ? firstChildNamed(unsignedProperties, NS.xades, 'UnsignedSignatureProperties') : undefined;
  if (unsigned) {
    collected = evidence(unsigned);
    const pool = [collected.certificates, ...(input.timestampCertificates ?? [])];
    timestamps = await signatureTimestamps(unsigned, { ...input, timestampCertificates: pool }, messages);
    for (const property of childElements(unsigned)) {
      if (!CHECKED_UNSIGNED.has(property.localName ?? '')) messages.push(XML_MESSAGES.XML_XADES_UNSUPPORTED_PROPERTY({ name: property.localName ?? '' }));
    }
  }
  return {
    present: true,
    signedPropertiesSigned: layout.signedProperties !== undefined,
    formatFailure: false,
    ...(claimedSigningTime ? { claimedSigningTime } : {}),
    certificateBinding,
    bindingMismatch,
    timestamps,
    certificates: collected.certificates,
    revocation: collected.revocation,
    messages,
  };
}
