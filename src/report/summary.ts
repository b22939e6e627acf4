/**
 * Short human summaries of a report, in Vietnamese or English: one line per document
 * and one per signature, as `kyso verify` prints them, plus the reasons behind a
 * verdict. For a document-management system to show next to an upload without
 * writing its own wording.
 */
import type { DocumentIndication, SubIndication } from './indications.js';
import type { Message, Severity } from './messages.js';
import type { DocumentReport, SignatureReport } from './types.js';

/** The languages kyso writes: Vietnamese and English. */
export type Lang = 'vi' | 'en';

/**
 * The words of a verdict line. `kyso verify` prints these lines as they are (src/cli
 * uses `summarize`), so the CLI and a DMS showing `summarize()` cannot drift apart.
 */
const WORDS = {
  vi: {
    TOTAL_PASSED: 'HỢP LỆ',
    TOTAL_FAILED: 'KHÔNG HỢP LỆ',
    INDETERMINATE: 'CHƯA XÁC ĐỊNH',
    NO_SIGNATURE: 'KHÔNG CÓ CHỮ KÝ SỐ',
    document: 'Văn bản',
    attachment: 'Tệp đính kèm',
    signedBy: 'người ký',
    packageSignature: 'chữ ký số của gói',
    packageSignatureAbsent: 'không có',
    format: { cms: 'chữ ký CMS', cmsDetached: 'chữ ký CMS tách rời', cmsAttached: 'chữ ký CMS kèm nội dung', pdf: 'PDF', xml: 'XML', edxml: 'gói edXML', zip: 'tệp ZIP', unknown: 'không nhận ra định dạng' },
  },
  en: {
    TOTAL_PASSED: 'PASSED',
    TOTAL_FAILED: 'FAILED',
    INDETERMINATE: 'INDETERMINATE',
    NO_SIGNATURE: 'NO SIGNATURE',
    document: 'Document',
    attachment: 'Attachment',
    signedBy: 'signed by',
    packageSignature: 'package signature',
    packageSignatureAbsent: 'absent',
    format: { cms: 'CMS signature', cmsDetached: 'detached CMS signature', cmsAttached: 'CMS signature with its content inside', pdf: 'PDF', xml: 'XML', edxml: 'edXML package', zip: 'ZIP file', unknown: 'format not recognised' },
  },
} as const;

/** The verdict word alone: `HỢP LỆ`, `FAILED`. */
export function indicationWord(indication: DocumentIndication, lang: Lang): string {
  return WORDS[lang][indication];
}

/**
 * What kind of document it is, in words: `gói edXML`, `detached CMS signature`, `format not
 * recognised`. A CMS file says whether its content was given beside it or carried inside
 * (a .p7m), which its details tell.
 */
export function formatName(report: Pick<DocumentReport, 'format' | 'details'>, lang: Lang): string {
  const words = WORDS[lang].format;
  if (report.details?.kind === 'cms') return report.details.detached ? words.cmsDetached : words.cmsAttached;
  return words[report.format] ?? report.format;
}

/** Options of `summarize`. */
export interface SummaryOptions {
  /** Language of the lines; default `en`. */
  readonly lang?: Lang;
  /** What to call the document on its line (a file name, an upload's name); default "Document" / "Tài liệu". */
  readonly name?: string;
}

/** One signature in a summary. */
export interface SignatureSummary {
  /** The signature's `id` in the report. */
  readonly id: string;
  /** The signature's indication. */
  readonly indication: SignatureReport['indication'];
  /** The signature's sub-indication, if any. */
  readonly subIndication?: SubIndication;
  /** e.g. `• SigPerson (pades): PASSED (TOTAL_PASSED) — signed by Nguyễn Văn A`. */
  readonly line: string;
  /** Why the signature has its verdict: its errors and warnings, as `describe` writes them. */
  readonly reasons: readonly string[];
}

/** One document in a summary. */
export interface DocumentSummary {
  /** The document's indication. */
  readonly indication: DocumentIndication;
  /** The document's sub-indication, if any. */
  readonly subIndication?: SubIndication;
  /**
   * e.g. `✔ contract.pdf: PASSED (TOTAL_PASSED) — PDF`; ✔ passed, ✘ failed, ? otherwise. An
   * edXML package's line ends with its package signature's own indication
   * (`; package signature: FAILED (TOTAL_FAILED/HASH_FAILURE)`), which the verdict leaves
   * out unless `policy.packageSignature` is `require`.
   */
  readonly line: string;
  /** Errors and warnings about the document as a whole, as `describe` writes them. */
  readonly reasons: readonly string[];
  /** One per signature, in report order. */
  readonly signatures: readonly SignatureSummary[];
  /** Carried documents (edXML attachments, ZIP entries), each summarised the same way. */
  readonly attachments: readonly DocumentSummary[];
  /** Every line above, indented as `kyso verify` prints them: the document, its reasons, each signature with its reasons, then the attachments. */
  readonly lines: readonly string[];
}

/** The verdict word with its ETSI code: `PASSED (TOTAL_PASSED)`, `FAILED (TOTAL_FAILED/HASH_FAILURE)`. */
export function verdictText(indication: DocumentIndication, subIndication: SubIndication | undefined, lang: Lang): string {
  const code = subIndication ? `${indication}/${subIndication}` : indication;
  const word: string = WORDS[lang][indication];
  // The English word for INDETERMINATE is its code: say it once.
  return word === indication ? code : `${word} (${code})`;
}

/** An edXML package signature's own verdict (`FAILED (TOTAL_FAILED/HASH_FAILURE)`, or `absent`); undefined for anything but a package. */
export function packageSignatureText(report: Pick<DocumentReport, 'packageSignature'>, lang: Lang): string | undefined {
  const layer = report.packageSignature;
  if (!layer) return undefined;
  return layer.indication ? verdictText(layer.indication, layer.subIndication, lang) : WORDS[lang].packageSignatureAbsent;
}

/** Options of `describe`. */
export interface DescribeOptions {
  /** Which severities to include; default errors and warnings (the reasons, not the record of what passed). */
  readonly severities?: readonly Severity[];
  /** Append the message code in brackets, as the CLI does; default true. */
  readonly codes?: boolean;
}

/**
 * The reasons in `messages`, one line each in `lang`: `✘` for errors, `!` for warnings,
 * `·` for information, then the text and the code (`✘ The document was changed after
 * signing. [CMS_DIGEST_MISMATCH]`). Repeated messages are written once.
 */
export function describe(messages: readonly Message[], lang: Lang, options: DescribeOptions = {}): string[] {
  const severities = options.severities ?? ['error', 'warning'];
  const codes = options.codes ?? true;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const message of messages) {
    if (!severities.includes(message.severity)) continue;
    const mark = message.severity === 'error' ? '✘' : message.severity === 'warning' ? '!' : '·';
    const line = `${mark} ${lang === 'vi' ? message.vi : message.en}${codes ? ` [${message.code}]` : ''}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return lines;
}

function signatureSummary(signature: SignatureReport, lang: Lang): SignatureSummary {
  const signer = signature.signer ? ` — ${WORDS[lang].signedBy} ${signature.signer.commonName ?? signature.signer.subject}` : '';
  return {
    id: signature.id,
    indication: signature.indication,
    ...(signature.subIndication ? { subIndication: signature.subIndication } : {}),
    line: `• ${signature.id} (${signature.format}): ${verdictText(signature.indication, signature.subIndication, lang)}${signer}`,
    reasons: describe(signature.messages, lang),
  };
}

function documentSummary(report: DocumentReport, name: string, lang: Lang, indent: string): DocumentSummary {
  const mark = report.indication === 'TOTAL_PASSED' ? '✔' : report.indication === 'TOTAL_FAILED' ? '✘' : '?';
  const layer = packageSignatureText(report, lang);
  const line = `${mark} ${name}: ${verdictText(report.indication, report.subIndication, lang)} — ${formatName(report, lang)}${layer ? `; ${WORDS[lang].packageSignature}: ${layer}` : ''}`;
  const reasons = describe(report.messages, lang);
  const signatures = report.signatures.map((signature) => signatureSummary(signature, lang));
  const inner = `${indent}  `;
  const attachments = (report.attachments ?? []).map((attachment) => documentSummary(attachment, `${WORDS[lang].attachment} ${attachment.name}`, lang, inner));
  const lines = [
    `${indent}${line}`,
    ...reasons.map((reason) => `${indent}    ${reason}`),
    ...signatures.flatMap((signature) => [`${inner}${signature.line}`, ...signature.reasons.map((reason) => `${inner}    ${reason}`)]),
    ...attachments.flatMap((attachment) => attachment.lines),
  ];
  return {
    indication: report.indication,
    ...(report.subIndication ? { subIndication: report.subIndication } : {}),
    line,
    reasons,
    signatures,
    attachments,
    lines,
  };
}

/**
 * A short summary of a report: one line for the document, one per signature, with the
 * reasons, in Vietnamese or English. Plain data, so it can be stored beside the report
 * or joined with `\n` for display:
 *
 * ```ts
 * const summary = summarize(report, { lang: 'vi', name: upload.filename });
 * console.log(summary.lines.join('\n'));
 * ```
 */
export function summarize(report: DocumentReport, options: SummaryOptions = {}): DocumentSummary {
  const lang = options.lang ?? 'en';
  if (lang !== 'vi' && lang !== 'en') throw new TypeError(`summarize: lang must be 'vi' or 'en', not ${String(lang)}`);
  return documentSummary(report, options.name ?? WORDS[lang].document, lang, '');
}
