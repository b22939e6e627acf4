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
  /** `All` locks every field, `Include` only `fields`, `Exclude` every field but `fields`. */
  readonly action: 'All' | 'Include' | 'Exclude';
  /** The field names the action lists. */
  readonly fields: readonly string[];
  /** PDF 2.0: a /P in the lock acts like a DocMDP permission once this field is signed. */
  readonly permission?: 1 | 2 | 3;
}

/** A signature in a PDF (its signature field and dictionary). */
export interface PdfSignatureDetails {
  /** Which shape this is: narrow on it. */
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
  readonly sections: readonly {
    /** Byte offset of the section. */
    readonly offset: number;
    /** A classic `xref` table or a cross-reference stream. */
    readonly kind: 'table' | 'stream';
  }[];
  /** The revision has no %%EOF (a truncated or appended file). */
  readonly unterminated?: true;
}

/** A PDF file. Fields other than `version` are absent when the file could not be read. */
export interface PdfDocumentDetails {
  /** Which shape this is: narrow on it. */
  readonly kind: 'pdf';
  /** From the `%PDF-x.y` header. */
  readonly version?: string;
  /** The file has an /Encrypt dictionary. */
  readonly encrypted?: boolean;
  /** The cross-reference data was broken and the objects were found by scanning the file. */
  readonly recovered?: boolean;
  /** The incremental revisions, oldest first. */
  readonly revisions?: readonly PdfRevision[];
  /** Signature fields nobody has signed yet. */
  readonly emptySignatureFields?: readonly string[];
  /** The Document Security Store (long-term validation data), as counts. */
  readonly dss?: {
    /** Certificates in /Certs. */
    readonly certificates: number;
    /** CRLs in /CRLs. */
    readonly crls: number;
    /** OCSP responses in /OCSPs. */
    readonly ocspResponses: number;
    /** Entries of the /VRI dictionary (validation data per signature). */
    readonly vri: number;
  };
}

// ---------------------------------------------------------------- CMS

/** A CMS SignerInfo from a .p7s / .p7m file. */
export interface CmsSignatureDetails {
  /** Which shape this is: narrow on it. */
  readonly kind: 'cms';
  /** The signed content came from outside the CMS (a detached .p7s with its content given to `verify`). */
  readonly detached: boolean;
}

/** A .p7s / .p7m file. */
export interface CmsDocumentDetails {
  /** Which shape this is: narrow on it. */
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
  /** The DigestMethod algorithm URI. */
  readonly digestMethod: string;
  /** The digest over the transformed target matches. */
  readonly intact: Check;
}

/** An XMLDSig / XAdES signature. */
export interface XmlSignatureDetails {
  /** Which shape this is: narrow on it. */
  readonly kind: 'xml';
  /** `xmldsig` (the W3C namespace), `edxml` (the edXML quirk: Signature in the edXML namespace), or another namespace URI. */
  readonly signatureNamespace: string;
  /** The CanonicalizationMethod algorithm URI of SignedInfo. */
  readonly canonicalizationMethod: string;
  /** The SignatureMethod algorithm URI. */
  readonly signatureMethod: string;
  /** Each Reference of SignedInfo, in order. */
  readonly references: readonly XmlReferenceDetails[];
  /** Each ds:Manifest a SignedInfo Reference signs, with its own References checked (`uri` is the SignedInfo Reference's). */
  readonly manifests?: readonly {
    /** The URI of the SignedInfo Reference that signs this Manifest. */
    readonly uri: string;
    /** The Manifest's own References, in order, each with whether its digest matched. */
    readonly references: readonly XmlReferenceDetails[];
  }[];
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
  /** Which shape this is: narrow on it. */
  readonly kind: 'xml';
  /** The root element's qualified name. */
  readonly rootElement: string;
  /** The root element's namespace URI; null when it has none. */
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
  /** Which shape this is: narrow on it. */
  readonly kind: 'edxml';
  /** The signature signs the edXML package (a transport signature), not a carried document. */
  readonly layer: 'edxml-package';
  /** Whether the package signature holds (see `EdxmlPackageSignatureState`). */
  readonly packageState: EdxmlPackageSignatureState;
}

/**
 * One envelope field and whether a signature protects it. `covered` is true only when
 * a signature that passed in full (TOTAL_PASSED, trust included) covers the element.
 */
export interface EdxmlMetadataField<T> {
  /** The value as found; absent when the envelope has no such field. */
  readonly value?: T;
  /** Ids of the signatures with a Reference that signs the element whole (no node inside it left out by a transform), whatever their verdict. */
  readonly insideReferenceOf: readonly string[];
  /** A signature that passed in full covers the element (and, for a header field, every attachment of the package): the value is proven. */
  readonly covered: boolean;
  /**
   * Positions, in the report's `signatures`, of the signatures that verified and sign the element
   * whole (and, for a header field, every attachment): `covered` needs one of these to pass in full.
   */
  readonly bindingSignatures: readonly number[];
  /** Ids of the signatures that passed in full and cover the element (those of `bindingSignatures` that passed). */
  readonly signedBy?: readonly string[];
  /**
   * Ids of the package signatures that verified and sign the field but not every attachment:
   * the value is signed, yet not bound to the documents the package carries, so it is not
   * `covered` (a header signed alone can be replayed beside other attachments). Present only
   * when the field is not covered.
   */
  readonly notBoundBy?: readonly string[];
}

/** The envelope fields an archive indexes on, each with its protection. */
export interface EdxmlMetadata {
  /** From/OrganId: the sending agency's code. */
  readonly senderOrganId: EdxmlMetadataField<string>;
  /** ISO `yyyy-MM-dd` when readable, else as written. */
  readonly promulgationDate: EdxmlMetadataField<string>;
  /** DocumentType: the kind of document (decision, official letter ...). */
  readonly documentType: EdxmlMetadataField<EdxmlDocumentType>;
  /** Code/CodeNumber: the document number (số). */
  readonly codeNumber: EdxmlMetadataField<string>;
  /** Code/CodeNotation: the document symbol (ký hiệu). */
  readonly codeNotation: EdxmlMetadataField<string>;
  /** Subject: the summary line (trích yếu). */
  readonly subject: EdxmlMetadataField<string>;
}

/** An edXML package (QCVN 102:2016/BTTTT). */
export interface EdxmlDocumentDetails {
  /** Which shape this is: narrow on it. */
  readonly kind: 'edxml';
  /** The envelope as found. Not proven: see `metadata` for what a signature protects. */
  readonly edxml: EdxmlPackage;
  /** The package signature: the first one's state, and each one's. */
  readonly packageSignature: {
    /** The first package signature's state; `absent` when the package has none. */
    readonly state: EdxmlPackageSignatureState | 'absent';
    /** Every package signature. */
    readonly signatures: readonly {
      /** The signature's `id` in the report. */
      readonly id: string;
      /** `xmldsig`, or `edxml` for a Signature in the edXML namespace. */
      readonly namespace: string;
      /** Whether this signature holds. */
      readonly state: EdxmlPackageSignatureState;
    }[];
    /** How the package signature was rebuilt after re-serialisation in transit (formats/edxml/rebuild.ts); absent when none was needed. */
    readonly rebuild?: import('../formats/edxml/rebuild.js').SignatureRebuild;
  };
  /** The envelope fields an archive indexes on, each with whether a signature protects it. */
  readonly metadata: EdxmlMetadata;
  /**
   * Attachments the manifest (edXMLManifest) lists but the package does not carry, with the
   * manifest's protection (as for `metadata`: `covered` when a signature that passed in full
   * covers the whole manifest). Absent when every listed attachment is carried. A signed
   * manifest that promises a missing attachment fails the package; an unsigned one leaves it
   * INDETERMINATE (a listed document kyso never saw cannot be checked).
   */
  readonly missingAttachments?: EdxmlMetadataField<readonly string[]>;
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
  /** Which shape this is: narrow on it. */
  readonly kind: 'zip';
  /** Entries read as documents (reported in `attachments`). */
  readonly entries: number;
  /**
   * macOS AppleDouble entries (`__MACOSX/…/._name`: Finder info, extended attributes, resource
   * fork): metadata, not documents, so not in `attachments` and not unsigned content. Absent when none.
   */
  readonly appleDouble?: readonly string[];
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
