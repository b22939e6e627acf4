/**
 * The e-invoice profile's report data (Decree 123/2020/NĐ-CP, Circular 78/2021/TT-BTC):
 * plain JSON, read by the metrics as typed facts. Every value is the text the message
 * holds, trimmed; nothing is normalised except the signing time's zone.
 */

import type { XmlSignatureDetails } from '../../report/details.js';

/**
 * The message kinds kyso recognises by their root element; `container` is a root of another
 * kind holding invoices (HDon) or notices (DLTBao), which the profile judges all the same.
 */
export type EinvoiceMessageKind = 'HDon' | 'TDiep' | 'BBan' | 'DLHDon' | 'container';

/** Who a signature speaks for, from the DSCKS child it sits in. */
export type EinvoiceRole = 'seller' | 'buyer' | 'tax-authority' | 'other';

/** One invoice (`HDon/DLHDon`): identity fields from `TTChung`, parties from `NDHDon`. */
export interface EinvoiceIdentity {
  /** KHMSHDon: invoice form (ký hiệu mẫu số). */
  readonly form?: string;
  /** KHHDon: series (ký hiệu hóa đơn). */
  readonly series?: string;
  /** SHDon: number. */
  readonly number?: string;
  /** NLap: date of issue, as written (yyyy-MM-dd). */
  readonly date?: string;
  /** NBan/MST. */
  readonly sellerTaxCode?: string;
  /** NBan/Ten: the seller's name, as written. */
  readonly sellerName?: string;
  /** NMua/MST (absent for a buyer without a tax code). */
  readonly buyerTaxCode?: string;
  /** MCCQT: the code the tax authority gave the invoice. */
  readonly taxAuthorityCode?: string;
  /** The DLHDon Id attribute. */
  readonly dataId?: string;
}

/** A tax-authority notice (`TBao/DLTBao`, or any `DLTBao`). */
export interface EinvoiceNotice {
  /** MSo: the notice form, e.g. `01/TB-KTDL`. */
  readonly form?: string;
  /** So: the notice's number, as written. */
  readonly number?: string;
  /** NTBao: the notice date. */
  readonly date?: string;
  /** MST: the taxpayer the notice is addressed to. */
  readonly taxCode?: string;
  /** TNNT: the taxpayer's name, as written. */
  readonly taxpayerName?: string;
}

/** `DocumentReport.details` of an e-invoice message. Values as found; what a signature protects is in each signature's `requiredCoverage` and `coverage`. */
export interface EinvoiceDocumentDetails {
  /** Which shape this is: narrow on it. */
  readonly kind: 'einvoice';
  /** The root element. */
  readonly message: EinvoiceMessageKind;
  /** TDiep/TTChung/MLTDiep: 100 registration, 200/202/203 invoices, 204 data-check notice, 300/301 … */
  readonly messageType?: string;
  /** TDiep/TTChung/MTDiep. */
  readonly messageId?: string;
  /** TDiep/TTChung/MNGui, MNNhan: sender and receiver codes (TCT = the tax authority). */
  readonly sender?: string;
  /** TDiep/TTChung/MNNhan: the receiver's code (TCT = the tax authority). */
  readonly receiver?: string;
  /** TDiep/TTChung/MST: the taxpayer the message concerns. */
  readonly taxCode?: string;
  /** The first invoice carried (most messages carry one). */
  readonly invoice?: EinvoiceIdentity;
  /** Every invoice carried (up to MAX_INVOICES), in document order. */
  readonly invoices: readonly EinvoiceIdentity[];
  /** Every tax-authority notice carried, in document order; empty for an invoice. */
  readonly notices: readonly EinvoiceNotice[];
}

/**
 * `SignatureReport.details` of a signature under an e-invoice message's `DSCKS`: the XMLDSig
 * facts plus the profile's. (A signature elsewhere in the message keeps `kind: 'xml'`.)
 * The XMLDSig facts are absent when the Signature element could not be read.
 */
export interface EinvoiceSignatureDetails extends Partial<Omit<XmlSignatureDetails, 'kind'>> {
  /** Which shape this is: narrow on it. */
  readonly kind: 'einvoice';
  /**
   * Whose signature this is, from the DSCKS child it sits in (`NBan` seller, `NMua` buyer, `CQT`
   * tax authority); `other` for any other child.
   */
  readonly role: EinvoiceRole;
  /** The DSCKS child it sits in: `NBan`, `NMua`, `CQT`, or another element's name. */
  readonly roleElement: string;
  /** SigningTime as written in the signed SignatureProperties. */
  readonly signingTimeText?: string;
  /** The same, read as Vietnam time (+07:00) when it carries no zone; ISO 8601 UTC. */
  readonly signingTime?: string;
  /** What the role's signature must cover (element names), and whether an intact reference does. */
  readonly requiredCoverage: readonly {
    /** The element the role's signature must cover, e.g. `DLHDon` for the seller. */
    readonly element: string;
    /** An intact Reference of this signature covers the element. */
    readonly covered: boolean;
  }[];
}
