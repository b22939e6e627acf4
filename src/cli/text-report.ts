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
    changes: 'Thay đổi sau khi ký',
    attachment: 'Tệp đính kèm',
    roles: 'Nghị định 30: chữ ký cá nhân {person}, chữ ký cơ quan {organization}, đủ {complete}',
    yes: 'có',
    no: 'không',
    role: { person: 'cá nhân', organization: 'cơ quan, tổ chức', unknown: 'chưa rõ' },
    summary: 'Tổng cộng {total} tài liệu: {passed} hợp lệ, {failed} không hợp lệ, {indeterminate} chưa xác định, {unsigned} không có chữ ký.',
    skipped: 'Bỏ qua {count} tệp không phải tài liệu.',
    validationTime: 'Thời điểm kiểm tra',
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
    changes: 'Changes after signing',
    attachment: 'Attachment',
    roles: 'Decree 30: person signature {person}, organisation signature {organization}, complete {complete}',
    yes: 'yes',
    no: 'no',
    role: { person: 'person', organization: 'organisation', unknown: 'unknown' },
    summary: '{total} documents: {passed} passed, {failed} failed, {indeterminate} indeterminate, {unsigned} without signature.',
    skipped: 'Skipped {count} files that are not documents.',
    validationTime: 'Validation time',
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
  if (signature.coverage) lines.push(`${inner}${w.coverage}: ${signature.coverage.level}`);
  if (signature.modifications && signature.modifications.level !== 'none') {
    lines.push(`${inner}${w.changes}: ${signature.modifications.level}`);
  }
  lines.push(...messageLines(signature.messages, lang, inner));
  return lines;
}

export function documentLines(path: string, report: DocumentReport, lang: Lang, indent = ''): string[] {
  const w = WORDS[lang];
  const mark = report.indication === 'TOTAL_PASSED' ? '✔' : report.indication === 'TOTAL_FAILED' ? '✘' : '?';
  const lines = [`${indent}${mark} ${path}: ${verdict(report.indication, report.subIndication, lang)} [${report.format}]`];
  lines.push(...messageLines(report.messages, lang, `${indent}    `));
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
