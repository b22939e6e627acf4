/**
 * KeyInfo: which certificates the signature carries and which one is the signer's.
 *
 * Warning: nothing here is trust. The certificate found is only the one whose key
 * checks the signature value; whether it is anyone's is path validation's question.
 * X509Data/X509CRL (XMLDSig §4.5.4) is revocation evidence the signature carries: handed to
 * validation like XAdES RevocationValues, which checks each CRL's issuer and signature. A
 * revoked signer whose own document carries the CRL saying so was passed (xmlsec's negative
 * vector merlin-xmldsig-twenty-three/signature-x509-crt-crl).
 * A bare KeyValue (a raw public key) is never used: without a certificate the signer
 * is `not-found`.
 */
import type { Element } from '@xmldom/xmldom';
import { decodeCertificate, isCa, type ParsedCertificate } from '../../pki/certificate.js';
import { derDefectMessage } from '../../pki/messages.js';
import type { Message } from '../../report/messages.js';
import { decodeBase64Strict } from './base64.js';
import { childrenNamed, firstChildNamed, strictText } from './dom.js';
import { XML_MESSAGES } from './messages.js';

/** More certificates than any real chain carries; bounds the decoding work. */
export const MAX_KEYINFO_CERTIFICATES = 32;

/** CRLs read from KeyInfo; a real chain needs one per CA. */
export const MAX_KEYINFO_CRLS = 8;

export interface KeyInfoContents {
  readonly certificates: readonly ParsedCertificate[];
  /** X509IssuerSerial serial numbers named in X509Data, used to pick the signer. */
  readonly serials: readonly bigint[];
  readonly hasKeyValue: boolean;
  /** DER of each readable X509Data/X509CRL, unverified (validation checks them). */
  readonly crls: readonly Uint8Array[];
  readonly messages: readonly Message[];
}

/** Reads KeyInfo/X509Data/X509Certificate (children in `namespace`, the Signature's). */
export async function readKeyInfo(keyInfo: Element | undefined, namespace: string): Promise<KeyInfoContents> {
  const messages: Message[] = [];
  const certificates: ParsedCertificate[] = [];
  const serials: bigint[] = [];
  const crls: Uint8Array[] = [];
  if (!keyInfo) return { certificates, serials, hasKeyValue: false, crls, messages };
  let index = 0;
  for (const data of childrenNamed(keyInfo, namespace, 'X509Data')) {
    for (const element of childrenNamed(data, namespace, 'X509Certificate')) {
      index++;
      if (index > MAX_KEYINFO_CERTIFICATES) {
        messages.push(XML_MESSAGES.XML_CERTIFICATE_UNREADABLE({ index }));
        continue;
      }
      const text = strictText(element);
      const der = text === undefined ? undefined : decodeBase64Strict(text);
      if (!der) {
        messages.push(XML_MESSAGES.XML_VALUE_NOT_BASE64({ element: 'X509Certificate' }));
        continue;
      }
      try {
        certificates.push(await decodeCertificate(der));
      } catch (error) {
        messages.push(XML_MESSAGES.XML_CERTIFICATE_UNREADABLE({ index }));
        const defect = derDefectMessage(error);
        if (defect) messages.push(defect);
      }
    }
    for (const issuerSerial of childrenNamed(data, namespace, 'X509IssuerSerial')) {
      const serial = firstChildNamed(issuerSerial, namespace, 'X509SerialNumber');
      const value = serial ? strictText(serial)?.trim() : undefined;
      if (value && /^-?[0-9]{1,200}$/.test(value)) serials.push(BigInt(value));
    }
    for (const element of childrenNamed(data, namespace, 'X509CRL')) {
      const text = strictText(element);
      const der = text === undefined ? undefined : decodeBase64Strict(text);
      if (!der) messages.push(XML_MESSAGES.XML_VALUE_NOT_BASE64({ element: 'X509CRL' }));
      else if (crls.length < MAX_KEYINFO_CRLS) crls.push(der);
    }
  }
  const hasKeyValue = childrenNamed(keyInfo, namespace, 'KeyValue').length > 0;
  return { certificates, serials, hasKeyValue, crls, messages };
}

function issues(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  if (issuer === subject) return false;
  if (subject.authorityKeyIdentifier && issuer.subjectKeyIdentifier) return subject.authorityKeyIdentifier === issuer.subjectKeyIdentifier;
  return subject.issuerText === issuer.subjectText;
}

/**
 * The candidates for the signer's certificate, best first: those named by
 * X509IssuerSerial if any, else the certificates that issue no other one in the set
 * (the leaves). The caller tries each until one key checks the signature value.
 *
 * Warning: a CA certificate is never a candidate by default. When the signer's own
 * certificate is missing or unreadable, what is left is its issuer; taking that as the
 * signer would turn "cannot check" into "signature wrong" (and name the CA as signer).
 * So when the named serial is not carried, or every leaf is a CA, `candidates` is empty,
 * `missing` says why, and the certificates are only a `fallback`: one of them is the
 * signer only if its key verifies the signature value (a self-signed signing
 * certificate, which openssl marks CA:TRUE by default); if none does, the signer is not
 * found (INDETERMINATE, NO_SIGNING_CERTIFICATE_FOUND), never a failed signature.
 */
export function signerCandidates(contents: KeyInfoContents): { candidates: ParsedCertificate[]; fallback: ParsedCertificate[]; missing?: Message } {
  const { certificates, serials } = contents;
  if (serials.length > 0) {
    const named = certificates.filter((certificate) => serials.includes(certificate.serialNumber));
    if (named.length > 0) return { candidates: named, fallback: [] };
    if (certificates.length > 0) {
      return { candidates: [], fallback: [...certificates], missing: XML_MESSAGES.XML_SIGNER_NAMED_NOT_INCLUDED({ serial: serials[0]!.toString() }) };
    }
  }
  const leaves = certificates.filter((candidate) => !isCa(candidate) && !certificates.some((other) => issues(candidate, other)));
  if (leaves.length > 0 || certificates.length === 0) return { candidates: leaves, fallback: [] };
  return { candidates: [], fallback: [...certificates], missing: XML_MESSAGES.XML_ONLY_CA_CERTIFICATES({ count: certificates.length }) };
}
