/**
 * The report: plain JSON-serialisable data (strings, numbers, booleans, arrays,
 * objects; dates as ISO-8601 strings). Nothing here is a class, so a report can be
 * written to JSONL, read back, and fed to the metrics unchanged.
 */
import type { DocumentIndication, MainIndication, SubIndication } from './indications.js';
import type { DocumentDetails, SignatureDetails } from './details.js';
import type { Message } from './messages.js';
import type { DocumentFacts } from './facts.js';

export type * from './details.js';

/**
 * The outcome of one check. `passed` and `failed` are proven either way; `unknown`
 * means the check could not be made (e.g. no certificate to verify with, an
 * unsupported algorithm) and is never a `failed` in disguise; `not-applicable` means
 * there was nothing to check.
 */
export type Check = 'passed' | 'failed' | 'unknown' | 'not-applicable';

/**
 * Typed identifiers Vietnamese CAs put in a certificate subject: CMND (old identity
 * card), CCCD (citizen identity card), HC (passport) name a person; MST (tax code) and
 * MNS (budget-unit code) name an organisation; OTHER is a value without a type prefix.
 */
export type IdentifierType = 'CMND' | 'CCCD' | 'HC' | 'MST' | 'MNS' | 'OTHER';

/** An identifier read from a certificate subject, e.g. `MST:0101234567`. */
export interface Identifier {
  /** The prefix, e.g. `MST`. */
  readonly type: IdentifierType;
  /** The value after the `TYPE:` prefix. */
  readonly value: string;
  /** The attribute it came from: `UID` (0.9.2342.19200300.100.1.1), `organizationIdentifier`, `serialNumber`. */
  readonly attribute: string;
}

/** Decree 30/2020 role of a signer, from the identifiers in its certificate: a person (CMND/CCCD/HC) or an agency (MST/MNS). */
export type SignerRole = 'person' | 'organization' | 'unknown';

/** What a report shows of a certificate. Facts read from it; whether it is trusted is the signature's `trusted`. */
export interface CertificateInfo {
  /** RFC 4514 form, most specific attribute first. */
  readonly subject: string;
  /** The issuer's name, RFC 4514 form. */
  readonly issuer: string;
  /** The subject's CN. */
  readonly commonName?: string;
  /** The subject's O. */
  readonly organization?: string;
  /** The subject's OU. */
  readonly organizationalUnit?: string;
  /** Lower-case hex, no leading zeros stripped. */
  readonly serialNumber: string;
  /** Start of the validity period, ISO-8601. */
  readonly notBefore: string;
  /** End of the validity period, ISO-8601. */
  readonly notAfter: string;
  /** SHA-256 of the DER certificate, upper-case hex (as `openssl x509 -fingerprint -sha256` prints it, without colons). */
  readonly sha256: string;
  /** e.g. `RSA-2048`, `EC-P-256`. */
  readonly publicKey: string;
  /** e.g. `sha256WithRSAEncryption`. */
  readonly signatureAlgorithm: string;
  /** Typed identifiers from UID, organizationIdentifier and serialNumber. */
  readonly identifiers: readonly Identifier[];
  /** Where the certificate came from: the document, the trust store, the caller (`trust`), or fetched online. */
  readonly source?: 'document' | 'trust-store' | 'supplied' | 'fetched';
}

/** The signer's certificate, with the Decree 30 role it gives. */
export interface SignerReport extends CertificateInfo {
  /** From the identifiers (see `RoleRule` to change the rule). */
  readonly role: SignerRole;
}

/**
 * Revocation of one certificate at the signature's best time:
 * - `good`: a CRL or OCSP response that applies says it was not revoked;
 * - `revoked`: one says it was (see `revocationTime`, `reason`);
 * - `unknown`: kyso had data, or had to find some, and got no usable answer: only
 *   out-of-date or refused data (bad signature, unauthorised responder), an OCSP
 *   "unknown", or nothing at all under revocation mode `require`. Under `require` the
 *   signature is INDETERMINATE/TRY_LATER; under `if-available` the verdict stands with a
 *   warning, except for out-of-date data the caller supplied or had fetched
 *   (INDETERMINATE/TRY_LATER);
 * - `not-checked`: no revocation data was at hand and none was required: revocation mode
 *   `off`; `if-available` with nothing embedded, supplied or fetched (the soft pass, with
 *   a warning); or an authorised OCSP responder's certificate with id-pkix-ocsp-nocheck.
 *   Trust anchors are never checked and get no entry.
 */
export type RevocationStatus = 'good' | 'revoked' | 'unknown' | 'not-checked';
/** Where revocation data came from: inside the document (CMS, PDF DSS, XAdES), the caller's `revocation` option, or fetched online. */
export type RevocationSource = 'embedded' | 'supplied' | 'fetched';

/** Revocation of one certificate of the chain. */
export interface CertificateRevocation {
  /** SHA-256 of the certificate this entry is about. */
  readonly certificate: string;
  /** The certificate's subject, RFC 4514 form. */
  readonly subject: string;
  /** What the revocation check found (see `RevocationStatus`). */
  readonly status: RevocationStatus;
  /** Where the CRL or OCSP response used came from. */
  readonly source?: RevocationSource;
  /** Which kind of data answered. */
  readonly method?: 'crl' | 'ocsp';
  /** When revoked: the revocation time, ISO-8601. */
  readonly revocationTime?: string;
  /** When revoked: the CRL reason (e.g. `keyCompromise`). */
  readonly reason?: string;
  /** thisUpdate of the CRL or OCSP response used. */
  readonly thisUpdate?: string;
  /** nextUpdate of the CRL or OCSP response used. */
  readonly nextUpdate?: string;
}

/** An RFC 3161 timestamp and its own verdict. Only a TOTAL_PASSED timestamp proves a time. */
export interface TimestampReport {
  /** `signature`: RFC 3161 token over the signature value; `document`: a PDF document timestamp; `content`: a content timestamp. */
  readonly kind: 'signature' | 'document' | 'content';
  /** The time the TSA states, ISO-8601. */
  readonly genTime: string;
  /** The timestamp's own verdict, derived like a signature's. */
  readonly indication: MainIndication;
  /** Why the timestamp's indication is not TOTAL_PASSED. */
  readonly subIndication?: SubIndication;
  /** The token's imprint matches what it timestamps. */
  readonly intact: Check;
  /** The TSA's signature on the token verifies. */
  readonly valid: Check;
  /** A path from the TSA certificate to a trust anchor was validated. */
  readonly trusted: Check;
  /** The TSA's certificate. */
  readonly tsa?: CertificateInfo;
  /** TSA first, anchor last. */
  readonly chain: readonly CertificateInfo[];
  /** The imprint's digest algorithm. */
  readonly digestAlgorithm?: string;
  /** Why the timestamp has its verdict. */
  readonly messages: readonly Message[];
}

/** The times a signature's verdict rests on. */
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

/** The algorithms a signature uses, as judged by the algorithm policy at the best signature time. */
export interface AlgorithmsReport {
  /** The message digest, e.g. `SHA-256`. */
  readonly digest?: string;
  /** The signature scheme, e.g. `RSASSA-PKCS1-v1_5`, `ECDSA`. */
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

/** What a signature covers: only what it covers is proven by it. */
export interface CoverageReport {
  /** How much of the document the signature covers (see `CoverageLevel`). */
  readonly level: CoverageLevel;
  /** PDF: the /ByteRange as found. */
  readonly byteRange?: readonly number[];
  /** PDF: 1-based revision the signature belongs to. */
  readonly revision?: number;
  /** XML: what each signed reference resolved to. */
  readonly references?: readonly SignedReference[];
}

/** One XMLDSig Reference of a signature. */
export interface SignedReference {
  /** The URI attribute as written. */
  readonly uri: string;
  /** What the reference resolved to: `document`, or the element's qualified name and Id. */
  readonly target: string;
  /** The reference's digest algorithm. */
  readonly digestAlgorithm: string;
  /** The digest of what it resolved to matches. */
  readonly intact: Check;
}

/**
 * Changes made to a PDF after a signature, an ordered scale: none < ltv (validation
 * data, document timestamps) < form-filling < annotations < other. `other` (a change
 * no rule explains) fails the signature; what is allowed below it depends on the
 * certification level.
 */
export type ModificationLevel = 'none' | 'ltv' | 'form-filling' | 'annotations' | 'other';

/** Changes after signing, over every later revision of the file. */
export interface ModificationsReport {
  /** The highest level among all the changes, listed in `changes` or not. */
  readonly level: ModificationLevel;
  /** Each changed object and how it was classified. */
  readonly changes: readonly {
    /** The revision that made the change. */
    readonly revision: number;
    /** The object, e.g. `12 0 R`, or a role such as `catalog`. */
    readonly object: string;
    /** The level the change counts at. */
    readonly kind: ModificationLevel;
    /** What changed, in English. */
    readonly description: string;
    /** The whitelist rule that explains the change (PDF: src/formats/pdf/rules.ts); absent when nothing does (`other`). */
    readonly rule?: string;
  }[];
  /**
   * How many changes there are in all; present only when `changes` lists fewer. A PDF
   * signature lists at most 100 (the highest levels first, in revision order), so a report
   * grows with the changes and not with signatures × changes.
   */
  readonly total?: number;
}

/**
 * One signature and its verdict. `indication` is the answer; `intact`, `valid` and
 * `trusted` are the separate facts it is derived from, so a reader can tell "the
 * document changed" from "the signature is forged" from "the signer is not trusted".
 */
export interface SignatureReport {
  /** Stable within its document: the PDF field name, the XML Id, or `signer-N`. */
  readonly id: string;
  /**
   * The signature format: `cms` / `cades` (a .p7s, CAdES when it binds the signing
   * certificate), `pades` / `pdf-pkcs7` (PDF, ETSI or Adobe SubFilter), `xmldsig` /
   * `xades`, `document-timestamp` (a PDF document timestamp, not a person's signature).
   */
  readonly format: 'cms' | 'cades' | 'pades' | 'pdf-pkcs7' | 'xmldsig' | 'xades' | 'document-timestamp';
  /**
   * ETSI EN 319 102-1 verdict: TOTAL_PASSED (the signature holds and its signer is
   * trusted at the best signature time), TOTAL_FAILED (proven wrong: changed, forged,
   * revoked, ...), INDETERMINATE (could not be decided: see `subIndication` and `messages`).
   */
  readonly indication: MainIndication;
  /** Why the indication is not TOTAL_PASSED. */
  readonly subIndication?: SubIndication;
  /** The content is unchanged since signing: the digest over what the signature covers (see `coverage`) matches. Says nothing about who signed. */
  readonly intact: Check;
  /** The signature value verifies with the public key of the certificate in `signer`: whoever holds that key signed. Says nothing about whether that certificate is trusted. */
  readonly valid: Check;
  /** A path from `signer` to a trust anchor was validated at the best signature time (validity, key usage, policies, revocation as the options ask). */
  readonly trusted: Check;
  /** The signer's own certificate, if identified. */
  readonly signer?: SignerReport;
  /** Signer first, anchor last. Empty when no path was built. */
  readonly chain: readonly CertificateInfo[];
  /** When no valid path was found: the certificate the most specific failure rejected. */
  readonly rejectedCertificate?: {
    /** SHA-256 of the certificate, upper-case hex. */
    readonly sha256: string;
    /** Its subject, RFC 4514 form. */
    readonly subject: string;
  };
  /** Revocation of each certificate of `chain` that was looked at. */
  readonly revocation: readonly CertificateRevocation[];
  /** The claimed, proven and validation times. */
  readonly times: TimesReport;
  /** Timestamps over this signature (and PDF document timestamps after it), each with its own verdict. */
  readonly timestamps: readonly TimestampReport[];
  /** The digest, signature and key algorithms used. */
  readonly algorithms: AlgorithmsReport;
  /**
   * SHA-256 (upper-case hex) of the bytes the signature value is computed over: a CMS signer's DER
   * signed attributes (the content itself when it has none), an XML signature's canonical
   * SignedInfo. They hold the digest of what is signed, so with the signer's certificate they name
   * one act of signing wherever it is copied (another file name, bytes added after it, a package
   * around it): metrics count such copies once. Absent when those bytes could not be had.
   */
  readonly signedBytesSha256?: string;
  /** What the signature covers (PDF, XML). */
  readonly coverage?: CoverageReport;
  /** PDF: changes made after this signature. */
  readonly modifications?: ModificationsReport;
  /** Format-specific facts (PDF field, page, reason and revision; XML references; edXML package state; e-invoice role): narrow on `details.kind`. */
  readonly details?: SignatureDetails;
  /**
   * A counter-signature (XAdES CounterSignature, CAdES countersignature attribute): the
   * `id` of the signature whose signature value it signs, listed after that signature.
   * Its own verdict is judged like any signature's; it passes only if it really signs
   * that value.
   */
  readonly counterSignatureOf?: string;
  /** Every reason behind the verdict, and what was checked, as codes with Vietnamese and English text. */
  readonly messages: readonly Message[];
}

/** Decree 30/2020 Art. 5: a valid e-document carries the person's and the agency's signature. */
export interface RolesReport {
  /** A TOTAL_PASSED signature by a person. */
  readonly person: boolean;
  /** A TOTAL_PASSED signature by an organisation. */
  readonly organization: boolean;
  /** A valid person signature and a valid organisation signature, the organisation's later. */
  readonly complete: boolean;
}

/** The format kyso detected from the bytes (never from the file name). */
export type DocumentFormat = 'cms' | 'pdf' | 'xml' | 'edxml' | 'zip' | 'unknown';

/** What `verify()` returns for one document. Plain JSON: store it as it is. */
export interface DocumentReport {
  /** The format detected from the bytes. */
  readonly format: DocumentFormat;
  /**
   * The document's verdict: the worst of its signatures' (and attachments')
   * indications; NO_SIGNATURE when it carries none. TOTAL_PASSED means every signature
   * passed, not that the document meets a profile (see `roles`).
   */
  readonly indication: DocumentIndication;
  /** FORMAT_FAILURE when the document could not be read; otherwise the sub-indication of the first signature (or attachment) that has the document's indication. */
  readonly subIndication?: SubIndication;
  /** Bytes. */
  readonly size: number;
  /** SHA-256 of the document bytes, upper-case hex; empty when the document was refused for its size before being read. */
  readonly sha256: string;
  /** In document order (PDF revision order). */
  readonly signatures: readonly SignatureReport[];
  /** Decree 30/2020 roles among the signatures that passed. */
  readonly roles: RolesReport;
  /** Documents carried inside this one (edXML attachments, ZIP entries), each verified on its own. */
  readonly attachments?: readonly (DocumentReport & {
    /** The attachment's name in its container (edXML attachment name, ZIP entry path). */
    readonly name: string;
    /**
     * For a detached signature (`x.pdf.p7s`) whose content is beside it in the same container:
     * that entry's name (`x.pdf`). The pair is one attachment, verified together, as in a folder.
     */
    readonly content?: string;
  })[];
  /** Format-specific facts (PDF revisions, edXML envelope and package signature, e-invoice identity, ZIP entries): narrow on `details.kind`. */
  readonly details?: DocumentDetails;
  /**
   * An edXML package's own signature as a layer beside the verdict (which rests on the
   * carried documents): its state and indication, any rebuild after transit, and the
   * policy it was judged under (under `require` it is part of the verdict).
   */
  readonly packageSignature?: import('../formats/edxml/package-signature.js').PackageSignatureReport;
  /** Findings about the document as a whole (unreadable, no signature, unsigned attachments ...). */
  readonly messages: readonly Message[];
  /** Typed facts for metrics and document-management systems (report/facts.ts); set on the document verify() returns, not on its attachments. */
  readonly facts?: DocumentFacts;
}
