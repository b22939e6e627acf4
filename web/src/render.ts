/**
 * Reports as HTML, for the page and for the exported report (one renderer for both).
 * Every value from a report is escaped: a document's metadata is hostile input. Fields the
 * page has no words for are still shown, generically, so new report fields appear as soon
 * as the core adds them.
 */
import type { CertificateInfo, DocumentDetails, DocumentReport, Message, SignatureReport } from '../../src/browser.js';
import { fill, type Lang, type Words, WORDS } from './i18n.js';

export interface DocumentEntry {
  readonly name: string;
  readonly content?: string;
  readonly size: number;
  readonly report?: DocumentReport;
  readonly failure?: string;
  readonly ms?: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

/** Vietnam time (UTC+7, no daylight saving), the way a Vietnamese reader expects it; the ISO form stays in the markup. */
export function time(iso: string | undefined, w: Words, lang: Lang): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return esc(iso);
  const local = new Date(date.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const [y, mo, d, h, mi, s] = [local.getUTCFullYear(), p(local.getUTCMonth() + 1), p(local.getUTCDate()), p(local.getUTCHours()), p(local.getUTCMinutes()), p(local.getUTCSeconds())];
  const shown = lang === 'vi' ? `${d}/${mo}/${y} ${h}:${mi}:${s}` : `${y}-${mo}-${d} ${h}:${mi}:${s}`;
  return `<time datetime="${esc(iso)}" title="${esc(iso)}">${shown} (${esc(w.vnTime)}, UTC+7)</time>`;
}

/** A calendar day in Vietnam time, for certificate validity. */
function day(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return esc(iso);
  const local = new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = local.split('-');
  return `<time datetime="${esc(iso)}" title="${esc(iso)}">${lang === 'vi' ? `${d}/${m}/${y}` : local}</time>`;
}

function word(map: Record<string, string>, key: string | undefined): string {
  if (key === undefined) return '';
  return esc(map[key] ?? key);
}

function badge(indication: string, w: Words): string {
  const label = (w.indication as Record<string, string>)[indication] ?? indication;
  return `<span class="badge ind-${esc(indication)}">${esc(label)}</span>`;
}

function row(label: string, valueHtml: string): string {
  return valueHtml === '' ? '' : `<tr><th scope="row">${esc(label)}</th><td>${valueHtml}</td></tr>`;
}

function table(rows: string[]): string {
  const body = rows.filter((r) => r !== '').join('');
  return body === '' ? '' : `<table class="facts"><tbody>${body}</tbody></table>`;
}

/** Any JSON value as nested lists; bounded so a hostile report cannot blow up the page. */
export function renderValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '<span class="none">—</span>';
  if (typeof value !== 'object') return esc(value);
  if (depth >= 8) return '…';
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="none">—</span>';
    if (value.every((v) => v === null || typeof v !== 'object')) return esc(value.slice(0, 200).join(', ')) + (value.length > 200 ? ' …' : '');
    const items = value.slice(0, 200).map((v) => `<li>${renderValue(v, depth + 1)}</li>`).join('');
    return `<ol class="value">${items}${value.length > 200 ? `<li>… (${value.length - 200})</li>` : ''}</ol>`;
  }
  const entries = Object.entries(value as Record<string, unknown>).slice(0, 200);
  if (entries.length === 0) return '<span class="none">—</span>';
  return `<dl class="value">${entries.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${renderValue(v, depth + 1)}</dd>`).join('')}</dl>`;
}

function messages(list: readonly Message[] | undefined, w: Words, lang: Lang): string {
  if (!list || list.length === 0) return '';
  const items = list
    .map((m) => `<li class="msg sev-${esc(m.severity)}" data-code="${esc(m.code)}"><span class="sev">${word(w.severity, m.severity)}</span> ${esc(lang === 'vi' ? m.vi : m.en)} <code>${esc(m.code)}</code></li>`)
    .join('');
  return `<ul class="messages">${items}</ul>`;
}

function certificateLine(cert: CertificateInfo, w: Words, lang: Lang): string {
  const name = cert.commonName ?? cert.subject;
  const org = cert.organization && cert.organization !== cert.commonName ? `, ${esc(cert.organization)}` : '';
  return `<span class="cert" title="${esc(cert.subject)}">${esc(name)}${org}</span> <span class="muted">(${esc(w.validity)} ${day(cert.notBefore, lang)} → ${day(cert.notAfter, lang)}; ${esc(cert.publicKey)}; SHA-256 <code>${esc(cert.sha256)}</code>)</span>`;
}

function checks(sig: { intact: string; valid: string; trusted: string }, w: Words): string {
  const one = (label: string, value: string) => `<li class="check chk-${esc(value)}">${esc(label)}: <b>${word(w.check, value)}</b></li>`;
  return `<ul class="checks">${one(w.intact, sig.intact)}${one(w.valid, sig.valid)}${one(w.trusted, sig.trusted)}</ul>`;
}

const KNOWN_SIGNATURE_KEYS = new Set([
  'id', 'format', 'indication', 'subIndication', 'intact', 'valid', 'trusted', 'signer', 'chain', 'rejectedCertificate',
  'revocation', 'times', 'timestamps', 'algorithms', 'coverage', 'modifications', 'details', 'messages',
]);

function verdictLines(indication: string, subIndication: string | undefined, w: Words): string {
  const help = (w.indicationHelp as Record<string, string>)[indication] ?? '';
  const sub = subIndication ? `<p class="reason"><b>${esc(w.sub[subIndication] ?? subIndication)}</b> <code>${esc(subIndication)}</code></p>` : '';
  return `${sub}<p class="help">${esc(help)}</p>`;
}

export function renderSignature(sig: SignatureReport, w: Words, lang: Lang): string {
  const signer = sig.signer;
  const signerHtml = signer
    ? table([
        row(w.signer, `<b>${esc(signer.commonName ?? signer.subject)}</b> — ${word(w.role, signer.role)}`),
        signer.organization && signer.organization !== signer.commonName ? row(w.organization, esc(signer.organization)) : '',
        signer.identifiers.length ? row(w.identifiers, esc(signer.identifiers.map((i) => `${i.type}:${i.value}`).join(', '))) : '',
        row(w.issuer, esc(signer.issuer)),
        row(w.validity, `${day(signer.notBefore, lang)} → ${day(signer.notAfter, lang)}`),
        row(w.serial, `<code>${esc(signer.serialNumber)}</code>`),
      ])
    : '';
  // The chain in one line (signer to anchor) stays in view; each certificate's facts are below, folded.
  const chainLine = sig.chain.length
    ? `<p class="chain-line"><b>${esc(w.chain)}:</b> ${sig.chain.map((c) => `<span title="${esc(c.subject)}">${esc(c.commonName ?? c.subject)}</span>`).join(' → ')}</p>`
    : `<p class="chain-line"><b>${esc(w.chain)}:</b> <span class="muted">${esc(w.noChain)}</span></p>`;
  const chain = sig.chain.length ? `<h5>${esc(w.chain)}</h5><ol class="chain">${sig.chain.map((c) => `<li>${certificateLine(c, w, lang)}</li>`).join('')}</ol>` : '';
  const rejected = sig.rejectedCertificate ? `<p>${esc(w.rejected)}: ${esc(sig.rejectedCertificate.subject)} <code>${esc(sig.rejectedCertificate.sha256.slice(0, 16))}…</code></p>` : '';
  const times = table([
    row(w.bestTime, time(sig.times.bestSignatureTime, w, lang)),
    row(w.timestampTime, time(sig.times.timestampTime, w, lang)),
    row(w.claimed, time(sig.times.claimedSigningTime, w, lang)),
    row(w.validationTime, time(sig.times.validationTime, w, lang)),
  ]);
  const timestamps = sig.timestamps.length
    ? `<h5>${esc(w.timestamps)}</h5><ul>${sig.timestamps
        .map((t) => `<li>${badge(t.indication, w)} ${word(w.tsKind, t.kind)}: ${time(t.genTime, w, lang)}${t.tsa ? ` — ${esc(t.tsa.commonName ?? t.tsa.subject)}` : ''}${t.subIndication ? ` <code>${esc(t.subIndication)}</code>` : ''}${messages(t.messages, w, lang)}</li>`)
        .join('')}</ul>`
    : '';
  const revocation = sig.revocation.length
    ? `<h5>${esc(w.revocation)}</h5><ul>${sig.revocation
        .map(
          (r) =>
            `<li class="rev rev-${esc(r.status)}">${esc(r.subject)}: <b>${word(w.revStatus, r.status)}</b>${r.source ? ` (${word(w.revSource, r.source)}${r.method ? `, ${esc(r.method.toUpperCase())}` : ''})` : ''}${r.revocationTime ? ` — ${time(r.revocationTime, w, lang)}` : ''}${r.reason ? `, ${esc(r.reason)}` : ''}</li>`,
        )
        .join('')}</ul>`
    : '';
  const algorithms = [sig.algorithms.digest, sig.algorithms.signature, sig.algorithms.publicKey].filter(Boolean).join(', ');
  const coverage = sig.coverage
    ? `${word(w.coverageLevel, sig.coverage.level)}${sig.coverage.revision !== undefined ? ` (${esc(fill(w.revisionOf, { revision: sig.coverage.revision }))})` : ''}${
        sig.coverage.references?.length
          ? `<ul class="refs">${sig.coverage.references.map((r) => `<li><code>${esc(r.uri || '""')}</code> → ${esc(r.target)} — ${word(w.check, r.intact)}</li>`).join('')}</ul>`
          : ''
      }`
    : '';
  const modifications = sig.modifications
    ? `<span class="mod mod-${esc(sig.modifications.level)}">${word(w.modLevel, sig.modifications.level)}</span>${
        sig.modifications.changes.length
          ? `<ul class="changes">${sig.modifications.changes
              .slice(0, 200)
              .map((c) => `<li>${esc(fill(w.revisionOf, { revision: c.revision }))}: <code>${esc(c.object)}</code> — ${word(w.modLevel, c.kind)}: ${esc(c.description)}</li>`)
              .join('')}</ul>`
          : ''
      }`
    : '';
  const extra = Object.fromEntries(Object.entries(sig).filter(([k]) => !KNOWN_SIGNATURE_KEYS.has(k)));
  const details = { ...(sig.details ?? {}), ...extra };
  const notable = sig.messages.filter((m) => m.severity !== 'info');
  const info = sig.messages.filter((m) => m.severity === 'info');
  const passed = sig.indication === 'TOTAL_PASSED';
  return `<section class="sig ind-${esc(sig.indication)}" data-id="${esc(sig.id)}" data-indication="${esc(sig.indication)}" data-sub-indication="${esc(sig.subIndication ?? '')}">
<h4>${badge(sig.indication, w)} ${esc(fill(w.signature, { id: sig.id }))} <span class="muted">${word(w.sigFormat, sig.format)}${sig.details?.kind === 'einvoice' ? ` · ${word(w.einvoiceRole, sig.details.role)}` : ''}${sig.details?.kind === 'edxml' ? ` · ${esc(w.packageSignature)}: ${word(w.packageStates, sig.details.packageState)}` : ''}</span></h4>
${verdictLines(sig.indication, sig.subIndication, w)}
${checks(sig, w)}
${messages(notable, w, lang)}
${signerHtml}
${chainLine}
${times}
${table([row(w.coverage, coverage), row(w.modifications, modifications)])}
<details class="technical"${passed ? '' : ' open'}><summary>${esc(w.technical)}</summary>
${chain}${rejected}${timestamps}${revocation}
${table([row(w.algorithms, esc(algorithms))])}
${messages(info, w, lang)}
${Object.keys(details).length ? `<h5>${esc(w.details)}</h5>${renderValue(details)}` : ''}
</details>
</section>`;
}

/**
 * The facts a clerk reads first: who sent an edXML package, its number and subject and which
 * of them a signature protects; an e-invoice's number and parties. Everything else in
 * `details` is shown generically below.
 */
function keyFacts(details: DocumentDetails | undefined, w: Words): string {
  if (details?.kind === 'edxml') {
    const h = details.edxml?.header;
    const organ = (o: { organName?: string; organId?: string } | undefined) => (o ? `${o.organName ?? ''}${o.organId ? ` (${o.organId})` : ''}` : '');
    const protectedFields = Object.entries(details.metadata ?? {}) as [string, { value?: unknown; covered: boolean }][];
    const covered = protectedFields.filter(([, f]) => f.value !== undefined && f.covered).map(([k]) => (w.fields as Record<string, string>)[k] ?? k);
    const uncovered = protectedFields.filter(([, f]) => f.value !== undefined && !f.covered).map(([k]) => (w.fields as Record<string, string>)[k] ?? k);
    const code = [h?.code?.codeNumber, h?.code?.codeNotation].filter(Boolean).join('/');
    return table([
      row(w.edxmlFrom, esc(organ(h?.from))),
      row(w.edxmlTo, esc((h?.to ?? []).map(organ).join('; '))),
      row(w.edxmlCode, esc(code)),
      row(w.edxmlDate, esc(h?.promulgationInfo?.promulgationDate?.iso ?? h?.promulgationInfo?.promulgationDate?.raw ?? '')),
      row(w.edxmlType, esc(h?.documentType?.typeName ?? '')),
      row(w.edxmlSubject, esc(h?.subject ?? '')),
      row(w.edxmlSigner, esc([h?.signerInfo?.competence, h?.signerInfo?.position, h?.signerInfo?.fullName].filter(Boolean).join(' — '))),
      row(w.edxmlStatus, esc(h?.statusCode ?? '')),
      row(w.packageSignature, word(w.packageStates, details.packageSignature?.state)),
      covered.length ? row(w.metadataSigned, esc(covered.join(', '))) : '',
      uncovered.length ? row(w.metadataUnsigned, `<span class="warning">${esc(uncovered.join(', '))}</span>`) : '',
    ]);
  }
  if (details?.kind === 'einvoice') {
    const i = details.invoice;
    return table([
      row(w.einvoiceMessage, esc(details.message)),
      row(w.einvoiceNumber, esc([i?.form, i?.series, i?.number].filter(Boolean).join(' · '))),
      row(w.einvoiceDate, esc(i?.date ?? '')),
      row(w.einvoiceSeller, esc(i?.sellerTaxCode ?? '')),
      row(w.einvoiceBuyer, esc(i?.buyerTaxCode ?? '')),
      row(w.einvoiceTaxCode, esc(i?.taxAuthorityCode ?? '')),
    ]);
  }
  return '';
}

const KNOWN_DOCUMENT_KEYS = new Set(['format', 'indication', 'subIndication', 'size', 'sha256', 'signatures', 'roles', 'attachments', 'details', 'messages', 'name', 'path']);

export function renderReport(report: DocumentReport, name: string, w: Words, lang: Lang, nested = false): string {
  const hasSignatures = report.signatures.some((s) => s.format !== 'document-timestamp');
  const roles =
    hasSignatures && (report.format === 'pdf' || report.format === 'edxml')
      ? `<p class="roles"><b>${esc(w.roles)}:</b> ${esc(
          fill(w.rolesText, { person: report.roles.person ? w.yes : w.no, organization: report.roles.organization ? w.yes : w.no, complete: report.roles.complete ? w.yes : w.no }),
        )}</p>`
      : '';
  // The key facts are shown above (keyFacts); the full record, new fields included, stays one click away.
  const extra = Object.fromEntries(Object.entries(report).filter(([k]) => !KNOWN_DOCUMENT_KEYS.has(k)));
  const facts = { ...extra, ...(report.details ?? {}) };
  const factsHtml = Object.keys(facts).length ? `<details class="doc-facts"><summary>${esc(w.details)}</summary>${renderValue(facts)}</details>` : '';
  const signatures = report.signatures.map((s) => renderSignature(s, w, lang)).join('');
  const attachments = report.attachments?.length
    ? `<div class="attachments"><h4>${esc(w.attachments)}</h4>${report.attachments.map((a) => renderReport(a, a.name, w, lang, true)).join('')}</div>`
    : '';
  return `<article class="doc${nested ? ' attachment' : ''} ind-${esc(report.indication)}" data-name="${esc(name)}" data-indication="${esc(report.indication)}" data-sub-indication="${esc(report.subIndication ?? '')}">
<h3>${badge(report.indication, w)} <span class="name">${esc(name)}</span> <span class="muted">${word(w.format, report.format)} · ${esc(formatBytes(report.size))}</span></h3>
${verdictLines(report.indication, report.subIndication, w)}
${messages(report.messages, w, lang)}
${roles}
${report.sha256 ? `<p class="muted small">${esc(w.sha256)} <code>${esc(report.sha256)}</code></p>` : ''}
${keyFacts(report.details, w)}
${factsHtml}
${signatures}
${attachments}
</article>`;
}

export function renderEntry(entry: DocumentEntry, lang: Lang): string {
  const w = WORDS[lang];
  if (entry.report) {
    const html = renderReport(entry.report, entry.name, w, lang);
    const notes = [entry.content ? esc(fill(w.content, { name: entry.content })) : '', entry.ms !== undefined ? esc(fill(w.took, { seconds: (entry.ms / 1000).toFixed(2) })) : '']
      .filter(Boolean)
      .join(' · ');
    const timed = entry.ms !== undefined ? html.replace('<article ', `<article data-ms="${Math.round(entry.ms)}" `) : html;
    return notes ? timed.replace('</h3>', `</h3><p class="muted small">${notes}</p>`) : timed;
  }
  if (entry.failure) return `<article class="doc ind-INDETERMINATE" data-name="${esc(entry.name)}" data-indication="ERROR"><h3>${esc(entry.name)}</h3><p>${esc(fill(w.failure, { message: entry.failure }))}</p></article>`;
  return `<article class="doc pending" data-name="${esc(entry.name)}" data-indication="PENDING"><h3><span class="spinner" aria-hidden="true"></span> ${esc(entry.name)} <span class="muted">${esc(formatBytes(entry.size))}</span></h3><progress max="1" value="0"></progress></article>`;
}

/** A standalone HTML report: the same rendering with the page's styles inlined, no script, no external resource. */
export function standaloneReport(entries: readonly DocumentEntry[], validationTime: string, version: string, css: string, lang: Lang): string {
  const w = WORDS[lang];
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(w.reportTitle)}</title>
<style>${css.replace(/<\/style/gi, '<\\/style')}</style></head>
<body class="report"><main>
<h1>${esc(w.reportTitle)}</h1>
<p>${esc(w.validationTime)}: ${time(validationTime, w, lang)}</p>
${entries
  .map((e) => renderEntry(e, lang))
  .join('\n')
  // A filed report is read on paper too: the chain, revocation and timestamps are shown, not folded.
  .replace(/<details class="technical"(?: open)?>/g, '<details class="technical" open>')}
<footer><p class="muted">${esc(fill(w.reportFooter, { version }))}</p></footer>
</main></body></html>
`;
}
