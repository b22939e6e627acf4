/**
 * The typed edXML envelope (QCVN 102:2016/BTTTT, amended 2022). Every field is
 * optional: real senders omit, reorder and misspell, and the model records what is
 * there. Text is trimmed; empty elements read as absent. Dates are kept as written
 * and, when readable, as ISO `yyyy-MM-dd`.
 */

/**
 * An agency as the edXML header names it (From, To): its identifiers and contact details as written
 * by the sender.
 */
export interface EdxmlOrgan {
  /**
   * The agency's code on the national document axis (OrganId, e.g. `000.00.01.H29`); undefined when
   * the element is missing or empty. Not checked against any register: see `organIdWellFormed`.
   */
  readonly organId?: string;
  /** The OrganId has the shape DDD.CC.BB.Xnn (QĐ 20/2020/QĐ-TTg). */
  readonly organIdWellFormed: boolean;
  /** The agency's name as written (OrganName), in Vietnamese. */
  readonly organName?: string;
  /** The superior agency that governs this one (OrganizationInCharge), as written. */
  readonly organizationInCharge?: string;
  /** Postal address (OrganAdd), as written. */
  readonly organAdd?: string;
  /** Contact e-mail (Email), as written; not validated. */
  readonly email?: string;
  /** Contact telephone (Telephone), as written. */
  readonly telephone?: string;
  /** Contact fax (Fax), as written. */
  readonly fax?: string;
  /** Website (Website), as written; never fetched. */
  readonly website?: string;
}

/** A date from the header, kept as the sender wrote it and, when it could be read, normalised. */
export interface EdxmlDate {
  /** As written: `yyyy/MM/dd`, `dd/MM/yyyy`, `yyyy-MM-dd`. */
  readonly raw: string;
  /** `yyyy-MM-dd`, when the date could be read. */
  readonly iso?: string;
}

/**
 * The document's number and notation (Code: "số" and "ký hiệu"), which together identify it within
 * its agency, e.g. `12` and `QĐ-UBND`.
 */
export interface EdxmlCode {
  /** The number ("số", CodeNumber), as written, e.g. `12`. */
  readonly codeNumber?: string;
  /** The notation ("ký hiệu", CodeNotation), as written, e.g. `QĐ-UBND`. */
  readonly codeNotation?: string;
}

/** Where and when the document was issued (PromulgationInfo). */
export interface EdxmlPromulgationInfo {
  /** The place of issue (Place), as written, e.g. `Hà Nội`. */
  readonly place?: string;
  /** The date of issue (PromulgationDate); undefined when absent or empty. */
  readonly promulgationDate?: EdxmlDate;
}

/** What kind of document this is (DocumentType): the codes and name the sender gave it. */
export interface EdxmlDocumentType {
  /** The type code (Type), as written; kyso does not check it against the code list. */
  readonly type?: string;
  /** The detailed type code (TypeDetail), as written. */
  readonly typeDetail?: string;
  /** The type's name (TypeName), e.g. `Quyết định`, `Công văn`. */
  readonly typeName?: string;
}

/**
 * Who signed the document on paper, as the sender declares it (SignerInfo). A declaration, not a
 * verified identity: the signatures' `signer` is what a certificate proves.
 */
export interface EdxmlSignerInfo {
  /** The signing authority (Competence), e.g. `TM.` (on behalf of) or `KT.` (deputising), as written. */
  readonly competence?: string;
  /** The signer's position (Position), e.g. `Chủ tịch`, as written. */
  readonly position?: string;
  /** The signer's full name (FullName), as written. */
  readonly fullName?: string;
}

/**
 * One hop of the package over the document axis (TraceHeader): the axis appends one per agency it
 * passes through, after signing.
 */
export interface EdxmlTraceHeader {
  /** The agency the package passed through (OrganId). */
  readonly organId?: string;
  /** When it passed, as written by the axis (Timestamp); not parsed. */
  readonly timestamp?: string;
}

/** BussinessDocType: 0 new, 1 revoke, 2 update, 3 replace. */
export interface EdxmlBusiness {
  /**
   * `0` new, `1` revoke, `2` update, `3` replace (BussinessDocType, spelt as in the standard), as
   * written.
   */
  readonly bussinessDocType?: string;
  /** Why the document is revoked, updated or replaced (BussinessDocReason), as written. */
  readonly bussinessDocReason?: string;
  /** The DocumentId of the document this one revokes, updates or replaces. */
  readonly documentId?: string;
  /** Whether a paper copy is also sent (Paper), as written (`0` or `1`). */
  readonly paper?: string;
}

/** What a status message answers. */
export interface EdxmlResponseFor {
  /** The agency that sent the document being answered (OrganId). */
  readonly organId?: string;
  /** The answered document's number and notation (Code), as one string. */
  readonly code?: string;
  /** The answered document's date of issue. */
  readonly promulgationDate?: EdxmlDate;
  /** The answered document's DocumentId. */
  readonly documentId?: string;
}

/**
 * The edXML MessageHeader and TraceHeaderList as the sender wrote them. Nothing here is proven by
 * itself: the report's `metadata` says which of these fields a signature that passed protects.
 */
export interface EdxmlHeader {
  /** The sending agency (From); undefined when the header names none. */
  readonly from?: EdxmlOrgan;
  /** The receiving agencies (To), in document order; empty when none is named. */
  readonly to: readonly EdxmlOrgan[];
  /**
   * The document's identifier on the axis (DocumentId,
   * `OrganId,yyyy/MM/dd,CodeNumber/CodeNotation`), as written; not split or checked.
   */
  readonly documentId?: string;
  /** The document's number and notation (Code). */
  readonly code?: EdxmlCode;
  /** Where and when the document was issued (PromulgationInfo). */
  readonly promulgationInfo?: EdxmlPromulgationInfo;
  /** The kind of document (DocumentType). */
  readonly documentType?: EdxmlDocumentType;
  /** The summary line ("trích yếu", Subject), as written. */
  readonly subject?: string;
  /** Free text about the document (Content), as written. */
  readonly content?: string;
  /** Who signed, as declared by the sender (SignerInfo); not a verified identity. */
  readonly signerInfo?: EdxmlSignerInfo;
  /** The deadline for handling the document (DueDate). */
  readonly dueDate?: EdxmlDate;
  /** The steering type code (SteeringType), as written; kyso does not interpret it. */
  readonly steeringType?: string;
  /** The recipients listed for information (ToPlaces/Place), as text; empty when none. */
  readonly toPlaces: readonly string[];
  /** For a status package: the document it answers (ResponseFor). */
  readonly responseFor?: EdxmlResponseFor;
  /** Status packages: 01 arrived … 16 recall refused. */
  readonly statusCode?: string;
  /** A status package's free-text explanation (Description). */
  readonly description?: string;
  /** A status package's own time (Timestamp), as written; not parsed. */
  readonly timestamp?: string;
  /**
   * The hops over the axis (TraceHeaderList), in order. Added after signing, so they are never
   * covered by a document signature.
   */
  readonly traceHeaders: readonly EdxmlTraceHeader[];
  /** Revocation, update or replacement information (Bussiness); undefined for an ordinary new document. */
  readonly business?: EdxmlBusiness;
}

/** One entry of the edXML manifest (edXMLManifest/Reference): an attachment the package declares. */
export interface EdxmlManifestEntry {
  /** Without the `cid:` prefix. */
  readonly contentId: string;
  /** The declared media type, as written. Not trusted: kyso detects a format from the bytes. */
  readonly contentType?: string;
  /** The declared description, as written. */
  readonly description?: string;
  /** The declared file name, as written. */
  readonly attachmentName?: string;
}

/**
 * One attachment found in the package (AttachmentEncoded/Attachment), whether or not the manifest
 * declares it.
 */
export interface EdxmlAttachmentInfo {
  /** Its ContentId without `cid:`, which ties it to a manifest entry; undefined when missing. */
  readonly contentId?: string;
  /**
   * Its file name: AttachmentName, else the manifest's name for it, else its ContentId, else
   * `attachment-N` (N counting from 1 in document order); the attachment's report goes by it.
   */
  readonly name: string;
  /** The declared media type (its own, else the manifest's), as written; not trusted (kyso detects the format from the bytes). */
  readonly contentType?: string;
  /** Decoded size, bytes (undefined when the content could not be decoded). */
  readonly size?: number;
}

/**
 * An edXML package read into a typed model: header, manifest and attachments, as found. Reading it
 * proves nothing; what signatures protect is in the document details' `metadata`.
 */
export interface EdxmlPackage {
  /** `status` for status messages (StatusCode, no body), else `document`. */
  readonly kind: 'document' | 'status';
  /** The envelope header (MessageHeader and TraceHeaderList). */
  readonly header: EdxmlHeader;
  /** The declared attachments (edXMLManifest), in document order. */
  readonly manifest: readonly EdxmlManifestEntry[];
  /** The attachments actually present, in document order; each is verified as a document of its own. */
  readonly attachments: readonly EdxmlAttachmentInfo[];
}
