/**
 * `--format csv`: one row per signature (a document without signatures, or a file that
 * could not be read, gets one row), UTF-8 with a byte-order mark so that spreadsheet
 * programs read the Vietnamese letters right. The documents a file carries (edXML
 * attachments, ZIP entries, a detached signature's signed content) get their rows after
 * the file's own, named in the attachment column: an edXML package's verdict rests on its
 * attachments, so an auditor must see which of them failed.
 */
import type { Message } from '../report/messages.js';
import type { DocumentReport, SignatureReport } from '../report/types.js';
import type { CliErrorEntry } from '../report/cli-output.js';
import { csvCell } from '../metrics/csv.js';
import { packageSignatureText } from '../report/summary.js';
import { readerTime } from './time.js';
import type { DocumentResult, ReportWriter, RunInfo, Sink } from './writers.js';
import { WORDS, type Lang } from './words.js';

const HEADERS: Record<Lang, readonly string[]> = {
  en: ['path', 'detached content', 'attachment', 'document verdict', 'document indication', 'document sub-indication', 'format', 'signature', 'signature verdict', 'indication', 'sub-indication', 'signer', 'signer identifiers', 'signer role', 'issuer', 'trust anchor', 'claimed signing time', 'timestamp time', 'coverage', 'changes after signing', 'revocation', 'reasons', 'read error', 'package signature'],
  vi: ['đường dẫn', 'nội dung tách rời', 'tệp đính kèm', 'kết luận văn bản', 'chỉ báo văn bản', 'chỉ báo phụ văn bản', 'định dạng', 'chữ ký số', 'kết luận chữ ký số', 'chỉ báo', 'chỉ báo phụ', 'người ký', 'định danh người ký', 'vai trò người ký', 'tổ chức cấp chứng thư số', 'chứng thư số gốc tin cậy', 'thời điểm ký do người ký khai', 'thời điểm theo dấu thời gian', 'phạm vi ký', 'thay đổi sau khi ký', 'tình trạng thu hồi', 'lý do', 'lỗi đọc tệp', 'chữ ký số của gói'],
};

// One cell encoder for every CSV kyso writes (formula neutralising included): metrics/csv.ts.
export { csvCell };

function reasons(messages: readonly Message[], lang: Lang): string {
  return messages
    .filter((m) => m.severity !== 'info')
    .map((m) => `${lang === 'vi' ? m.vi : m.en} [${m.code}]`)
    .join(' | ');
}

export class CsvWriter implements ReportWriter {
  #started = false;
  constructor(
    private readonly sink: Sink,
    private readonly info: RunInfo,
  ) {}

  async #row(cells: readonly (string | number | undefined)[]) {
    if (!this.#started) {
      this.#started = true;
      await this.sink.write(`\uFEFF${HEADERS[this.info.lang].map(csvCell).join(',')}\r\n`);
    }
    await this.sink.write(`${cells.map(csvCell).join(',')}\r\n`);
  }

  async document({ path, content, report }: DocumentResult) {
    await this.#rows(path, content, undefined, report);
  }

  /** The rows of one document, then those of the documents it carries, depth first. */
  async #rows(path: string, content: string | undefined, attachment: string | undefined, report: DocumentReport) {
    const { lang } = this.info;
    const w = WORDS[lang];
    const head = [path, content, attachment, w.indicationShort[report.indication], report.indication, report.subIndication, report.format];
    // An edXML package's own signature, beside the verdict (as on the text verdict line).
    const layer = packageSignatureText(report, lang);
    if (report.signatures.length === 0) {
      await this.#row([...head, '', '', '', '', '', '', '', '', '', '', '', '', '', '', reasons(report.messages, lang), '', layer]);
    } else {
      for (const s of report.signatures) await this.#row([...head, ...this.#signature(s, lang), '', layer]);
    }
    for (const carried of report.attachments ?? []) {
      // Nested containers (an edXML package inside a ZIP) name the whole way down.
      // A detached pair inside the container names its content too (x.pdf.p7s + x.pdf).
      const name = carried.content === undefined ? carried.name : `${carried.name} + ${carried.content}`;
      await this.#rows(path, content, attachment === undefined ? name : `${attachment} > ${name}`, carried);
    }
  }

  #signature(s: SignatureReport, lang: Lang): (string | undefined)[] {
    const w = WORDS[lang];
    const name = (c: { commonName?: string; subject: string } | undefined) => (c ? (c.commonName ?? c.subject) : undefined);
    const revocation = s.revocation.map((r) => `${r.subject}: ${r.status}`).join('; ');
    return [
      s.id,
      w.indicationShort[s.indication],
      s.indication,
      s.subIndication,
      name(s.signer),
      s.signer?.identifiers.map((i) => `${i.type}:${i.value}`).join('; '),
      s.signer ? w.role[s.signer.role] : undefined,
      name(s.chain[1]),
      s.chain.length > 1 ? name(s.chain[s.chain.length - 1]) : undefined,
      s.times.claimedSigningTime ? readerTime(s.times.claimedSigningTime, lang) : undefined,
      s.times.timestampTime ? readerTime(s.times.timestampTime, lang) : undefined,
      s.coverage ? (w.coverageLevel[s.coverage.level] ?? s.coverage.level) : undefined,
      s.modifications ? (w.changeLevel[s.modifications.level] ?? s.modifications.level) : undefined,
      revocation,
      reasons(s.messages, lang),
    ];
  }

  async error(entry: CliErrorEntry) {
    const w = WORDS[this.info.lang];
    await this.#row([entry.path, entry.content, '', w.indicationShort.ERROR, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', `${entry.error.code}: ${entry.error.message}`, '']);
  }

  async end() {
    // An empty run still gets its header row, so the file opens as a table.
    if (!this.#started) {
      this.#started = true;
      await this.sink.write(`\uFEFF${HEADERS[this.info.lang].map(csvCell).join(',')}\r\n`);
    }
  }
}
