// The event loop while verifyMany runs: the longest block (perf_hooks.monitorEventLoopDelay),
// for N documents of every format from samples/. Usage: node bench/verify-many-loop.mjs [N] [concurrency]
// (run `npm run build` first).
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { verifyMany } from '../dist/node.js';
import { TrustStore } from '../dist/index.js';

const samples = new URL('../samples/', import.meta.url);
const read = (p) => new Uint8Array(readFileSync(new URL(p, samples)));
const kinds = [
  read('pdf/person-signed.pdf'),
  read('pdf/person-then-organization.pdf'),
  read('xml/organization.xml'),
  read('edxml/signed.edxml'),
  { bytes: read('cms/rsa-sha256.txt.p7s'), content: read('cms/rsa-sha256.txt') },
];
const n = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? 2);
const trust = TrustStore.from(readFileSync(new URL('pki/kyso-test-root.pem', samples), 'utf8'));
// Two histograms: the whole run, and the run after the first report (the pool's start-up excluded).
const whole = monitorEventLoopDelay({ resolution: 1 });
const steady = monitorEventLoopDelay({ resolution: 1 });
whole.enable();
const started = performance.now();
let count = 0;
for await (const report of verifyMany(Array.from({ length: n }, (_, i) => kinds[i % kinds.length]), { trust, at: new Date('2026-06-01T00:00:00Z'), concurrency })) {
  if (report.indication) count++;
  if (count === 1) steady.enable();
}
whole.disable();
steady.disable();
const histogram = steady;
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ documents: count, concurrency, seconds: +seconds.toFixed(1), perSecond: +(count / seconds).toFixed(1), eventLoopMaxMs: +(histogram.max / 1e6).toFixed(1), eventLoopMaxWithStartupMs: +(whole.max / 1e6).toFixed(1), eventLoopP99Ms: +(histogram.percentile(99) / 1e6).toFixed(1) }));
