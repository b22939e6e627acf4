// The training run behind the command's code cache (scripts/bundle-cli.mjs): loads the
// bundle as bin/kyso.js does, verifies two small signed PDFs of samples/ in one run (offline,
// output dropped), then writes the cache: the build id, then V8's data, which now holds the
// functions that run compiled. Without samples/ the cache holds the start-up code only.
// The second PDF has two signatures, so the change analysis of a later revision is in the
// cache too (measured on the 1,000-page, five-signature bench PDF: those functions were
// otherwise parsed and compiled on the main thread at their first call). Training on every
// PDF of samples/ (one run each) was measured as well: a 1.29 MB cache, whose loading cost
// every run more than it saved.
//
// The extras script (bin/load-bundle.js) gets its own cache, taken after the same process has
// verified an edXML package and a signed XML document with the core's cache already written:
// the core's cache then holds only what PDFs run through.
// Usage: node scripts/train-cli-cache.mjs BUNDLE BUILD_ID EXTRAS EXTRAS_BUILD_ID REPO
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_ID_LENGTH, loadBundle } from '../bin/load-bundle.js';

async function train() {
  const [file, buildId, extrasFile, extrasBuildId, root] = process.argv.slice(2);
  if (!file || !extrasFile || !root || buildId?.length !== BUILD_ID_LENGTH || extrasBuildId?.length !== BUILD_ID_LENGTH) {
    throw new Error('usage: train-cli-cache.mjs BUNDLE BUILD_ID EXTRAS EXTRAS_BUILD_ID REPO');
  }
  // No cache offered: a stale one must not decide what is compiled.
  const bundle = loadBundle((specifier) => import(specifier), { file, cacheFile: '/dev/null', extrasFile, extrasCacheFile: '/dev/null' });
  const { exports, script } = bundle;
  const anchor = join(root, 'samples/pki/kyso-test-root.pem');
  const quiet = { stdout: () => undefined, stderr: () => undefined };
  // A different verdict (a sample made again) still trains the same code: said, not fatal.
  const verify = async (...files) => {
    const code = await exports.main(['verify', '--no-default-trust', '--trust', anchor, '--at', '2026-06-01T00:00:00Z', ...files], quiet);
    if (code !== 0) process.stderr.write(`train-cli-cache: the training run over ${files.join(', ')} ended with exit code ${code} (expected 0)\n`);
  };
  const pdfs = ['samples/pdf/person-signed.pdf', 'samples/pdf/person-then-organization.pdf'].map((path) => join(root, path));
  const xml = ['samples/edxml/signed.edxml', 'samples/xml/organization.xml'].map((path) => join(root, path));
  const samples = existsSync(anchor) && [...pdfs, ...xml].every((path) => existsSync(path));
  if (samples) await verify(...pdfs);
  else await exports.main(['--version'], quiet);
  writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(buildId, 'latin1'), script.createCachedData()]));
  if (samples) await verify(...xml);
  else await exports.main(['metrics', '--help'], quiet);
  const extras = bundle.extras();
  if (!extras) throw new Error('the training run did not load the extras script');
  writeFileSync(`${extrasFile}.cache`, Buffer.concat([Buffer.from(extrasBuildId, 'latin1'), extras.script.createCachedData()]));
}

train().catch((error) => {
  process.stderr.write(`train-cli-cache: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
