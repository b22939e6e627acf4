/**
 * Report writers: each receives the results in input order as they come (so big runs
 * stream and memory stays flat) and the summary at the end. text, json and jsonl live
 * here; csv and html are loaded only when asked for.
 */
import type { DocumentReport } from '../report/types.js';
import type { CliErrorEntry, CliJsonlLine, CliRunSummary } from '../report/cli-output.js';
import type { Tally } from './text-report.js';
import { documentLines, errorLines, tallyLines } from './text-report.js';
import { vietnamTime } from './time.js';
import type { Lang } from './words.js';
import { fill, WORDS } from './words.js';

export type Format = 'text' | 'json' | 'jsonl' | 'csv' | 'html';
export const FORMATS: readonly Format[] = ['text', 'json', 'jsonl', 'csv', 'html'];

/** Where the report goes: stdout or a file. `write` resolves when the text may be followed by more. */
export interface Sink {
  write(text: string): Promise<void> | void;
}

export interface RunInfo {
  readonly kyso: string;
  readonly at: Date;
  readonly lang: Lang;
  readonly quiet: boolean;
}

export interface DocumentResult {
  readonly path: string;
  readonly content?: string;
  readonly report: DocumentReport;
}

export interface ReportWriter {
  document(result: DocumentResult): Promise<void> | void;
  error(result: CliErrorEntry): Promise<void> | void;
  end(summary: CliRunSummary, tally: Tally): Promise<void> | void;
}

function runInfo(info: RunInfo) {
  return { kyso: info.kyso, validationTime: info.at.toISOString(), validationTimeVietnam: vietnamTime(info.at) };
}

/** `path` first, then the report: the order a reader scans a JSON line in. */
function entryOf(result: DocumentResult) {
  return { path: result.path, ...result.report };
}

class TextWriter implements ReportWriter {
  readonly #revocation: { count: number };
  constructor(
    private readonly sink: Sink,
    private readonly info: RunInfo,
    revocation: { count: number },
  ) {
    this.#revocation = revocation;
  }
  document({ path, content, report }: DocumentResult) {
    const counter = this.#revocation;
    const lines = documentLines(path, report, { lang: this.info.lang, onRevocationNotChecked: () => counter.count++ });
    if (this.info.quiet && report.indication === 'TOTAL_PASSED') return;
    if (content) lines.splice(1, 0, `    ${fill(WORDS[this.info.lang].contentFile, { path: content })}`);
    return this.sink.write(`${lines.join('\n')}\n\n`);
  }
  error(entry: CliErrorEntry) {
    return this.sink.write(`${errorLines(entry.path, entry.error, this.info.lang).join('\n')}\n\n`);
  }
  end(_summary: CliRunSummary, tally: Tally) {
    return this.sink.write(`${tallyLines(tally, this.info.at, this.info.lang).join('\n')}\n`);
  }
}

class JsonlWriter implements ReportWriter {
  constructor(
    private readonly sink: Sink,
    private readonly info: RunInfo,
  ) {}
  async #line(line: CliJsonlLine) {
    const out = new Pieces(this.sink);
    await writeJson(out, line, false, '', 3);
    await out.write('\n');
    await out.flush();
  }
  /** Document lines carry no `record` (absent means document), so they stay the lines kyso wrote before the summary record existed. */
  document(result: DocumentResult) {
    return this.#line({ kyso: this.info.kyso, validationTime: this.info.at.toISOString(), ...entryOf(result) });
  }
  error(entry: CliErrorEntry) {
    return this.#line({ ...runInfo(this.info), record: 'error', ...entry });
  }
  end(summary: CliRunSummary) {
    return this.#line({ ...runInfo(this.info), record: 'summary', ...summary });
  }
}

/** One JSON document, written as it grows: the documents array streams, the summary closes it. */
class JsonWriter implements ReportWriter {
  #count = 0;
  constructor(
    private readonly sink: Sink,
    private readonly info: RunInfo,
  ) {}
  async #entry(value: unknown) {
    if (this.#count++ === 0) {
      const head = JSON.stringify(runInfo(this.info), null, 2).slice(0, -2);
      await this.sink.write(`${head},\n  "documents": [\n`);
    } else {
      await this.sink.write(',\n');
    }
    const out = new Pieces(this.sink);
    await out.write('    ');
    await writeJson(out, value, true, '    ', 3);
    await out.flush();
  }
  document(result: DocumentResult) {
    return this.#entry(entryOf(result));
  }
  error(entry: CliErrorEntry) {
    return this.#entry(entry);
  }
  async end(summary: CliRunSummary) {
    if (this.#count === 0) {
      const head = JSON.stringify(runInfo(this.info), null, 2).slice(0, -2);
      await this.sink.write(`${head},\n  "documents": [`);
    } else {
      await this.sink.write('\n  ');
    }
    await this.sink.write(`],\n  "summary": ${indent(JSON.stringify(summary, null, 2), '  ').trimStart()}\n}\n`);
  }
}

/** Small pieces gathered into writes of about a MiB. */
class Pieces {
  #parts: string[] = [];
  #length = 0;
  constructor(private readonly sink: Sink) {}
  write(text: string): Promise<void> | void {
    this.#parts.push(text);
    this.#length += text.length;
    if (this.#length >= 1 << 20) return this.flush();
  }
  flush(): Promise<void> | void {
    if (this.#parts.length === 0) return;
    const text = this.#parts.join('');
    this.#parts = [];
    this.#length = 0;
    return this.sink.write(text);
  }
}

/**
 * What `JSON.stringify(value, null, pretty ? 2 : undefined)` writes, with every line after
 * the first indented by `pad`, written in pieces: the `depth` outer levels of objects and
 * arrays member by member. A document's report as one string, of thousands of PDF
 * signatures, could outgrow what a V8 string may hold (kyso died with "Invalid string
 * length"), and was held several times over while being indented.
 */
async function writeJson(out: Pieces, value: unknown, pretty: boolean, pad: string, depth: number): Promise<void> {
  if (depth === 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
    return out.write(pretty && pad ? text.replaceAll('\n', `\n${pad}`) : text);
  }
  const inner = pretty ? `${pad}  ` : '';
  const open = pretty ? `\n${inner}` : '';
  const close = pretty ? `\n${pad}` : '';
  const absent = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  if (Array.isArray(value)) {
    if (value.length === 0) return out.write('[]');
    for (let i = 0; i < value.length; i++) {
      await out.write(`${i === 0 ? '[' : ','}${open}`);
      await writeJson(out, absent(value[i]) ? null : value[i], pretty, inner, depth - 1);
    }
    return out.write(`${close}]`);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => !absent(record[key]));
  if (keys.length === 0) return out.write('{}');
  for (let i = 0; i < keys.length; i++) {
    await out.write(`${i === 0 ? '{' : ','}${open}${JSON.stringify(keys[i])}${pretty ? ': ' : ':'}`);
    await writeJson(out, record[keys[i]!], pretty, inner, depth - 1);
  }
  return out.write(`${close}}`);
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

export async function createWriter(format: Format, sink: Sink, info: RunInfo, revocation: { count: number }): Promise<ReportWriter> {
  switch (format) {
    case 'text':
      return new TextWriter(sink, info, revocation);
    case 'jsonl':
      return new JsonlWriter(sink, info);
    case 'json':
      return new JsonWriter(sink, info);
    case 'csv': {
      const { CsvWriter } = await import('./csv-report.js');
      return new CsvWriter(sink, info);
    }
    case 'html': {
      const { HtmlWriter } = await import('./html-report.js');
      return new HtmlWriter(sink, info);
    }
  }
}
