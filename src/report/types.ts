/**
 * The report: plain JSON-serialisable data (strings, numbers, booleans, arrays,
 * objects; dates as ISO-8601 strings). Nothing here is a class, so a report can be
 * written to JSONL, read back, and fed to the metrics unchanged.
 */
import type { DocumentIndication, MainIndication, SubIndication } from './indications.js';
import type { Message } from './messages.js';

/**
 * The outcome of one check. `unknown` is its own value (the check could not be made,
 * e.g. no certificate to verify with), never a `failed` in disguise.
 */
export type Check = 'passed' | 'failed' | 'unknown' | 'not-applicable';

/** Typed identifiers in the Vietnamese UID attribute (see domain.md §3). */
export type IdentifierType = 'CMND' | 'CCCD' | 'HC' | 'MST' | 'MNS' | 'OTHER';

export interface Identifier {
  readonly type: IdentifierType;
  readonly value: string;
  /** The attribute it came from: `UID` (0.9.2342.19200300.100.1.1), `organizationIdentifier`, `serialNumber`. */
  readonly attribute: string;
}

export type SignerRole = 'person' | 'organization' | 'unknown';

export interface CertificateInfo {
  /** RFC 4514 form, most specific attribute first. */
  readonly subject: string;
  readonly issuer: string;
  readonly commonName?: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  /** Lower-case hex, no leading zeros stripped. */
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** SHA-256 of the DER certificate, upper-case hex (as `openssl x509 -fingerprint -sha256` prints it, without colons). */
  readonly sha256: string;
  /** e.g. `RSA-2048`, `EC-P-256`. */
  readonly publicKey: string;
  /** e.g. `sha256WithRSAEncryption`. */
  readonly signatureAlgorithm: string;
  readonly identifiers: readonly Identifier[];
  /** Where the certificate came from. */
  readonly source?: 'document' | 'trust-store' | 'supplied' | 'fetched';
}

export interface SignerReport extends CertificateInfo {
  readonly role: SignerRole;
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown' | 'not-checked';
export type RevocationSource = 'embedded' | 'supplied' | 'fetched';

export interface CertificateRevocation {
  /** SHA-256 of the certificate this entry is about. */
  readonly certificate: string;
  readonly subject: string;
  readonly status: RevocationStatus;
  readonly source?: RevocationSource;
  readonly method?: 'crl' | 'ocsp';
  readonly revocationTime?: string;
  readonly reason?: string;
  /** thisUpdate of the CRL or OCSP response used. */
  readonly thisUpdate?: string;
  readonly nextUpdate?: string;
}

export interface TimestampReport {
  /** `signature`: RFC 3161 token over the signature value; `document`: a PDF document timestamp; `content`: a content timestamp. */
  readonly kind: 'signature' | 'document' | 'content';
  readonly genTime: string;
  readonly indication: MainIndication;
  readonly subIndication?: SubIndication;
  readonly intact: Check;
  readonly valid: Check;
  readonly trusted: Check;
  readonly tsa?: CertificateInfo;
  readonly chain: readonly CertificateInfo[];
  readonly digestAlgorithm?: string;
  readonly messages: readonly Message[];
}

export interface TimesReport {
  /** When the validation was made for (the caller's `at`). */
  readonly validationTime: string;
  /** The signer's own claim (CMS signingTime, XAdES SigningTime, PDF /M): not proof. */
  readonly claimedSigningTime?: string;
  /** Earliest time proven by a verified timestamp, if any. */
  readonly timestampTime?: string;
  /** The time the signature is proven to have existed: timestampTime, else validationTime. */
  readonly bestSignatureTime: string;
}

export interface AlgorithmsReport {
  readonly digest?: string;
  readonly signature?: string;
  /** e.g. `RSA-2048`. */
  readonly publicKey?: string;
}

/**
 * What a signature covers. PDF, an ordered scale (pyHanko): unclear < contiguous-block
 * < entire-revision < entire-file. XML: `entire-file` when a reference covers the whole
 * document, `elements` when only the elements listed in `references` are signed.
 */
export type CoverageLevel = 'unclear' | 'contiguous-block' | 'entire-revision' | 'entire-file' | 'elements';

export interface CoverageReport {
  readonly level: CoverageLevel;
  /** PDF: the /ByteRange as found. */
  readonly byteRange?: readonly number[];
  /** PDF: 1-based revision the signature belongs to. */
  readonly revision?: number;
  /** XML: what each signed reference resolved to. */
  readonly references?: readonly SignedReference[];
}

export interface SignedReference {
  readonly uri: string;
  /** What the reference resolved to: `document`, or the element's qualified name and Id. */
  readonly target: string;
  readonly digestAlgorithm: string;
  readonly intact: Check;
}

export type ModificationLevel = 'none' | 'ltv' | 'form-filling' | 'annotations' | 'other';

export interface ModificationsReport {
  readonly level: ModificationLevel;
  readonly changes: readonly {
    readonly revision: number;
    readonly object: string;
    readonly kind: ModificationLevel;
    readonly description: string;
  }[];
}

export interface SignatureReport {
  /** Stable within its document: the PDF field name, the XML Id, or `signer-N`. */
  readonly id: string;
  readonly format: 'cms' | 'cades' | 'pades' | 'pdf-pkcs7' | 'xmldsig' | 'xades' | 'document-timestamp';
  readonly indication: MainIndication;
  readonly subIndication?: SubIndication;
  /** The digest over the signed content matches. */
  readonly intact: Check;
  /** The signature value verifies with the signer's public key. */
  readonly valid: Check;
  /** A path to a trust anchor was validated. */
  readonly trusted: Check;
  /** The signer's own certificate, if identified. */
  readonly signer?: SignerReport;
  /** Signer first, anchor last. Empty when no path was built. */
  readonly chain: readonly CertificateInfo[];
  /** When no valid path was found: the certificate the most specific failure rejected. */
  readonly rejectedCertificate?: { readonly sha256: string; readonly subject: string };
  readonly revocation: readonly CertificateRevocation[];
  readonly times: TimesReport;
  readonly timestamps: readonly TimestampReport[];
  readonly algorithms: AlgorithmsReport;
  readonly coverage?: CoverageReport;
  readonly modifications?: ModificationsReport;
  /** Format-specific extras (PDF appearance, XAdES properties ...). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly messages: readonly Message[];
}

/** Decree 30/2020 Art. 5: a valid e-document carries the person's and the agency's signature. */
export interface RolesReport {
  readonly person: boolean;
  readonly organization: boolean;
  /** A valid person signature and a valid organisation signature, the organisation's later. */
  readonly complete: boolean;
}

export type DocumentFormat = 'cms' | 'pdf' | 'xml' | 'edxml' | 'zip' | 'unknown';

export interface DocumentReport {
  readonly format: DocumentFormat;
  readonly indication: DocumentIndication;
  /** FORMAT_FAILURE when the document could not be read; otherwise the sub-indication of the first signature (or attachment) that has the document's indication. */
  readonly subIndication?: SubIndication;
  readonly size: number;
  /** SHA-256 of the document bytes, upper-case hex; empty when the document was refused for its size before being read. */
  readonly sha256: string;
  readonly signatures: readonly SignatureReport[];
  readonly roles: RolesReport;
  /** Documents carried inside this one (edXML attachments, ZIP entries), each verified on its own. */
  readonly attachments?: readonly (DocumentReport & { readonly name: string })[];
  /** Format-specific extras (edXML header, PDF revisions ...). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly messages: readonly Message[];
}
