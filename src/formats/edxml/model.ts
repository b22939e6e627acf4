/**
 * The typed edXML envelope (QCVN 102:2016/BTTTT, amended 2022). Every field is
 * optional: real senders omit, reorder and misspell, and the model records what is
 * there. Text is trimmed; empty elements read as absent. Dates are kept as written
 * and, when readable, as ISO `yyyy-MM-dd`.
 */

export interface EdxmlOrgan {
  readonly organId?: string;
  /** The OrganId has the shape DDD.CC.BB.Xnn (QĐ 20/2020/QĐ-TTg). */
  readonly organIdWellFormed: boolean;
  readonly organName?: string;
  readonly organizationInCharge?: string;
  readonly organAdd?: string;
  readonly email?: string;
  readonly telephone?: string;
  readonly fax?: string;
  readonly website?: string;
}

export interface EdxmlDate {
  /** As written: `yyyy/MM/dd`, `dd/MM/yyyy`, `yyyy-MM-dd`. */
  readonly raw: string;
  /** `yyyy-MM-dd`, when the date could be read. */
  readonly iso?: string;
}

export interface EdxmlCode {
  readonly codeNumber?: string;
  readonly codeNotation?: string;
}

export interface EdxmlPromulgationInfo {
  readonly place?: string;
  readonly promulgationDate?: EdxmlDate;
}

export interface EdxmlDocumentType {
  readonly type?: string;
  readonly typeDetail?: string;
  readonly typeName?: string;
}

export interface EdxmlSignerInfo {
  readonly competence?: string;
  readonly position?: string;
  readonly fullName?: string;
}

export interface EdxmlTraceHeader {
  readonly organId?: string;
  readonly timestamp?: string;
}

/** BussinessDocType: 0 new, 1 revoke, 2 update, 3 replace. */
export interface EdxmlBusiness {
  readonly bussinessDocType?: string;
  readonly bussinessDocReason?: string;
  readonly documentId?: string;
  readonly paper?: string;
}

/** What a status message answers. */
export interface EdxmlResponseFor {
  readonly organId?: string;
  readonly code?: string;
  readonly promulgationDate?: EdxmlDate;
  readonly documentId?: string;
}

export interface EdxmlHeader {
  readonly from?: EdxmlOrgan;
  readonly to: readonly EdxmlOrgan[];
  readonly documentId?: string;
  readonly code?: EdxmlCode;
  readonly promulgationInfo?: EdxmlPromulgationInfo;
  readonly documentType?: EdxmlDocumentType;
  readonly subject?: string;
  readonly content?: string;
  readonly signerInfo?: EdxmlSignerInfo;
  readonly dueDate?: EdxmlDate;
  readonly steeringType?: string;
  readonly toPlaces: readonly string[];
  readonly responseFor?: EdxmlResponseFor;
  /** Status packages: 01 arrived … 16 recall refused. */
  readonly statusCode?: string;
  readonly description?: string;
  readonly timestamp?: string;
  readonly traceHeaders: readonly EdxmlTraceHeader[];
  readonly business?: EdxmlBusiness;
}

export interface EdxmlManifestEntry {
  /** Without the `cid:` prefix. */
  readonly contentId: string;
  readonly contentType?: string;
  readonly description?: string;
  readonly attachmentName?: string;
}

export interface EdxmlAttachmentInfo {
  readonly contentId?: string;
  readonly name: string;
  readonly contentType?: string;
  /** Decoded size, bytes (undefined when the content could not be decoded). */
  readonly size?: number;
}

export interface EdxmlPackage {
  /** `status` for status messages (StatusCode, no body), else `document`. */
  readonly kind: 'document' | 'status';
  readonly header: EdxmlHeader;
  readonly manifest: readonly EdxmlManifestEntry[];
  readonly attachments: readonly EdxmlAttachmentInfo[];
}
