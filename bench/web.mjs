// `node bench/web.mjs`: the browser build's size and the time to verify a 100 MB signed PDF
// in the verification page, in Debian's headless chromium. The PDF is generated here
// (bench/corpus.mjs: pdfsig -sign over a PDF with a 100 MiB embedded file), never committed.
// Also measures how long the page's main thread was ever blocked meanwhile (the longest gap
// between 10 ms timer ticks), which shows the Web Worker keeps the page responsive.
// Nothing here is asserted by tests.
//
//   ROUNDS=3   rounds of the 100 MB verification (default 3, median reported)
//   MB=100     size of the embedded file
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { AT, REPO, SAMPLES, bigPdf } from './corpus.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const MB = Number(process.env.MB ?? 100);
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Bundles an entry that imports `names` from kyso/browser, minified as a page would ship it. */
async function bundleSize(label, names) {
  const dir = mkdtempSync(join(tmpdir(), 'kyso-size-'));
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, `import { ${names.join(', ')} } from ${JSON.stringify(join(REPO, 'src/browser.ts'))};\nexport default [${names.join(', ')}];\n`);
  await build({
    configFile: false,
    logLevel: 'silent',
    // An app build, not library mode: minified the way a page ships it (library mode keeps whitespace in ES output).
    build: { outDir: join(dir, 'out'), rollupOptions: { input: entry, preserveEntrySignatures: 'strict' }, minify: true, target: 'es2022', modulePreload: false },
  });
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(join(dir, 'out'), { recursive: true })) {
    if (!String(file).endsWith('.js')) continue;
    const bytes = readFileSync(join(dir, 'out', String(file)));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  rmSync(dir, { recursive: true, force: true });
  return { label, raw, gzip };
}

const sizes = [
  await bundleSize('`verify` + `TrustStore` (with the bundled trust store)', ['verify', 'TrustStore']),
  await bundleSize('the same + `createWasmHashFactory` + `blobSource` (what the page uses)', ['verify', 'TrustStore', 'createWasmHashFactory', 'blobSource']),
  await bundleSize('`detectFormat` only (tree-shaking check)', ['detectFormat']),
];
console.log('| import from kyso/browser | minified | gzip |\n|---|---|---|');
for (const s of sizes) console.log(`| ${s.label} | ${kib(s.raw)} | ${kib(s.gzip)} |`);

const site = mkdtempSync(join(tmpdir(), 'kyso-web-'));
await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'silent', build: { outDir: site, emptyOutDir: true } });
let total = 0;
let totalGzip = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else {
      const bytes = readFileSync(path);
      total += bytes.length;
      totalGzip += gzipSync(bytes, { level: 9 }).length;
    }
  }
};
walk(site);
console.log(`\nThe built page (web/dist): ${kib(total)}, ${kib(totalGzip)} gzip.`);

const pdf = bigPdf(MB);
const server = await preview({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'silent', build: { outDir: site }, preview: { host: '127.0.0.1', port: 0 } });
const url = server.resolvedUrls.local[0];
const profile = mkdtempSync(join(tmpdir(), 'kyso-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const version = context.browser()?.version() ?? (await context.newPage().then((p) => p.evaluate(() => navigator.userAgent)));
const times = [];
const lags = [];
const workerTimes = [];
let verdict = '';
try {
  for (let round = 0; round < ROUNDS; round++) {
    const page = await context.newPage();
    await page.goto(`${url}?at=${AT}&lang=en`);
    await page.waitForSelector('body[data-state="idle"]');
    await page.setInputFiles('#trust', join(SAMPLES, 'pki/kyso-test-root.pem'));
    await page.evaluate(() => {
      const probe = { last: performance.now(), worst: 0 };
      globalThis.__lag = probe;
      const tick = () => {
        const now = performance.now();
        probe.worst = Math.max(probe.worst, now - probe.last);
        probe.last = now;
        probe.timer = setTimeout(tick, 10);
      };
      tick();
    });
    const start = Date.now();
    await page.setInputFiles('#files', pdf);
    await page.waitForSelector('#results > article[data-indication]:not([data-indication="PENDING"])', { timeout: 600_000 });
    times.push(Date.now() - start);
    lags.push(await page.evaluate(() => (clearTimeout(globalThis.__lag.timer), globalThis.__lag.worst)));
    verdict = await page.getAttribute('#results > article', 'data-indication');
    workerTimes.push(Number(await page.getAttribute('#results > article', 'data-ms')));
    await page.close();
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
  rmSync(site, { recursive: true, force: true });
}
console.log(
  `\n${(statSync(pdf).size / 2 ** 20).toFixed(0)} MiB signed PDF in chromium ${version}: verdict ${verdict}; ` +
    `file picked → verdict shown, median of ${ROUNDS}: ${(median(times) / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(', ')}); ` +
    `in the worker (verify() alone): ${(median(workerTimes) / 1000).toFixed(2)} s; ` +
    `longest main-thread stall meanwhile: ${median(lags).toFixed(0)} ms.`,
);
