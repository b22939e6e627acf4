/** The human-readable report: one verdict line per document, its reasons indented below. */
import type { Message } from '../report/messages.js';
import { describe, summarize, verdictText as summaryVerdictText, type DocumentSummary, type SignatureSummary } from '../report/summary.js';
import type { CertificateInfo, DocumentReport, SignatureReport } from '../report/types.js';
import { readerTime } from './time.js';
import type { Counts, Lang } from './words.js';
import { fill, WORDS } from './words.js';

export type { Lang } from './words.js';

/**
 * The warning every signature carries when kyso ran offline and the revocation status
 * could not be checked. On a signature that passed it is one sentence in the summary
 * instead of a `!` under every valid document.
 */
const OFFLINE_REVOCATION_CODES = new Set(['PKI_REVOCATION_NOT_FOUND', 'PKI_REVOCATION_STALE_EMBEDDED']);

export interface TextOptions {
  readonly lang: Lang;
  /** Counts signatures whose offline revocation warning was folded into the summary. */
  readonly onRevocationNotChecked?: () => void;
}

type Loose = Record<string, unknown> | undefined;

function field(record: unknown, ...path: string[]): unknown {
  let value: unknown = record;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value : undefined;
}

/** The verdict as summarize() writes it (report/summary.ts); `ERROR` is the CLI's own: a file that could not be read. */
export function verdictText(indication: DocumentReport['indication'] | 'ERROR', sub: DocumentReport['subIndication'], lang: Lang): string {
  return indication === 'ERROR' ? WORDS[lang].verdict.ERROR : summaryVerdictText(indication, sub, lang);
}

export function markOf(indication: DocumentReport['indication'] | 'ERROR'): string {
  return indication === 'TOTAL_PASSED' ? '✔' : indication === 'TOTAL_FAILED' || indication === 'ERROR' ? '✘' : '?';
}

function certificateName(certificate: CertificateInfo): string {
  return certificate.commonName ?? certificate.subject;
}

/** The reasons, as summarize() writes them (describe()). */
function messageLines(messages: readonly Message[], lang: Lang, indent: string): string[] {
  return describe(messages, lang).map((line) => `${indent}${line}`);
}

function signatureLines(signature: SignatureReport, summary: SignatureSummary, options: TextOptions, indent: string): string[] {
  const { lang } = options;
  const w = WORDS[lang];
  // The verdict line is summarize()'s: id, format, verdict, signer's name.
  const lines = [`${indent}${summary.line}`];
  const inner = `${indent}    `;
  if (signature.signer) {
    const ids = signature.signer.identifiers.map((i) => `${i.type}:${i.value}`).join(', ');
    // The name is on the verdict line above; here what identifies the signer and the role.
    lines.push(`${inner}${w.signer}: ${ids ? `${ids} — ` : ''}${w.role[signature.signer.role]}`);
  }
  if (signature.chain.length > 0) lines.push(`${inner}${w.chain}: ${signature.chain.map(certificateName).join(' → ')}`);
  const times: string[] = [];
  if (signature.times.claimedSigningTime) times.push(`${w.claimed}: ${readerTime(signature.times.claimedSigningTime, lang)}`);
  times.push(signature.times.timestampTime ? `${w.timestamp}: ${readerTime(signature.times.timestampTime, lang)}` : w.noTimestamp);
  lines.push(`${inner}${times.join('; ')}`);
  const details = signature.details as Loose;
  const fieldName = text(field(details, 'fieldName'));
  if (fieldName) {
    const parts = [fill(w.field, { field: fieldName })];
    const pageIndex = field(details, 'pageIndex');
    if (typeof pageIndex === 'number') parts.push(fill(w.page, { page: pageIndex + 1 }));
    const revision = field(details, 'revision');
    const revisions = field(details, 'revisions');
    if (typeof revision === 'number' && typeof revisions === 'number') parts.push(fill(w.revision, { revision, revisions }));
    const reason = text(field(details, 'reason'));
    if (reason) parts.push(fill(w.reason, { reason }));
    const location = text(field(details, 'location'));
    if (location) parts.push(fill(w.location, { location }));
    lines.push(`${inner}${parts.join(', ')}`);
  }
  if (signature.coverage) lines.push(`${inner}${w.coverage}: ${w.coverageLevel[signature.coverage.level] ?? signature.coverage.level}`);
  if (signature.modifications && signature.modifications.level !== 'none') {
    lines.push(`${inner}${w.changes}: ${w.changeLevel[signature.modifications.level] ?? signature.modifications.level}`);
  }
  let messages = signature.messages;
  if (signature.indication === 'TOTAL_PASSED' && messages.some((m) => OFFLINE_REVOCATION_CODES.has(m.code))) {
    messages = messages.filter((m) => !OFFLINE_REVOCATION_CODES.has(m.code));
    options.onRevocationNotChecked?.();
  }
  lines.push(...messageLines(messages, lang, inner));
  return lines;
}

/** The edXML envelope, and which of its fields a valid signature protects. Missing values are left out, not shown as `?`. */
function edxmlLines(details: Loose, lang: Lang, indent: string): string[] {
  const w = WORDS[lang];
  const header = field(details, 'edxml', 'header');
  if (!header) return [];
  const organ = (o: unknown): string | undefined => {
    const name = text(field(o, 'organName'));
    const id = text(field(o, 'organId'));
    return name && id ? `${name} (${id})` : (name ?? id);
  };
  const parts: string[] = [];
  const from = organ(field(header, 'from'));
  parts.push(fill(w.envelopeFrom, { from: from ?? '—' }));
  const toList = field(header, 'to');
  const to = Array.isArray(toList) ? toList.map(organ).filter((x): x is string => x !== undefined) : [];
  if (to.length > 0) parts.push(fill(w.envelopeTo, { to: to.join(', ') }));
  const number = text(field(header, 'code', 'codeNumber'));
  const notation = text(field(header, 'code', 'codeNotation'));
  if (number || notation) parts.push(fill(w.envelopeCode, { code: [number, notation].filter(Boolean).join('/') }));
  const iso = text(field(header, 'promulgationInfo', 'promulgationDate', 'iso'));
  const raw = text(field(header, 'promulgationInfo', 'promulgationDate', 'raw'));
  if (iso || raw) parts.push(fill(w.envelopeDate, { date: iso && lang === 'vi' ? iso.slice(0, 10).split('-').reverse().join('/') : (iso?.slice(0, 10) ?? raw!) }));
  const type = text(field(header, 'documentType', 'typeName'));
  if (type) parts.push(type);
  const lines = [`${indent}${parts.join('; ')}`];
  const subject = text(field(header, 'subject'));
  if (subject) lines.push(`${indent}${fill(w.subject, { subject })}`);
  const state = field(details, 'packageSignature', 'state');
  if (typeof state === 'string') lines.push(`${indent}${fill(w.packageSignature, { state: w.packageStates[state] ?? state })}`);
  const metadata = field(details, 'metadata');
  if (typeof metadata === 'object' && metadata !== null) {
    const entries = Object.entries(metadata as Record<string, { covered?: boolean; value?: unknown }>).filter(([, facts]) => facts.value !== undefined);
    const name = (key: string) => w.metadataField[key] ?? key;
    const signed = entries.filter(([, facts]) => facts.covered).map(([key]) => name(key));
    const unsigned = entries.filter(([, facts]) => !facts.covered).map(([key]) => name(key));
    lines.push(`${indent}${fill(w.metadataSigned, { fields: signed.join(', ') || w.none })}`);
    if (unsigned.length > 0) lines.push(`${indent}${fill(w.metadataUnsigned, { fields: unsigned.join(', ') })}`);
  }
  return lines;
}

/** The verdict line of a document: summarize()'s line (mark, path, verdict, format, package signature). */
export function verdictLine(path: string, report: DocumentReport, lang: Lang): string {
  return summarize(report, { lang, name: path }).line;
}

export function documentLines(path: string, report: DocumentReport, options: TextOptions): string[] {
  return summaryLines(report, summarize(report, { lang: options.lang, name: path }), options, '');
}

function summaryLines(report: DocumentReport, summary: DocumentSummary, options: TextOptions, indent: string): string[] {
  const { lang } = options;
  const w = WORDS[lang];
  const lines = [`${indent}${summary.line}`];
  lines.push(...messageLines(report.messages, lang, `${indent}    `));
  if (report.format === 'edxml') lines.push(...edxmlLines(report.details as Loose, lang, `${indent}  `));
  report.signatures.forEach((signature, i) => lines.push(...signatureLines(signature, summary.signatures[i]!, options, `${indent}  `)));
  // Decree 30/2020 is about official documents: its roles are shown for PDFs, not for XML invoices or bare .p7s.
  if (report.signatures.length > 0 && report.format === 'pdf') {
    const r = report.roles;
    lines.push(`${indent}  ${fill(w.roles, { person: w.rolePerson[String(r.person) as 'true' | 'false'], organization: w.roleOrganization[String(r.organization) as 'true' | 'false'] })}`);
  }
  (report.attachments ?? []).forEach((attachment, i) => lines.push(...summaryLines(attachment, summary.attachments[i]!, options, `${indent}  `)));
  return lines;
}

export function errorLines(path: string, error: { code: string; message: string }, lang: Lang): string[] {
  const w = WORDS[lang];
  return [`✘ ${path}: ${w.verdict.ERROR}`, `    ✘ ${fill(w.ioError, { message: w.ioReasons[error.code] ?? error.message, code: error.code })}`];
}

export interface Tally {
  readonly counts: Counts;
  readonly errors: number;
  readonly skipped: readonly { readonly path: string; readonly reason: string; readonly sameAs?: string }[];
  readonly revocationNotChecked: number;
  /** Revocation data was asked for (`--online` or `--revocation`): what did not cover a signature was looked for, not left out. */
  readonly revocationLookedFor: boolean;
  readonly interrupted: boolean;
}

export function tallyLines(tally: Tally, validationTime: Date, lang: Lang): string[] {
  const w = WORDS[lang];
  const c = tally.counts;
  const total = c.TOTAL_PASSED + c.TOTAL_FAILED + c.INDETERMINATE + c.NO_SIGNATURE;
  let head = `${w.summaryDocuments(total)}: ${w.summaryCounts(c)}`;
  if (tally.errors > 0) head += `; ${w.summaryErrors(tally.errors)}`;
  const lines = [`${head}.`];
  if (tally.skipped.length > 0) {
    lines.push(w.summarySkipped(tally.skipped.length));
    for (const skip of tally.skipped) {
      lines.push(`    ${skip.path} (${skip.sameAs ? fill(w.sameAs, { path: skip.sameAs }) : (w.skipReason[skip.reason] ?? skip.reason)})`);
    }
  }
  if (tally.revocationNotChecked > 0) lines.push((tally.revocationLookedFor ? w.revocationNotFound : w.revocationNotChecked)(tally.revocationNotChecked));
  if (tally.interrupted) lines.push(w.interrupted);
  const iso = validationTime.toISOString();
  lines.push(`${w.validationTime}: ${lang === 'vi' ? `${readerTime(iso, 'vi')} (${w.vietnamTime})` : readerTime(iso, 'en')}`);
  return lines;
}
