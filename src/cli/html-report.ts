/**
 * `--format html`: one self-contained file an auditor can file or mail: a summary with
 * counts and a chart, a sortable and filterable table of documents, and for each
 * document its signatures (signer, chain, times, coverage, changes after signing,
 * revocation, package layer) with the reasons in plain words. No external resources:
 * styles and script are inline, the chart is inline SVG. Every value from a document
 * goes through escape-html.
 */
import escapeHtml from 'escape-html';
import type { Message } from '../report/messages.js';
import type { DocumentReport, SignatureReport } from '../report/types.js';
import type { CliErrorEntry, CliRunSummary } from '../report/cli-output.js';
import { formatName, packageSignatureText } from '../report/summary.js';
import { markOf, verdictText } from './text-report.js';
import { readerTime } from './time.js';
import type { DocumentResult, ReportWriter, RunInfo, Sink } from './writers.js';
import { fill, WORDS, type Lang } from './words.js';

const e = (value: unknown): string => escapeHtml(value === undefined || value === null ? '' : String(value));

const PAGE = {
  vi: {
    title: 'Báo cáo kiểm tra chữ ký số',
    generated: 'Lập bởi kyso {version}; thời điểm kiểm tra {time} (giờ Việt Nam)',
    summary: 'Tổng hợp',
    documents: 'Văn bản',
    filter: 'Lọc theo tên tệp, người ký, lý do…',
    allVerdicts: 'Mọi kết luận',
    columns: ['#', 'Tệp', 'Kết luận', 'Định dạng', 'Số chữ ký số', 'Người ký'],
    chart: 'Biểu đồ số văn bản theo kết luận',
    skipped: 'Tệp bỏ qua',
    interrupted: 'Đã dừng theo yêu cầu: báo cáo chỉ gồm các văn bản đã kiểm tra xong.',
    revocation: 'Tình trạng thu hồi',
    revocationStatus: { good: 'chưa bị thu hồi', revoked: 'đã bị thu hồi', unknown: 'không rõ', 'not-checked': 'chưa kiểm tra' } as Record<string, string>,
    details: 'Chi tiết',
    shown: 'Đang hiển thị {shown}/{total} văn bản',
  },
  en: {
    title: 'Digital signature verification report',
    generated: 'Made by kyso {version}; validation time {time}',
    summary: 'Summary',
    documents: 'Documents',
    filter: 'Filter by file name, signer, reason…',
    allVerdicts: 'All verdicts',
    columns: ['#', 'File', 'Verdict', 'Format', 'Signatures', 'Signers'],
    chart: 'Chart of documents by verdict',
    skipped: 'Skipped files',
    interrupted: 'Stopped on request: the report holds only the documents verified so far.',
    revocation: 'Revocation status',
    revocationStatus: { good: 'not revoked', revoked: 'revoked', unknown: 'unknown', 'not-checked': 'not checked' } as Record<string, string>,
    details: 'Details',
    shown: 'Showing {shown} of {total} documents',
  },
} as const;

const COLORS: Record<string, string> = { TOTAL_PASSED: '#2e7d32', TOTAL_FAILED: '#c62828', INDETERMINATE: '#ef6c00', NO_SIGNATURE: '#616161', ERROR: '#6a1b9a' };
const ORDER = ['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE', 'NO_SIGNATURE', 'ERROR'] as const;

function messagesHtml(messages: readonly Message[], lang: Lang): string {
  const shown = messages.filter((m) => m.severity !== 'info');
  if (shown.length === 0) return '';
  return `<ul class="reasons">${shown.map((m) => `<li class="${e(m.severity)}">${e(lang === 'vi' ? m.vi : m.en)} <code>${e(m.code)}</code></li>`).join('')}</ul>`;
}

function signatureHtml(s: SignatureReport, lang: Lang): string {
  const w = WORDS[lang];
  const p = PAGE[lang];
  const name = (c: { commonName?: string; subject: string }) => c.commonName ?? c.subject;
  const rows: [string, string][] = [];
  if (s.signer) rows.push([w.signer, `${e(name(s.signer))} — ${e(w.role[s.signer.role])}${s.signer.identifiers.length ? ` <small>${e(s.signer.identifiers.map((i) => `${i.type}:${i.value}`).join(', '))}</small>` : ''}`]);
  if (s.chain.length) rows.push([w.chain, s.chain.map((c) => e(name(c))).join(' → ')]);
  if (s.times.claimedSigningTime) rows.push([w.claimed, e(readerTime(s.times.claimedSigningTime, lang))]);
  rows.push([w.timestamp, s.times.timestampTime ? e(readerTime(s.times.timestampTime, lang)) : e(w.noTimestamp)]);
  if (s.coverage) rows.push([w.coverage, e(w.coverageLevel[s.coverage.level] ?? s.coverage.level)]);
  if (s.modifications) rows.push([w.changes, e(w.changeLevel[s.modifications.level] ?? s.modifications.level)]);
  if (s.revocation.length) rows.push([p.revocation, s.revocation.map((r) => `${e(r.subject)}: ${e(p.revocationStatus[r.status] ?? r.status)}`).join('<br>')]);
  return `<div class="sig"><h4>${e(markOf(s.indication))} ${e(s.id)}: ${e(verdictText(s.indication, s.subIndication, lang))}</h4><table class="kv">${rows
    .map(([k, v]) => `<tr><th>${e(k)}</th><td>${v}</td></tr>`)
    .join('')}</table>${messagesHtml(s.messages, lang)}</div>`;
}

/** The package signature's own verdict (as on the text verdict line) and what became of it. */
function packageHtml(report: DocumentReport, lang: Lang): string {
  const w = WORDS[lang];
  const layer = report.packageSignature;
  if (!layer) return '';
  const verdict = packageSignatureText(report, lang) ?? '';
  const state = w.packageStates[layer.state] ?? layer.state;
  return `<p class="package">${e(fill(w.packageSignature, { state: layer.indication ? `${verdict} — ${state}` : state }))}</p>`;
}

function documentDetails(report: DocumentReport, lang: Lang): string {
  const w = WORDS[lang];
  const attachments = (report.attachments ?? [])
    .map((a) => `<div class="attachment"><h4>${e(w.attachment)} ${e(a.name)}: ${e(verdictText(a.indication, a.subIndication, lang))}</h4>${documentDetails(a, lang)}</div>`)
    .join('');
  return `${messagesHtml(report.messages, lang)}${packageHtml(report, lang)}${report.signatures.map((s) => signatureHtml(s, lang)).join('')}${attachments}`;
}

export class HtmlWriter implements ReportWriter {
  readonly #rows: string[] = [];
  constructor(
    private readonly sink: Sink,
    private readonly info: RunInfo,
  ) {}

  #row(verdict: string, cells: { path: string; verdictText: string; note?: string; format: string; signatures: number | string; signers: string; details: string }) {
    const n = this.#rows.length + 1;
    const search = `${cells.path} ${cells.signers} ${cells.details.replace(/<[^>]*>/g, ' ')}`.toLowerCase();
    this.#rows.push(
      `<tr data-verdict="${e(verdict)}" data-search="${e(search)}"><td data-sort="${n}">${n}</td><td><details><summary>${e(cells.path)}</summary>${cells.details}</details></td><td data-sort="${ORDER.indexOf(verdict as (typeof ORDER)[number])}"><span class="badge" style="background:${COLORS[verdict]}">${e(cells.verdictText)}</span>${cells.note ? `<br><small>${e(cells.note)}</small>` : ''}</td><td>${e(cells.format)}</td><td data-sort="${e(cells.signatures)}">${e(cells.signatures)}</td><td>${e(cells.signers)}</td></tr>`,
    );
  }

  document({ path, content, report }: DocumentResult) {
    const { lang } = this.info;
    const w = WORDS[lang];
    const signers = [...new Set(report.signatures.map((s) => s.signer?.commonName ?? s.signer?.subject).filter((x): x is string => !!x))].join(', ');
    const contentNote = content ? `<p>${e(fill(w.contentFile, { path: content }))}</p>` : '';
    this.#row(report.indication, {
      path,
      verdictText: verdictText(report.indication, report.subIndication, lang),
      ...(report.packageSignature ? { note: fill(w.packageSignature, { state: packageSignatureText(report, lang) ?? '' }) } : {}),
      format: formatName(report, lang),
      signatures: report.signatures.length,
      signers,
      details: contentNote + documentDetails(report, lang),
    });
  }

  error(entry: CliErrorEntry) {
    const w = WORDS[this.info.lang];
    this.#row('ERROR', { path: entry.path, verdictText: w.verdict.ERROR, format: '', signatures: '', signers: '', details: `<ul class="reasons"><li class="error">${e(fill(w.ioError, { message: w.ioReasons[entry.error.code] ?? entry.error.message, code: entry.error.code }))}</li></ul>` });
  }

  async end(summary: CliRunSummary) {
    const { lang } = this.info;
    const w = WORDS[lang];
    const p = PAGE[lang];
    const counts: Record<string, number> = {
      TOTAL_PASSED: summary.passed,
      TOTAL_FAILED: summary.failed,
      INDETERMINATE: summary.indeterminate,
      NO_SIGNATURE: summary.unsigned,
      ERROR: summary.errors ?? 0,
    };
    const skippedFiles = summary.skippedFiles ?? [];
    const total = ORDER.reduce((sum, k) => sum + (counts[k] ?? 0), 0);
    const summaryRows = ORDER.map((k) => `<tr><th><span class="dot" style="background:${COLORS[k]}"></span>${e(w.verdict[k])}</th><td>${counts[k] ?? 0}</td></tr>`).join('');
    let x = 0;
    const bars = ORDER.filter((k) => (counts[k] ?? 0) > 0)
      .map((k) => {
        const width = (600 * (counts[k] ?? 0)) / Math.max(total, 1);
        const rect = `<rect x="${x.toFixed(1)}" y="0" width="${width.toFixed(1)}" height="28" fill="${COLORS[k]}"><title>${e(w.verdict[k])}: ${counts[k]}</title></rect>`;
        x += width;
        return rect;
      })
      .join('');
    const chart = `<svg role="img" aria-label="${e(p.chart)}" viewBox="0 0 600 28" width="600" height="28">${bars || '<rect x="0" y="0" width="600" height="28" fill="#e0e0e0"></rect>'}</svg>`;
    const skipped = skippedFiles.length
      ? `<details><summary>${e(p.skipped)} (${skippedFiles.length})</summary><ul>${skippedFiles.map((s) => `<li>${e(s.path)} — ${e(w.skipReason[s.reason] ?? s.reason)}</li>`).join('')}</ul></details>`
      : '';
    const options = ORDER.map((k) => `<option value="${k}">${e(w.verdict[k])}</option>`).join('');
    const html = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2rem;color:#212121}
h1{font-size:1.5rem;margin:0 0 .25rem}.meta{color:#616161;margin:0 0 1.5rem}
.summary{display:flex;gap:2rem;align-items:center;flex-wrap:wrap;margin-bottom:1.5rem}
.summary table td{text-align:right;padding-left:1rem;font-variant-numeric:tabular-nums}
.dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.4em}
.controls{display:flex;gap:1rem;margin:1rem 0}.controls input{flex:1;padding:.4rem}
table.docs{border-collapse:collapse;width:100%}table.docs th,table.docs td{border-bottom:1px solid #e0e0e0;padding:.4rem;text-align:left;vertical-align:top}
table.docs th{cursor:pointer;background:#fafafa;user-select:none}table.docs th[aria-sort=ascending]::after{content:" ▲"}table.docs th[aria-sort=descending]::after{content:" ▼"}
.badge{color:#fff;border-radius:4px;padding:.1rem .4rem;white-space:nowrap;font-size:.85em}
summary{cursor:pointer;word-break:break-all}.sig{border-left:3px solid #e0e0e0;margin:.5rem 0 .5rem .5rem;padding-left:.75rem}
.sig h4,.attachment h4{margin:.25rem 0;font-size:.95rem}table.kv th{text-align:left;padding-right:1rem;font-weight:600;color:#424242}
.reasons li.error{color:#b71c1c}.reasons li.warning{color:#e65100}.reasons code{color:#757575;font-size:.8em}
.notice{background:#fff3e0;padding:.5rem;border-radius:4px}
</style>
</head>
<body>
<h1>${e(p.title)}</h1>
<p class="meta">${e(fill(p.generated, { version: this.info.kyso, time: readerTime(this.info.at, lang) }))}</p>
${summary.interrupted ? `<p class="notice">${e(p.interrupted)}</p>` : ''}
<section class="summary" aria-label="${e(p.summary)}">
<table id="counts"><caption>${e(w.summaryDocuments(summary.total))}</caption>${summaryRows}</table>
${chart}
</section>
${skipped}
<h2>${e(p.documents)}</h2>
<div class="controls"><input id="filter" type="search" placeholder="${e(p.filter)}" aria-label="${e(p.filter)}"><select id="verdict" aria-label="${e(p.allVerdicts)}"><option value="">${e(p.allVerdicts)}</option>${options}</select></div>
<p id="shown" data-template="${e(p.shown)}"></p>
<table class="docs" id="docs"><thead><tr>${p.columns.map((c, i) => `<th data-col="${i}" scope="col">${e(c)}</th>`).join('')}</tr></thead>
<tbody>
${this.#rows.join('\n')}
</tbody></table>
<script>
(function () {
  var table = document.getElementById('docs');
  var body = table.tBodies[0];
  var filter = document.getElementById('filter');
  var verdict = document.getElementById('verdict');
  var shown = document.getElementById('shown');
  var rows = Array.prototype.slice.call(body.rows);
  function apply() {
    var text = filter.value.toLowerCase();
    var want = verdict.value;
    var count = 0;
    rows.forEach(function (row) {
      var visible = (!text || row.getAttribute('data-search').indexOf(text) >= 0) && (!want || row.getAttribute('data-verdict') === want);
      row.hidden = !visible;
      if (visible) count++;
    });
    shown.textContent = shown.getAttribute('data-template').replace('{shown}', count).replace('{total}', rows.length);
  }
  function key(row, col) {
    var cell = row.cells[col];
    var sort = cell.getAttribute('data-sort');
    return sort !== null && sort !== '' && !isNaN(Number(sort)) ? Number(sort) : cell.textContent.trim().toLowerCase();
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.addEventListener('click', function () {
      var col = Number(th.getAttribute('data-col'));
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = key(a, col), y = key(b, col);
        var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), document.documentElement.lang);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  filter.addEventListener('input', apply);
  verdict.addEventListener('change', apply);
  apply();
})();
</script>
</body>
</html>
`;
    await this.sink.write(html);
  }
}
