// Big detached content: kyso must hash it streaming, with memory flat as the file grows.
// Signs files of growing size with `openssl cms -sign` (the peer), then times
// `openssl cms -verify` and kyso's verifyFile on each, and records kyso's peak RSS growth.
// Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { verifyFile } = await import(join(repo, 'dist/node.js'));
const { TrustStore } = await import(join(repo, 'dist/index.js'));
const ca = join(repo, 'samples/ca');
const trust = TrustStore.from(readFileSync(join(repo, 'samples/pki/kyso-test-root.pem'), 'utf8'));
const at = new Date('2026-06-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'kyso-bench-'));
const ROUNDS = 3;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function makeFile(path, megabytes) {
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 0xff;
  const fd = openSync(path, 'w');
  for (let i = 0; i < megabytes; i++) writeSync(fd, chunk);
  closeSync(fd);
}

try {
  console.log('size    openssl cms -verify   kyso verifyFile   kyso/openssl   kyso RSS growth');
  for (const megabytes of [16, 64, 256]) {
    const content = join(dir, `content-${megabytes}.bin`);
    const signature = `${content}.p7s`;
    makeFile(content, megabytes);
    execFileSync('openssl', ['cms', '-sign', '-binary', '-outform', 'DER', '-in', content, '-out', signature,
      '-signer', join(ca, 'person.pem'), '-inkey', join(ca, 'person.key'), '-certfile', join(ca, 'intermediate.pem')]);
    const opensslTimes = [];
    for (let r = 0; r < ROUNDS; r++) {
      const start = process.hrtime.bigint();
      execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', signature, '-content', content,
        '-CAfile', join(repo, 'samples/pki/kyso-test-root.pem'), '-out', '/dev/null'], { stdio: 'ignore' });
      opensslTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const kysoTimes = [];
    let growth = 0;
    for (let r = 0; r < ROUNDS; r++) {
      globalThis.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
      const start = process.hrtime.bigint();
      const report = await verifyFile(signature, { trust, at });
      kysoTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      growth = Math.max(growth, peak - before);
      if (report.indication !== 'TOTAL_PASSED') throw new Error(`unexpected ${report.indication}`);
    }
    const o = median(opensslTimes);
    const k = median(kysoTimes);
    console.log(`${String(megabytes).padStart(4)} MB  ${o.toFixed(0).padStart(12)} ms  ${k.toFixed(0).padStart(12)} ms  ${(k / o).toFixed(2).padStart(10)}  ${(growth / 1048576).toFixed(1).padStart(10)} MB`);
    rmSync(content);
    rmSync(signature);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
