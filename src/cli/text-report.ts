/** The human-readable report: one verdict per document, then each signature with its reasons. */
import type { Message } from '../report/messages.js';
import type { CertificateInfo, DocumentReport, SignatureReport } from '../report/types.js';

export type Lang = 'vi' | 'en';

const WORDS = {
  vi: {
    TOTAL_PASSED: 'HỢP LỆ',
    TOTAL_FAILED: 'KHÔNG HỢP LỆ',
    INDETERMINATE: 'CHƯA XÁC ĐỊNH',
    NO_SIGNATURE: 'KHÔNG CÓ CHỮ KÝ',
    signer: 'Người ký',
    chain: 'Chuỗi chứng thư',
    claimed: 'thời điểm ký tự khai',
    timestamp: 'dấu thời gian',
    noTimestamp: 'không có dấu thời gian',
    coverage: 'Phạm vi ký',
    appearance: 'Trường {field} (trang {page}, bản sửa đổi {revision}/{revisions}), lý do: {reason}, nơi ký: {location}',
    changes: 'Thay đổi sau khi ký',
    attachment: 'Tệp đính kèm',
    roles: 'Nghị định 30: chữ ký cá nhân {person}, chữ ký cơ quan {organization}, đủ {complete}',
    yes: 'có',
    no: 'không',
    role: { person: 'cá nhân', organization: 'cơ quan, tổ chức', unknown: 'chưa rõ' },
    summary: 'Tổng cộng {total} tài liệu: {passed} hợp lệ, {failed} không hợp lệ, {indeterminate} chưa xác định, {unsigned} không có chữ ký.',
    skipped: 'Bỏ qua {count} tệp không phải tài liệu.',
    validationTime: 'Thời điểm kiểm tra',
    envelope: 'Gói edXML: từ {from} gửi {to}; văn bản số {code}, ngày {date}, {type}',
    subject: 'Trích yếu: {subject}',
    packageSignature: 'Chữ ký của gói: {state}',
    packageStates: { absent: 'không có', valid: 'hợp lệ', 'content-changed': 'giá trị chữ ký đúng nhưng nội dung đã thay đổi', invalid: 'không hợp lệ', unverifiable: 'không kiểm tra được' },
    metadataSigned: 'Thông tin được chữ ký hợp lệ bảo vệ: {fields}',
    metadataUnsigned: 'Thông tin KHÔNG được chữ ký hợp lệ bảo vệ: {fields}',
    none: 'không có',
  },
  en: {
    TOTAL_PASSED: 'PASSED',
    TOTAL_FAILED: 'FAILED',
    INDETERMINATE: 'INDETERMINATE',
    NO_SIGNATURE: 'NO SIGNATURE',
    signer: 'Signer',
    chain: 'Chain',
    claimed: 'claimed signing time',
    timestamp: 'timestamp',
    noTimestamp: 'no timestamp',
    coverage: 'Coverage',
    appearance: 'Field {field} (page {page}, revision {revision} of {revisions}), reason: {reason}, location: {location}',
    changes: 'Changes after signing',
    attachment: 'Attachment',
    roles: 'Decree 30: person signature {person}, organisation signature {organization}, complete {complete}',
    yes: 'yes',
    no: 'no',
    role: { person: 'person', organization: 'organisation', unknown: 'unknown' },
    summary: '{total} documents: {passed} passed, {failed} failed, {indeterminate} indeterminate, {unsigned} without signature.',
    skipped: 'Skipped {count} files that are not documents.',
    validationTime: 'Validation time',
    envelope: 'edXML package: from {from} to {to}; document {code} of {date}, {type}',
    subject: 'Subject: {subject}',
    packageSignature: 'Package signature: {state}',
    packageStates: { absent: 'absent', valid: 'valid', 'content-changed': 'signature value valid but content changed', invalid: 'invalid', unverifiable: 'cannot be verified' },
    metadataSigned: 'Metadata protected by a valid signature: {fields}',
    metadataUnsigned: 'Metadata NOT protected by a valid signature: {fields}',
    none: 'none',
  },
} as const;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

function verdict(indication: string, sub: string | undefined, lang: Lang): string {
  const word = WORDS[lang][indication as keyof (typeof WORDS)['en']] ?? indication;
  const code = sub ? `${indication}/${sub}` : indication;
  return word === code ? word : word === indication ? `${code}` : `${word} (${code})`;
}

function certificateName(certificate: CertificateInfo): string {
  return certificate.commonName ?? certificate.subject;
}

function messageLines(messages: readonly Message[], lang: Lang, indent: string): string[] {
  return messages.filter((m) => m.severity !== 'info').map((m) => `${indent}${m.severity === 'error' ? '✘' : '!'} ${lang === 'vi' ? m.vi : m.en} [${m.code}]`);
}

function signatureLines(signature: SignatureReport, lang: Lang, indent: string): string[] {
  const w = WORDS[lang];
  const lines = [`${indent}• ${signature.id} (${signature.format}): ${verdict(signature.indication, signature.subIndication, lang)}`];
  const inner = `${indent}    `;
  if (signature.signer) {
    const ids = signature.signer.identifiers.map((i) => `${i.type}:${i.value}`).join(', ');
    lines.push(`${inner}${w.signer}: ${certificateName(signature.signer)}${ids ? ` [${ids}]` : ''} — ${w.role[signature.signer.role]}`);
  }
  if (signature.chain.length > 0) lines.push(`${inner}${w.chain}: ${signature.chain.map(certificateName).join(' → ')}`);
  const times: string[] = [];
  if (signature.times.claimedSigningTime) times.push(`${w.claimed} ${signature.times.claimedSigningTime}`);
  times.push(signature.times.timestampTime ? `${w.timestamp} ${signature.times.timestampTime}` : w.noTimestamp);
  lines.push(`${inner}${times.join('; ')}`);
  const details = signature.details as Loose;
  if (details && typeof details['fieldName'] === 'string') {
    const page = typeof details['pageIndex'] === 'number' ? String(details['pageIndex'] + 1) : '?';
    lines.push(
      `${inner}${fill(w.appearance, {
        field: text(details['fieldName']),
        page,
        revision: String(details['revision'] ?? '?'),
        revisions: String(details['revisions'] ?? '?'),
        reason: text(details['reason']),
        location: text(details['location']),
      })}`,
    );
  }
  if (signature.coverage) lines.push(`${inner}${w.coverage}: ${signature.coverage.level}`);
  if (signature.modifications && signature.modifications.level !== 'none') {
    lines.push(`${inner}${w.changes}: ${signature.modifications.level}`);
  }
  lines.push(...messageLines(signature.messages, lang, inner));
  return lines;
}

type Loose = Record<string, unknown> | undefined;

function field(record: Loose, ...path: string[]): unknown {
  let value: unknown = record;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function text(value: unknown): string {
  return typeof value === 'string' && value.length > 0 ? value : '?';
}

/** The edXML envelope as the metrics see it, and which of its fields a valid signature protects. */
function edxmlLines(details: Loose, lang: Lang, indent: string): string[] {
  const w = WORDS[lang];
  const header = field(details, 'edxml', 'header') as Loose;
  if (!header) return [];
  const organ = (o: unknown) => `${text(field(o as Loose, 'organName'))} (${text(field(o as Loose, 'organId'))})`;
  const to = Array.isArray(header['to']) ? (header['to'] as unknown[]).map(organ).join(', ') : '?';
  const code = `${text(field(header, 'code', 'codeNumber'))}/${text(field(header, 'code', 'codeNotation'))}`;
  const date = text(field(header, 'promulgationInfo', 'promulgationDate', 'iso') ?? field(header, 'promulgationInfo', 'promulgationDate', 'raw'));
  const lines = [
    `${indent}${fill(w.envelope, { from: organ(header['from']), to, code, date, type: text(field(header, 'documentType', 'typeName')) })}`,
    `${indent}${fill(w.subject, { subject: text(header['subject']) })}`,
  ];
  const state = field(details, 'packageSignature', 'state');
  if (typeof state === 'string') {
    lines.push(`${indent}${fill(w.packageSignature, { state: (w.packageStates as Record<string, string>)[state] ?? state })}`);
  }
  const metadata = field(details, 'metadata');
  if (typeof metadata === 'object' && metadata !== null) {
    const entries = Object.entries(metadata as Record<string, { covered?: boolean; value?: unknown }>).filter(([, facts]) => facts.value !== undefined);
    const signed = entries.filter(([, facts]) => facts.covered).map(([name]) => name);
    const unsigned = entries.filter(([, facts]) => !facts.covered).map(([name]) => name);
    lines.push(`${indent}${fill(w.metadataSigned, { fields: signed.join(', ') || w.none })}`);
    if (unsigned.length > 0) lines.push(`${indent}${fill(w.metadataUnsigned, { fields: unsigned.join(', ') })}`);
  }
  return lines;
}

export function documentLines(path: string, report: DocumentReport, lang: Lang, indent = ''): string[] {
  const w = WORDS[lang];
  const mark = report.indication === 'TOTAL_PASSED' ? '✔' : report.indication === 'TOTAL_FAILED' ? '✘' : '?';
  const lines = [`${indent}${mark} ${path}: ${verdict(report.indication, report.subIndication, lang)} [${report.format}]`];
  lines.push(...messageLines(report.messages, lang, `${indent}    `));
  if (report.format === 'edxml') lines.push(...edxmlLines(report.details as Loose, lang, `${indent}  `));
  for (const signature of report.signatures) lines.push(...signatureLines(signature, lang, `${indent}  `));
  if (report.signatures.length > 0 && report.format !== 'edxml' && report.format !== 'zip') {
    const yn = (b: boolean) => (b ? w.yes : w.no);
    lines.push(`${indent}  ${fill(w.roles, { person: yn(report.roles.person), organization: yn(report.roles.organization), complete: yn(report.roles.complete) })}`);
  }
  for (const attachment of report.attachments ?? []) {
    lines.push(...documentLines(`${w.attachment} ${attachment.name}`, attachment, lang, `${indent}  `));
  }
  return lines;
}

export interface Tally {
  total: number;
  passed: number;
  failed: number;
  indeterminate: number;
  unsigned: number;
}

export function summaryLines(tally: Tally, skipped: number, validationTime: string, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines = [fill(w.summary, { ...tally })];
  if (skipped > 0) lines.push(fill(w.skipped, { count: skipped }));
  lines.push(`${w.validationTime}: ${validationTime}`);
  return lines;
}
