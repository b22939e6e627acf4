/**
 * The page: files in, verdicts out. Verification runs in a Web Worker (worker.ts); this
 * thread only renders. Query parameters: `lang=vi|en`, `at=ISO-8601` (the validation
 * time, for reproducible reports).
 */
import type { CliJsonOutput, CliRunCounts } from '../../src/browser.js';
import { MAX_PASSWORDS } from '../../src/formats/limits.js';
import { WORDS, fill, type Lang } from './i18n.js';
import type { BatchOptions, FromWorker, RevocationMode, ToWorker } from './protocol.js';
import { type DocumentEntry, formatBytes, renderEntry, standaloneReport } from './render.js';

declare const __KYSO_VERSION__: string;
const VERSION = __KYSO_VERSION__;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
};

const params = new URLSearchParams(location.search);
let lang: Lang = params.get('lang') === 'en' ? 'en' : 'vi';
const atInput = $<HTMLInputElement>('at');
if (params.get('at')) atInput.value = params.get('at')!;

let bundledCounts: { anchors: number; intermediates: number } | undefined;
let allFiles: File[] = [];
let entries: DocumentEntry[] = [];
let validationTime = '';
let problems: string[] = [];
let running: { batch: number; offset: number } | undefined;
const queue: File[][] = [];
let batchCounter = 0;
let worker: Worker = startWorker();

// Offline once loaded, reloads included: the build's service worker (web/offline.ts) keeps
// every file of the page. A file:// page or a browser without service workers simply has none.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}

function startWorker(): Worker {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (event: MessageEvent<FromWorker>) => onWorkerMessage(event.data));
  w.addEventListener('error', (event) => {
    problems.push(fill(WORDS[lang].failure, { message: event.message || 'worker error' }));
    finishBatch();
  });
  return w;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function readOptions(): BatchOptions | undefined {
  const at = atInput.value.trim();
  if (at !== '' && (!ISO.test(at) || Number.isNaN(new Date(at).getTime()))) {
    setStatus(WORDS[lang].atInvalid);
    atInput.focus();
    return undefined;
  }
  const passwords = $<HTMLTextAreaElement>('passwords')
    .value.split(/\r?\n/)
    .filter((line) => line !== '');
  if (passwords.length > MAX_PASSWORDS) {
    setStatus(fill(WORDS[lang].tooManyPasswords, { max: MAX_PASSWORDS }));
    $<HTMLTextAreaElement>('passwords').focus();
    return undefined;
  }
  return {
    ...(at !== '' ? { at: new Date(at).toISOString() } : {}),
    trustFiles: Array.from($<HTMLInputElement>('trust').files ?? []),
    noDefaultTrust: $<HTMLInputElement>('no-default-trust').checked,
    revocationFiles: Array.from($<HTMLInputElement>('revocation').files ?? []),
    revocationMode: $<HTMLSelectElement>('mode').value as RevocationMode,
    online: $<HTMLInputElement>('online').checked,
    passwords,
  };
}

function addFiles(files: File[]): void {
  if (files.length === 0) return;
  allFiles.push(...files);
  queue.push(files);
  pump();
}

function pump(): void {
  if (running || queue.length === 0) return;
  const options = readOptions();
  if (!options) {
    queue.length = 0;
    return;
  }
  const files = queue.shift()!;
  running = { batch: ++batchCounter, offset: entries.length };
  document.body.dataset['state'] = 'working';
  updateButtons();
  const message: ToWorker = { type: 'verify', batch: running.batch, files, options };
  worker.postMessage(message);
}

let batchesDone = 0;

function finishBatch(): void {
  running = undefined;
  // For scripts and tests: a count that only grows, so a batch that ends quickly is not missed.
  document.body.dataset['batchesDone'] = String(++batchesDone);
  if (queue.length > 0) pump();
  else {
    document.body.dataset['state'] = 'idle';
    summary();
  }
  updateButtons();
  renderAll();
}

function onWorkerMessage(message: FromWorker): void {
  if (message.type === 'ready') {
    bundledCounts = { anchors: message.bundledAnchors, intermediates: message.bundledIntermediates };
    if (document.body.dataset['state'] === 'loading') {
      document.body.dataset['state'] = 'idle';
      setStatus(WORDS[lang].ready);
    }
    translate();
    return;
  }
  if (!running || message.batch !== running.batch) return;
  const base = running.offset;
  switch (message.type) {
    case 'batch-start':
      validationTime = message.validationTime;
      for (const p of message.problems) {
        const detail = p.what === 'trust' ? `${WORDS[lang].notCertificate} (${p.detail ?? ''})` : WORDS[lang].notRevocation;
        problems.push(fill(WORDS[lang].problem, { file: p.file, detail }));
      }
      for (const d of message.documents) entries.push({ name: d.name, size: d.size, ...(d.content ? { content: d.content } : {}) });
      renderAll();
      break;
    case 'progress': {
      const el = document.querySelectorAll<HTMLElement>('#results > article')[base + message.index];
      const bar = el?.querySelector('progress');
      if (bar) bar.value = message.size ? message.read / message.size : 0;
      setStatus(
        `${fill(WORDS[lang].working, { index: message.index + 1, total: entries.length - base, name: entries[base + message.index]?.name ?? '' })} — ${fill(WORDS[lang].readProgress, { read: formatBytes(message.read), size: formatBytes(message.size) })}`,
      );
      break;
    }
    case 'result':
      entries[base + message.index] = { ...entries[base + message.index]!, report: message.report, ms: message.ms };
      renderOne(base + message.index);
      nextStatus(base, message.index + 1);
      break;
    case 'failure':
      entries[base + message.index] = { ...entries[base + message.index]!, failure: message.message };
      renderOne(base + message.index);
      nextStatus(base, message.index + 1);
      break;
    case 'batch-done':
      finishBatch();
      break;
    case 'batch-error':
      problems.push(fill(WORDS[lang].failure, { message: message.message }));
      finishBatch();
      break;
  }
}

function nextStatus(base: number, next: number): void {
  const entry = entries[base + next];
  if (entry) setStatus(fill(WORDS[lang].working, { index: next + 1, total: entries.length - base, name: entry.name }));
}

function setStatus(text: string): void {
  $('status').textContent = text;
}

function counts(): CliRunCounts {
  const reports = entries.map((e) => e.report?.indication);
  return {
    total: reports.length,
    passed: reports.filter((r) => r === 'TOTAL_PASSED').length,
    failed: reports.filter((r) => r === 'TOTAL_FAILED').length,
    indeterminate: reports.filter((r) => r === 'INDETERMINATE').length,
    unsigned: reports.filter((r) => r === 'NO_SIGNATURE').length,
    ...(reports.some((r) => r === undefined) ? { errors: reports.filter((r) => r === undefined).length } : {}),
  };
}

function summary(): void {
  if (entries.length === 0) return;
  setStatus(fill(WORDS[lang].done, { ...counts() }));
}

function renderOne(index: number): void {
  const el = document.querySelectorAll<HTMLElement>('#results > article')[index];
  if (!el) return renderAll();
  const holder = document.createElement('div');
  // Safe: renderEntry escapes every value taken from a report or a file name.
  holder.innerHTML = renderEntry(entries[index]!, lang);
  el.replaceWith(holder.firstElementChild!);
}

function renderAll(): void {
  const results = $('results');
  results.innerHTML = entries.length ? entries.map((e) => renderEntry(e, lang)).join('') : `<p class="muted">${WORDS[lang].empty}</p>`;
  $('problems').innerHTML = '';
  for (const p of problems) {
    const li = document.createElement('li');
    li.textContent = p;
    $('problems').append(li);
  }
}

function updateButtons(): void {
  const busy = running !== undefined;
  const done = entries.some((e) => e.report);
  $<HTMLButtonElement>('again').disabled = busy || allFiles.length === 0;
  $<HTMLButtonElement>('stop').disabled = !busy;
  $<HTMLButtonElement>('export-json').disabled = busy || !done;
  $<HTMLButtonElement>('export-html').disabled = busy || !done;
  $<HTMLButtonElement>('clear').disabled = busy || entries.length === 0;
}

function translate(): void {
  const w = WORDS[lang] as unknown as Record<string, unknown>;
  document.documentElement.lang = lang;
  document.title = String(w['title']);
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-t]'))) {
    const text = w[el.dataset['t']!];
    if (typeof text === 'string') el.textContent = text;
  }
  $('bundled').textContent = bundledCounts ? fill(WORDS[lang].bundled, bundledCounts) : '';
  $('footer').textContent = fill(WORDS[lang].footer, { version: VERSION });
  if (document.body.dataset['state'] === 'loading') setStatus(WORDS[lang].loading);
  else if (document.body.dataset['state'] === 'idle') {
    if (entries.length) summary();
    else setStatus(WORDS[lang].ready);
  }
  renderAll();
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The shape of `kyso verify --format json`, with the file name as `path`. */
function jsonReport(): string {
  const documents = entries.filter((e) => e.report).map((e) => ({ path: e.name, ...e.report! }));
  const output: CliJsonOutput = { kyso: VERSION, validationTime, documents, summary: counts() };
  return `${JSON.stringify(output, null, 2)}\n`;
}

function pageCss(): string {
  let css = '';
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) css += `${rule.cssText}\n`;
    } catch {
      // A sheet the page cannot read is not ours; the report goes without it.
    }
  }
  return css;
}

function stamp(): string {
  return (validationTime || new Date().toISOString()).replace(/[:.]/g, '-');
}

$('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(null, '', url);
  translate();
});

const input = $<HTMLInputElement>('files');
input.addEventListener('change', () => {
  addFiles(Array.from(input.files ?? []));
  input.value = '';
});

const drop = $('drop');
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  addFiles(Array.from(event.dataTransfer?.files ?? []));
});
drop.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    input.click();
  }
});
// A file dropped outside the drop zone would make the browser navigate away from the results.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => event.preventDefault());

$('again').addEventListener('click', () => {
  const files = allFiles;
  entries = [];
  problems = [];
  allFiles = [];
  renderAll();
  addFiles(files);
});

$('stop').addEventListener('click', () => {
  // The core has no cancellation point inside a document: ending the worker is the sure way.
  worker.terminate();
  queue.length = 0;
  entries = entries.filter((e) => e.report || e.failure);
  running = undefined;
  worker = startWorker();
  document.body.dataset['state'] = 'idle';
  setStatus(WORDS[lang].stopped);
  updateButtons();
  renderAll();
});

$('clear').addEventListener('click', () => {
  entries = [];
  problems = [];
  allFiles = [];
  validationTime = '';
  renderAll();
  setStatus(WORDS[lang].ready);
  updateButtons();
});

$('export-json').addEventListener('click', () => download(`kyso-${stamp()}.json`, 'application/json', jsonReport()));
$('export-html').addEventListener('click', () =>
  download(`kyso-${stamp()}.html`, 'text/html', standaloneReport(entries.filter((e) => e.report || e.failure), validationTime, VERSION, pageCss(), lang)),
);

translate();
updateButtons();
