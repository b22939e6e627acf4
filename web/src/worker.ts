/**
 * The verification worker: kyso's core runs here so the page stays responsive while a
 * 100 MB PDF is hashed. Documents are read slice by slice from the File the user gave
 * (blobSource); nothing is sent anywhere unless the batch asks for online revocation.
 */
import {
  TrustStore,
  blobSource,
  classifyRevocationData,
  createFetchFetcher,
  createWasmHashFactory,
  detectFormat,
  verify,
  type ByteSource,
  type VerifyOptions,
} from '../../src/browser.js';
import type { BatchOptions, FromWorker, SetupProblem, ToWorker } from './protocol.js';

const post = (message: FromWorker): void => (globalThis as unknown as { postMessage(m: FromWorker): void }).postMessage(message);

const bundled = TrustStore.bundled();
const hashFactory = createWasmHashFactory();

/** Suffixes of detached signatures whose content is the same name without the suffix (as kyso/node pairs files). */
const DETACHED_SUFFIXES = ['.p7s', '.sig'];

async function headFormat(file: File): Promise<string> {
  return detectFormat(new Uint8Array(await file.slice(0, 1024).arrayBuffer()));
}

/** Pairs `x.pdf.p7s` with `x.pdf` when both were given and the first is a CMS signature. */
async function pairDocuments(files: readonly File[]): Promise<{ file: File; content?: File }[]> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const contentOf = new Map<File, File>();
  for (const file of files) {
    const suffix = DETACHED_SUFFIXES.find((s) => file.name.toLowerCase().endsWith(s));
    if (!suffix) continue;
    const content = byName.get(file.name.slice(0, -suffix.length));
    if (!content || content === file) continue;
    const format = await headFormat(file);
    if (format === 'cms' || format === 'cms-pem') contentOf.set(file, content);
  }
  const consumed = new Set(contentOf.values());
  return files.filter((f) => !consumed.has(f) || contentOf.has(f)).map((file) => {
    const content = contentOf.get(file);
    return content ? { file, content } : { file };
  });
}

async function buildOptions(options: BatchOptions, problems: SetupProblem[]): Promise<VerifyOptions> {
  let trust = options.noDefaultTrust ? TrustStore.empty() : await bundled;
  for (const file of options.trustFiles) {
    try {
      trust = trust.withAnchors(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      problems.push({ file: file.name, what: 'trust', detail: (error as Error).message });
    }
  }
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  for (const file of options.revocationFiles) {
    const kind = classifyRevocationData(new Uint8Array(await file.arrayBuffer()));
    if (kind.type === 'crl') crls.push(kind.der);
    else if (kind.type === 'ocsp') ocspResponses.push(kind.der);
    else problems.push({ file: file.name, what: 'revocation' });
  }
  return {
    trust,
    hashFactory: await hashFactory,
    at: options.at === undefined ? new Date() : new Date(options.at),
    revocation: { crls, ocspResponses, mode: options.revocationMode, fetch: options.online ? createFetchFetcher() : false },
    ...(options.passwords.length > 0 ? { passwords: options.passwords } : {}),
  };
}

/** Reports how far the core has read into a document, at most every 100 ms. */
function withProgress(source: ByteSource, onProgress: (read: number) => void): ByteSource {
  let furthest = 0;
  let last = 0;
  return {
    size: source.size,
    async read(offset, length) {
      const bytes = await source.read(offset, length);
      const end = offset + bytes.length;
      if (end > furthest) furthest = end;
      const now = Date.now();
      if (now - last > 100) {
        last = now;
        onProgress(furthest);
      }
      return bytes;
    },
  };
}

async function runBatch(request: ToWorker): Promise<void> {
  const { batch } = request;
  const problems: SetupProblem[] = [];
  const options = await buildOptions(request.options, problems);
  const documents = await pairDocuments(request.files);
  post({
    type: 'batch-start',
    batch,
    validationTime: options.at!.toISOString(),
    documents: documents.map((d) => ({ name: d.file.name, size: d.file.size, ...(d.content ? { content: d.content.name } : {}) })),
    problems,
  });
  for (const [index, { file, content }] of documents.entries()) {
    const started = performance.now();
    try {
      const source = withProgress(blobSource(file), (read) => post({ type: 'progress', batch, index, read, size: file.size }));
      const report = await verify(source, { ...options, ...(content ? { content: blobSource(content) } : {}) });
      post({ type: 'result', batch, index, report, ms: performance.now() - started });
    } catch (error) {
      // verify() throws only for programmer errors; show it rather than lose the document.
      post({ type: 'failure', batch, index, message: error instanceof Error ? error.message : String(error) });
    }
  }
  post({ type: 'batch-done', batch });
}

globalThis.addEventListener('message', (event: Event) => {
  const request = (event as MessageEvent<ToWorker>).data;
  if (request?.type !== 'verify') return;
  runBatch(request).catch((error: unknown) => post({ type: 'batch-error', batch: request.batch, message: error instanceof Error ? error.message : String(error) }));
});

Promise.all([bundled, hashFactory]).then(
  ([store]) => post({ type: 'ready', bundledAnchors: store.anchors.length, bundledIntermediates: store.intermediates.length }),
  () => post({ type: 'ready', bundledAnchors: 0, bundledIntermediates: 0 }),
);
