/**
 * XAdES (ETSI EN 319 132-1) B-B and B-T properties of one signature.
 *
 * What is checked: the SignedProperties count only when a SignedInfo reference that
 * verified resolves to that very element; then SigningTime is the claimed signing
 * time and SigningCertificate(V2) must name the signer's certificate (digest with its
 * own DigestMethod, and the serial when an issuer-serial is given — issuer names are
 * not compared). SignatureTimeStamp tokens are checked over the canonicalised
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
import { integerContentToBigInt, isUniversal, parseDer, sequence, UNIVERSAL } from '../../pki/der.js';
import type { RevocationData } from '../../pki/types.js';
import type { Message } from '../../report/messages.js';
import { DIGEST_BY_URI, SIGNED_PROPERTIES_TYPE } from './algorithms.js';
import { decodeBase64Strict } from './base64.js';
import { c14nAlgorithm, C14N_URI, canonicalizeSubset, C14nUnsupportedError } from './c14n.js';
import { childElements, childrenNamed, firstChildNamed, NS, plainAttribute, strictText } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import { inclusivePrefixes, type ReferenceResult } from './references.js';

/** Timestamps per signature: real ones carry one or two. */
export const MAX_SIGNATURE_TIMESTAMPS = 8;

export interface XadesFacts {
  readonly present: boolean;
  /** SignedProperties found and covered by a verified reference. */
  readonly signedPropertiesSigned: boolean;
  readonly claimedSigningTime?: Date;
  readonly certificateBinding: CertificateBinding;
  /** True when the binding names a different certificate than the signer's. */
  readonly bindingMismatch: boolean;
  readonly timestamps: readonly TimestampIntegrity[];
  readonly certificates: readonly Uint8Array[];
  readonly revocation: RevocationData;
  readonly messages: readonly Message[];
}

export interface XadesInput {
  readonly signature: Element;
  readonly signatureId?: string;
  readonly namespace: string;
  readonly references: readonly ReferenceResult[];
  readonly signer?: ParsedCertificate;
  readonly signatureValue: Element;
  readonly hashFactory: HashFactory;
}

const NONE: XadesFacts = {
  present: false,
  signedPropertiesSigned: false,
  certificateBinding: 'none',
  bindingMismatch: false,
  timestamps: [],
  certificates: [],
  revocation: {},
  messages: [],
};

function qualifyingProperties(input: XadesInput, messages: Message[]): Element | undefined {
  for (const object of childrenNamed(input.signature, input.namespace, 'Object')) {
    for (const properties of childrenNamed(object, NS.xades, 'QualifyingProperties')) {
      const target = plainAttribute(properties, 'Target') ?? '';
      if (input.signatureId !== undefined && target !== `#${input.signatureId}`) {
        messages.push(XML_MESSAGES.XML_XADES_TARGET_MISMATCH({ target }));
        continue;
      }
      return properties;
    }
  }
  return undefined;
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

/** Serial number of a DER IssuerSerial (RFC 5035), or undefined if unreadable. */
function issuerSerialV2Serial(der: Uint8Array): bigint | undefined {
  try {
    const [, serial] = sequence(parseDer(der), 'IssuerSerial');
    if (!isUniversal(serial, UNIVERSAL.INTEGER)) return undefined;
    return integerContentToBigInt(serial.content);
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
        canonicalizeSubset({ apex: input.signatureValue }, { ...algorithm, ...(prefixes ? { inclusivePrefixes: prefixes } : {}) }),
      );
    } catch (error) {
      if (!(error instanceof C14nUnsupportedError)) throw error;
      messages.push(XML_MESSAGES.XML_CANONICALIZATION_UNSUPPORTED({ detail: error.message }));
      continue;
    }
    out.push(await verifyTimestampToken(token, covered, 'signature', { hashFactory: input.hashFactory }));
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

const CHECKED_UNSIGNED = new Set(['SignatureTimeStamp', 'CertificateValues', 'RevocationValues']);

export async function readXades(input: XadesInput): Promise<XadesFacts> {
  const messages: Message[] = [];
  const properties = qualifyingProperties(input, messages);
  if (!properties) return { ...NONE, messages };

  const signedProperties = firstChildNamed(properties, NS.xades, 'SignedProperties');
  const covering = signedProperties ? input.references.find((reference) => reference.node === signedProperties && reference.intact === 'passed') : undefined;
  const signed = covering !== undefined;
  if (signedProperties && !signed) messages.push(XML_MESSAGES.XML_XADES_PROPERTIES_UNSIGNED());
  if (covering && covering.type !== SIGNED_PROPERTIES_TYPE) messages.push(XML_MESSAGES.XML_XADES_REFERENCE_TYPE());

  let claimedSigningTime: Date | undefined;
  let certificateBinding: CertificateBinding = 'none';
  let bindingMismatch = false;
  const signatureProperties = signed ? firstChildNamed(signedProperties!, NS.xades, 'SignedSignatureProperties') : undefined;
  if (signatureProperties) {
    const signingTime = firstChildNamed(signatureProperties, NS.xades, 'SigningTime');
    if (signingTime) {
      const text = strictText(signingTime) ?? '';
      claimedSigningTime = parseDateTime(text);
      if (!claimedSigningTime) messages.push(XML_MESSAGES.XML_XADES_SIGNING_TIME_INVALID({ value: text.slice(0, 64) }));
    }
    const v2 = firstChildNamed(signatureProperties, NS.xades, 'SigningCertificateV2');
    const v1 = firstChildNamed(signatureProperties, NS.xades, 'SigningCertificate');
    const list = v2 ?? v1;
    if (list) {
      certificateBinding = v2 ? 'signing-certificate-v2' : 'signing-certificate-v1';
      if (input.signer && !bindingMatches(list, v2 ? 2 : 1, input.signer, input.hashFactory)) {
        bindingMismatch = true;
        messages.push(XML_MESSAGES.XML_XADES_SIGNING_CERTIFICATE_MISMATCH());
      }
    }
  }

  let timestamps: TimestampIntegrity[] = [];
  let collected: { certificates: Uint8Array[]; revocation: RevocationData } = { certificates: [], revocation: {} };
  const unsignedProperties = firstChildNamed(properties, NS.xades, 'UnsignedProperties');
  const unsigned = unsignedProperties ? firstChildNamed(unsignedProperties, NS.xades, 'UnsignedSignatureProperties') : undefined;
  if (unsigned) {
    timestamps = await signatureTimestamps(unsigned, input, messages);
    collected = evidence(unsigned);
    for (const property of childElements(unsigned)) {
      if (!CHECKED_UNSIGNED.has(property.localName ?? '')) messages.push(XML_MESSAGES.XML_XADES_UNSUPPORTED_PROPERTY({ name: property.localName ?? '' }));
    }
  }
  return {
    present: true,
    signedPropertiesSigned: signed,
    ...(claimedSigningTime ? { claimedSigningTime } : {}),
    certificateBinding,
    bindingMismatch,
    timestamps,
    certificates: collected.certificates,
    revocation: collected.revocation,
    messages,
  };
}
