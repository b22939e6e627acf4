/**
 * KeyInfo: which certificates the signature carries and which one is the signer's.
 *
 * Warning: nothing here is trust. The certificate found is only the one whose key
 * checks the signature value; whether it is anyone's is path validation's question.
 * A bare KeyValue (a raw public key) is never used: without a certificate the signer
 * is `not-found`.
 */
import type { Element } from '@xmldom/xmldom';
import { decodeCertificate, type ParsedCertificate } from '../../pki/certificate.js';
import type { Message } from '../../report/messages.js';
import { decodeBase64Strict } from './base64.js';
import { childrenNamed, firstChildNamed, strictText } from './dom.js';
import { XML_MESSAGES } from './messages.js';

/** More certificates than any real chain carries; bounds the decoding work. */
export const MAX_KEYINFO_CERTIFICATES = 32;

export interface KeyInfoContents {
  readonly certificates: readonly ParsedCertificate[];
  /** X509IssuerSerial serial numbers named in X509Data, used to pick the signer. */
  readonly serials: readonly bigint[];
  readonly hasKeyValue: boolean;
  readonly messages: readonly Message[];
}

/** Reads KeyInfo/X509Data/X509Certificate (children in `namespace`, the Signature's). */
export async function readKeyInfo(keyInfo: Element | undefined, namespace: string): Promise<KeyInfoContents> {
  const messages: Message[] = [];
  const certificates: ParsedCertificate[] = [];
  const serials: bigint[] = [];
  if (!keyInfo) return { certificates, serials, hasKeyValue: false, messages };
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
      } catch {
        messages.push(XML_MESSAGES.XML_CERTIFICATE_UNREADABLE({ index }));
      }
    }
    for (const issuerSerial of childrenNamed(data, namespace, 'X509IssuerSerial')) {
      const serial = firstChildNamed(issuerSerial, namespace, 'X509SerialNumber');
      const value = serial ? strictText(serial)?.trim() : undefined;
      if (value && /^-?[0-9]{1,200}$/.test(value)) serials.push(BigInt(value));
    }
  }
  const hasKeyValue = childrenNamed(keyInfo, namespace, 'KeyValue').length > 0;
  return { certificates, serials, hasKeyValue, messages };
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
 */
export function signerCandidates(contents: KeyInfoContents): ParsedCertificate[] {
  const { certificates, serials } = contents;
  if (serials.length > 0) {
    const named = certificates.filter((certificate) => serials.includes(certificate.serialNumber));
    if (named.length > 0) return named;
  }
  const leaves = certificates.filter((candidate) => !certificates.some((other) => issues(candidate, other)));
  return leaves.length > 0 ? leaves : [...certificates];
}
