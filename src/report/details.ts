/**
 * Format-specific facts in a report, one shape per format. Every `details` object
 * carries a `kind` that says which shape it is, so TypeScript narrows it:
 *
 * ```ts
 * for (const signature of report.signatures) {
 *   if (signature.details?.kind === 'pdf') console.log(signature.details.fieldName, signature.details.pageIndex);
 * }
 * if (report.details?.kind === 'edxml') console.log(report.details.edxml.header.subject);
 * ```
 *
 * These are facts as found in the document. Unless a field says otherwise, nothing
 * here is proven by a signature: what a signature protects is in `coverage`, and for
 * edXML in `metadata[…].covered`.
 */
import type { EdxmlDocumentType, EdxmlPackage } from '../formats/edxml/model.js';
import type { Check } from './types.js';

export type {
  EdxmlAttachmentInfo,
  EdxmlBusiness,
  EdxmlCode,
  EdxmlDate,
  EdxmlDocumentType,
  EdxmlHeader,
  EdxmlManifestEntry,
  EdxmlOrgan,
  EdxmlPackage,
  EdxmlPromulgationInfo,
  EdxmlResponseFor,
  EdxmlSignerInfo,
  EdxmlTraceHeader,
} from '../formats/edxml/model.js';

// ---------------------------------------------------------------- PDF

/** A PDF field lock (/Lock, ISO 32000-2 §12.7.5.5): fields that may not change once this field is signed. */
export interface PdfFieldLock {
  readonly action: 'All' | 'Include' | 'Exclude';
  readonly fields: readonly string[];
  /** PDF 2.0: a /P in the lock acts like a DocMDP permission once this field is signed. */
  readonly permission?: 1 | 2 | 3;
}

/** A signature in a PDF (its signature field and dictionary). */
export interface PdfSignatureDetails {
  readonly kind: 'pdf';
  /** The fully qualified name of the signature field. */
  readonly fieldName: string;
  /** /SubFilter, e.g. `ETSI.CAdES.detached`, `adbe.pkcs7.detached`; null when absent. */
  readonly subFilter: string | null;
  /** /Filter, the handler the signer named (e.g. `Adobe.PPKLite`); null when absent. */
  readonly filter: string | null;
  /** /Type: `Sig`, or `DocTimeStamp` for a document timestamp; null when absent. */
  readonly type: string | null;
  /** 1-based incremental revision the signature signed. */
  readonly revision: number;
  /** How many revisions the file has; a later revision means the file changed after this signature (see `modifications`). */
  readonly revisions: number;
  /** /Name: the signer's name as the signing software wrote it. Not proven; the certificate is in `signer`. */
  readonly name?: string;
  /** /Reason as written by the signer. */
  readonly reason?: string;
  /** /Location as written by the signer. */
  readonly location?: string;
  /** /ContactInfo as written by the signer. */
  readonly contactInfo?: string;
  /** /M exactly as written. */
  readonly signingTimeText?: string;
  /** /M as an ISO-8601 time, when readable. A claim, not proof (see `times`). */
  readonly signingTime?: string;
  /** 0-based page of the signature's widget, when it has one. */
  readonly pageIndex?: number;
  /** The widget rectangle [x1, y1, x2, y2] in PDF units. */
  readonly rect?: readonly number[];
  /** A certification signature's DocMDP permission: 1 no changes, 2 form filling, 3 form filling and annotations; null for an approval signature. */
  readonly certificationLevel: 1 | 2 | 3 | null;
  /** Field locks this signature sets. */
  readonly fieldLocks?: readonly PdfFieldLock[];
  /**
   * PAdES baseline level as found (ETSI EN 319 142-1): B-T has a timestamp, B-LT adds
   * revocation data in a DSS, B-LTA a document timestamp over it. Says what is present,
   * not that it validates. Absent for document timestamps.
   */
  readonly padesLevel?: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
  /** Document timestamps: the token's genTime. */
  readonly genTime?: string;
}

/** One incremental revision of a PDF file. */
export interface PdfRevision {
  /** 1-based. */
  readonly number: number;
  /** Byte offset where the revision starts. */
  readonly start: number;
  /** Byte offset just after its %%EOF. */
  readonly end: number;
  /** Its cross-reference sections: offset and `table` or `stream`. */
  readonly sections: readonly { readonly offset: number; readonly kind: 'table' | 'stream' }[];
  /** The revision has no %%EOF (a truncated or appended file). */
  readonly unterminated?: true;
}

/** A PDF file. Fields other than `version` are absent when the file could not be read. */
export interface PdfDocumentDetails {
  readonly kind: 'pdf';
  /** From the `%PDF-x.y` header. */
  readonly version?: string;
  readonly encrypted?: boolean;
  /** The cross-reference data was broken and the objects were found by scanning the file. */
  readonly recovered?: boolean;
  readonly revisions?: readonly PdfRevision[];
  /** Signature fields nobody has signed yet. */
  readonly emptySignatureFields?: readonly string[];
  /** The Document Security Store (long-term validation data), as counts. */
  readonly dss?: { readonly certificates: number; readonly crls: number; readonly ocspResponses: number; readonly vri: number };
}

// ---------------------------------------------------------------- CMS

/** A CMS SignerInfo from a .p7s / .p7m file. */
export interface CmsSignatureDetails {
  readonly kind: 'cms';
  /** The signed content came from outside the CMS (a detached .p7s with its content given to `verify`). */
  readonly detached: boolean;
}

/** A .p7s / .p7m file. */
export interface CmsDocumentDetails {
  readonly kind: 'cms';
  /** The signed content came from outside the CMS (the caller's `content`). */
  readonly detached: boolean;
}

// ---------------------------------------------------------------- XML

/** One XMLDSig Reference and what it resolved to. */
export interface XmlReferenceDetails {
  /** The URI attribute as written (`""` for the whole document, `#id` for an element). */
  readonly uri: string;
  /** What it resolved to: `document`, or the element's name and Id. */
  readonly target: string;
  /** Where the target sits in the document, when it is an element. */
  readonly path?: string;
  /** The Reference's Type attribute (e.g. XAdES SignedProperties). */
  readonly type?: string;
  readonly digestMethod: string;
  /** The digest over the transformed target matches. */
  readonly intact: Check;
}

/** An XMLDSig / XAdES signature. */
export interface XmlSignatureDetails {
  readonly kind: 'xml';
  /** `xmldsig` (the W3C namespace), `edxml` (the edXML quirk: Signature in the edXML namespace), or another namespace URI. */
  readonly signatureNamespace: string;
  readonly canonicalizationMethod: string;
  readonly signatureMethod: string;
  readonly references: readonly XmlReferenceDetails[];
  /** XAdES qualifying properties, when present. */
  readonly xades?: {
    /** A Reference covers the SignedProperties, so the signing certificate and time in them are signed. */
    readonly signedPropertiesSigned: boolean;
    /** How the signing certificate is bound to the signature (XAdES SigningCertificate / SigningCertificateV2). */
    readonly certificateBinding: string;
  };
}

/** An XML document that is neither edXML nor an e-invoice. */
export interface XmlDocumentDetails {
  readonly kind: 'xml';
  /** The root element's qualified name. */
  readonly rootElement: string;
  readonly rootNamespace: string | null;
}

// ---------------------------------------------------------------- edXML

/**
 * The state of an edXML package signature (a transport signature, which transit on the
 * national axis may break): `valid` the value and every reference hold; `content-changed`
 * the value holds but a referenced part changed; `invalid` the value does not hold;
 * `unverifiable` it could not be checked.
 */
export type EdxmlPackageSignatureState = 'valid' | 'content-changed' | 'invalid' | 'unverifiable';

/** An edXML package signature. The XMLDSig facts are absent when the Signature element could not be read. */
export interface EdxmlSignatureDetails extends Partial<Omit<XmlSignatureDetails, 'kind'>> {
  readonly kind: 'edxml';
  readonly layer: 'edxml-package';
  readonly packageState: EdxmlPackageSignatureState;
}

/**
 * One envelope field and whether a signature protects it. `covered` is true only when
 * a signature that passed in full (TOTAL_PASSED, trust included) covers the element.
 */
export interface EdxmlMetadataField<T> {
  /** The value as found; absent when the envelope has no such field. */
  readonly value?: T;
  /** Ids of the signatures whose References contain the element, whatever their verdict. */
  readonly insideReferenceOf: readonly string[];
  /** A signature that passed in full covers the element: the value is proven. */
  readonly covered: boolean;
  /** Ids of the signatures that passed in full and cover the element. */
  readonly signedBy?: readonly string[];
}

/** The envelope fields an archive indexes on, each with its protection. */
export interface EdxmlMetadata {
  readonly senderOrganId: EdxmlMetadataField<string>;
  /** ISO `yyyy-MM-dd` when readable, else as written. */
  readonly promulgationDate: EdxmlMetadataField<string>;
  readonly documentType: EdxmlMetadataField<EdxmlDocumentType>;
  readonly codeNumber: EdxmlMetadataField<string>;
  readonly codeNotation: EdxmlMetadataField<string>;
  readonly subject: EdxmlMetadataField<string>;
}

/** An edXML package (QCVN 102:2016/BTTTT). */
export interface EdxmlDocumentDetails {
  readonly kind: 'edxml';
  /** The envelope as found. Not proven: see `metadata` for what a signature protects. */
  readonly edxml: EdxmlPackage;
  /** The package signature: the first one's state, and each one's. */
  readonly packageSignature: {
    readonly state: EdxmlPackageSignatureState | 'absent';
    readonly signatures: readonly { readonly id: string; readonly namespace: string; readonly state: EdxmlPackageSignatureState }[];
  };
  readonly metadata: EdxmlMetadata;
}

// ---------------------------------------------------------------- e-invoice

// Owned by the e-invoice profile (formats/einvoice/types.ts), which documents each field.
import type { EinvoiceDocumentDetails, EinvoiceSignatureDetails } from '../formats/einvoice/types.js';
export type {
  EinvoiceDocumentDetails,
  EinvoiceIdentity,
  EinvoiceMessageKind,
  EinvoiceNotice,
  EinvoiceRole as EinvoiceSignerRole,
  EinvoiceSignatureDetails,
} from '../formats/einvoice/types.js';

// ---------------------------------------------------------------- ZIP

/** A ZIP container; each entry is reported in `attachments`. */
export interface ZipDocumentDetails {
  readonly kind: 'zip';
  /** Entries read. */
  readonly entries: number;
}

// ---------------------------------------------------------------- unions

/** `SignatureReport.details`: narrow on `kind`. */
export type SignatureDetails = PdfSignatureDetails | CmsSignatureDetails | XmlSignatureDetails | EdxmlSignatureDetails | EinvoiceSignatureDetails;

/** `DocumentReport.details`: narrow on `kind`. */
export type DocumentDetails =
  | PdfDocumentDetails
  | CmsDocumentDetails
  | XmlDocumentDetails
  | EdxmlDocumentDetails
  | EinvoiceDocumentDetails
  | ZipDocumentDetails;
