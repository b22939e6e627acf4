/**
 * The contract between format parsers and verify(). A parser turns bytes into the
 * signatures it found (each with its integrity result already computed, since only
 * the format knows what bytes or XML nodes a signature covers) and the documents it
 * carries (as bytes: verify() recurses into them, a parser never calls detection).
 */
import type { IntegrityResult } from '../cms/types.js';
import type { ByteSource } from '../io/byte-source.js';
import type { HashFactory } from '../io/hash.js';
import type { RevocationData } from '../pki/types.js';
import type { Message } from '../report/messages.js';
import type { CoverageReport, DocumentDetails, DocumentFormat, ModificationsReport, SignatureDetails, SignatureReport } from '../report/types.js';

export interface ParsedSignature {
  /** Stable within the document: PDF field name, XML Signature Id, `signer-N`. */
  readonly id: string;
  readonly format: SignatureReport['format'];
  readonly integrity: IntegrityResult;
  /**
   * A structural defect that makes what is signed unclear (PDF coverage unclear, an
   * XML reference to nothing, duplicate Ids). Forces TOTAL_FAILED/FORMAT_FAILURE,
   * whatever the signature maths says.
   */
  readonly formatFailure: boolean;
  readonly coverage?: CoverageReport;
  /** Changes after signing (PDF); level `other` fails the signature. */
  readonly modifications?: ModificationsReport;
  /** Long-term validation data found outside the signature (PDF DSS): used as sources. */
  readonly ltv?: { readonly certificates: readonly Uint8Array[]; readonly revocation: RevocationData };
  /**
   * Times proven by document-level evidence (PDF document timestamps that cover this
   * signature): already verified tokens, to be validated for trust like signature timestamps.
   */
  readonly documentTimestamps?: readonly import('../cms/types.js').TimestampIntegrity[];
  /** The claimed signing time from the document (PDF /M), when the signature has none. */
  readonly claimedSigningTime?: Date;
  /** Format-specific facts for the report (appearance, certification level, XAdES properties). */
  readonly details?: SignatureDetails;
  /** A counter-signature (XAdES CounterSignature, CAdES countersignature attribute): the id of the signature whose value it signs. */
  readonly counterSignatureOf?: string;
  /**
   * The signer could not be confirmed as the party the document's profile requires (an
   * e-invoice role whose certificate names no party kyso can compare): INDETERMINATE/
   * SIG_CONSTRAINTS_FAILURE once everything else holds. A signer proved to be another party
   * is a formatFailure instead.
   */
  readonly signerUnconfirmed?: boolean;
  /**
   * The signer must be a body of the State whose certificates the Government PKI (Ban Cơ yếu
   * Chính phủ) issues — the tax authority for an e-invoice's DSCKS/CQT. A name is no proof
   * (any CA, an auditor's own included, can write "CỤC THUẾ"): the role holds only when the
   * validated path ends at a Government PKI root kyso bundles (validation/signer-confirmation.ts);
   * any other anchor leaves the signature INDETERMINATE/SIG_CONSTRAINTS_FAILURE. Names the body
   * for the messages.
   */
  readonly governmentSigner?: { readonly vi: string; readonly en: string };
  /**
   * A signerUnconfirmed that other signatures of the same document may settle: when one of `by`
   * (positions in ParsedDocument.signatures, not ids: two Signature elements may share an Id) passes
   * in full, the signer counts as confirmed and `confirmed` is reported; otherwise it stays
   * unconfirmed and `unconfirmed` is reported. (An e-invoice issued by an authorised issuer: the tax
   * authority's signature over the invoice vouches that the authorisation is registered.)
   * A signature that is itself vouched for never vouches for another.
   */
  readonly signerVouchedBy?: { readonly by: readonly number[]; readonly confirmed: Message; readonly unconfirmed: Message };
  readonly messages: readonly Message[];
}

export interface ParsedAttachment {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** What the container claimed (never trusted for detection). */
  readonly declaredType?: string;
}

export interface ParsedDocument {
  readonly format: DocumentFormat;
  /** False when the document itself could not be read: the report is FORMAT_FAILURE. */
  readonly readable: boolean;
  /**
   * Read, but what it signs cannot be obtained (a PDF encrypted with a user password or an
   * unsupported security handler): the document is INDETERMINATE/SIGNED_DATA_NOT_FOUND, never failed.
   */
  readonly signedDataUnavailable?: boolean;
  /** Signatures found but left unchecked because a limit was hit: the document is INDETERMINATE, never passed. */
  readonly uncheckedSignatures?: number;
  /**
   * Carried documents the parser left out because a limit was hit (an edXML package with more
   * attachments than ParseLimits.maxEdxmlAttachments): never verified, so the document is
   * INDETERMINATE, never passed.
   */
  readonly uncheckedAttachments?: number;
  readonly signatures: readonly ParsedSignature[];
  readonly attachments: readonly ParsedAttachment[];
  readonly details?: DocumentDetails;
  readonly messages: readonly Message[];
}

/** What a parser gets besides the bytes. */
export interface ParseContext {
  readonly hashFactory: HashFactory;
  /** Detached content for a .p7s. */
  readonly content?: ByteSource;
  /** XML detached content, by Reference URI as written. */
  readonly contentByUri?: ReadonlyMap<string, Uint8Array>;
  readonly limits: ParseLimits;
  /** Passwords the caller gave for encrypted documents (VerifyOptions.passwords). */
  readonly passwords?: readonly string[];
  /** What opening encrypted documents may still cost, shared like `budget`; absent: unbounded, nothing remembered. */
  readonly passwordWork?: PasswordWork;
  /**
   * The verifier's certificates (trust anchors, CAs), where a timestamp token that carries
   * no certificate may find its TSA's (cms/verify.ts CmsOptions.timestampCertificates).
   */
  readonly timestampCertificates?: readonly (readonly Uint8Array[])[];
  /**
   * What decompression may still cost across the whole top-level document (formats/limits.ts
   * decompressionBudget), shared by every nested archive and drawn down as they inflate.
   * Absent: the parser starts a budget of its own from `limits`.
   */
  readonly budget?: DecompressionBudget;
}

/** Which password opened an encrypted document: the empty user password, or the caller's `index`-th (from 0) as user or owner password. */
export type OpenedBy = { readonly by: 'empty' } | { readonly by: 'user' | 'owner'; readonly index: number };

/**
 * Mutable on purpose, one for a top-level document and everything it carries: AES-256 password
 * checks left (ParseLimits.maxPasswordHashes), and what each encrypted document's parameters
 * gave, so that copies of one document are opened once.
 */
export interface PasswordWork {
  hashes: number;
  /** By the /Encrypt dictionary's parameters and first /ID: the file key and how it was found, or null when no password opened it. */
  readonly outcomes: Map<string, { readonly key: Uint8Array; readonly by: OpenedBy } | null>;
}

/** Mutable on purpose: each archive subtracts what it inflated and what entries it listed. */
export interface DecompressionBudget {
  /** Inflated (or stored) bytes still allowed. */
  bytes: number;
  /** Archive entries still allowed. */
  entries: number;
}

/** Bounds against hostile input; each default is documented in formats/limits.ts. */
export interface ParseLimits {
  /** Largest document accepted, bytes. */
  readonly maxDocumentBytes: number;
  /** Largest CMS structure (a .p7s, a PDF /Contents), bytes. */
  readonly maxCmsBytes: number;
  /** Largest XML document parsed into a DOM, bytes. */
  readonly maxXmlBytes: number;
  /**
   * Deepest element nesting in an XML document (default 256, libxml2's default); deeper is refused
   * before any DOM is built.
   */
  readonly maxXmlDepth: number;
  /**
   * Most nodes in an XML document: elements, attributes, text runs, comments, processing
   * instructions, CDATA sections (default 1,000,000); more is refused before any DOM is built.
   */
  readonly maxXmlNodes: number;
  /**
   * XML Signature elements verified per document (default 1,000: a batch e-invoice message carries
   * one per invoice). Past it the rest are left unchecked and the document is INDETERMINATE.
   */
  readonly maxXmlSignatures: number;
  /** PDF incremental revisions. */
  readonly maxPdfRevisions: number;
  /** PDF objects examined. */
  readonly maxPdfObjects: number;
  /**
   * Bytes one inflated stream may expand to, and all of a PDF's streams together (default
   * 256 MiB). Decoding a PDF's streams again (its cache of decoded object streams dropped one)
   * counts as well, up to twice this in all. Past either bound the streams left are not read and
   * a PDF with no signature found is INDETERMINATE.
   */
  readonly maxInflatedBytes: number;
  /** Nesting of documents inside documents (edXML → ZIP → PDF). */
  readonly maxAttachmentDepth: number;
  /**
   * Attachments read from one edXML package (default 1,000; real packages carry a handful). Past it
   * the rest are not verified and the package is INDETERMINATE.
   */
  readonly maxEdxmlAttachments: number;
  /** ZIP: entries, and total uncompressed bytes. */
  readonly maxZipEntries: number;
  /**
   * Most uncompressed bytes of all a ZIP's entries together (default 1 GiB); a ZIP over it is
   * unreadable as a whole. Also the budget of one top-level document for everything nested in it:
   * every archive, and every PDF's inflated streams, inside it draw on the same bytes.
   */
  readonly maxZipBytes: number;
  /**
   * AES-256 password checks (ISO 32000-2 Algorithm 2.B, up to tens of milliseconds each; the
   * empty password's count too) for one top-level document and everything it carries (default
   * 4,096). Past it an encrypted PDF not yet opened is INDETERMINATE.
   */
  readonly maxPasswordHashes: number;
}
