// The training run behind the command's code cache (scripts/bundle-cli.mjs): loads the
// bundle as bin/kyso.js does, verifies two small signed PDFs of samples/ in one run (offline,
// output dropped), then writes the cache: the build id, then V8's data, which now holds the
// functions that run compiled. Without samples/ the cache holds the start-up code only.
// The second PDF has two signatures, so the change analysis of a later revision is in the
// cache too (measured on the 1,000-page, five-signature bench PDF: those functions were
// otherwise parsed and compiled on the main thread at their first call). Training on every
// PDF of samples/ (one run each) was measured as well: a 1.29 MB cache, whose loading cost
// every run more than it saved.
// Usage: node scripts/train-cli-cache.mjs BUNDLE CACHE BUILD_ID REPO
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_ID_LENGTH, loadBundle } from '../bin/load-bundle.js';

async function train() {
  const [file, cacheFile, buildId, root] = process.argv.slice(2);
  if (!file || !cacheFile || !root || buildId?.length !== BUILD_ID_LENGTH) throw new Error('usage: train-cli-cache.mjs BUNDLE CACHE BUILD_ID REPO');
  const { exports, script } = loadBundle((specifier) => import(specifier), file, '/dev/null');
  const sample = join(root, 'samples/pdf/person-signed.pdf');
  const anchor = join(root, 'samples/pki/kyso-test-root.pem');
  const quiet = { stdout: () => undefined, stderr: () => undefined };
  if (existsSync(sample) && existsSync(anchor)) {
    // A different verdict (a sample made again) still trains the same code: said, not fatal.
    const code = await exports.main(['verify', '--no-default-trust', '--trust', anchor, '--at', '2026-06-01T00:00:00Z', sample, join(root, 'samples/pdf/person-then-organization.pdf')], quiet);
    if (code !== 0) process.stderr.write(`train-cli-cache: the training run ended with exit code ${code} (expected 0)\n`);
  } else {
    await exports.main(['--version'], quiet);
  }
  writeFileSync(cacheFile, Buffer.concat([Buffer.from(buildId, 'latin1'), script.createCachedData()]));
}

train().catch((error) => {
  process.stderr.write(`train-cli-cache: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
