// Builds the benchmark corpus from the committed samples with the same independent tools
// the samples use (qpdf, poppler's pdfsig with an NSS database, faketime), into
// bench/.corpus/ (not committed: it is large and rebuilt on demand). Each piece is made
// once and reused by later runs; delete the folder to rebuild.
//
//   big-200.pdf, big-1000.pdf   one pdfsig signature over a PDF with a large embedded file
//   pages-1000-signatures-5.pdf 1,000 pages (about 2,900 objects), five pdfsig signatures = 6 revisions
//   pages-N-signatures-M.pdf    the scale series (pages × signatures)
//   folder/                     2,000 small signed PDFs (copies of the signed samples)
//   p7s/, xml/                  the .p7s and XML samples with their content
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLES = join(REPO, 'samples');
export const CORPUS = join(REPO, 'bench', '.corpus');
/** The samples' reference time (samples/README.md): every certificate is valid then. */
export const AT = '2026-06-01T00:00:00Z';
const SIGNING_TIME = '2025-03-01 09:00:00';

/**
 * The environments a Node process is timed in where start-up weighs (one small PDF, the
 * multi-revision PDF): this machine's own, and, when it sets NODE_EXTRA_CA_CERTS, the same
 * without it. Node parses every certificate of that file when it starts, before any script
 * runs: here the system bundle of about 140 certificates, measured +28 ms wall and +30 ms
 * CPU on `node -e 0` (21 → 49 ms). That cost is the same for `node -e 0` and for kyso, so
 * it flatters a ratio to `node -e 0` and weighs on a ratio to pdfsig; most machines do not
 * set the variable. Both rows are printed, each ratio against `node -e 0` in its own
 * environment.
 */
export function nodeEnvironments() {
  const here = { name: 'this machine', env: process.env };
  if (!process.env.NODE_EXTRA_CA_CERTS) return [here];
  const { NODE_EXTRA_CA_CERTS, ...without } = process.env;
  return [
    { name: `this machine (NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS})`, env: process.env },
    { name: 'without NODE_EXTRA_CA_CERTS', env: without },
  ];
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/** The NSS database pdfsig signs and verifies with, built from the openssl test PKI. */
export function nssDatabase() {
  const dir = join(CORPUS, 'nss');
  if (existsSync(join(dir, 'cert9.db'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  const p12 = join(CORPUS, 'person.p12');
  run('openssl', ['pkcs12', '-export', '-in', join(SAMPLES, 'ca/person.pem'), '-inkey', join(SAMPLES, 'ca/person.key'), '-name', 'person', '-passout', 'pass:', '-out', p12]);
  run('pk12util', ['-i', p12, '-d', `sql:${dir}`, '-W', '']);
  run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'kyso-test-root', '-t', 'CT,C,C', '-i', join(SAMPLES, 'pki/kyso-test-root.pem')]);
  run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'kyso-test-intermediate', '-t', ',,', '-i', join(SAMPLES, 'ca/intermediate.pem')]);
  return dir;
}

function pdfsig(args) {
  run('faketime', ['-f', SIGNING_TIME, 'pdfsig', '-nssdir', `sql:${nssDatabase()}`, '-nick', 'person', '-digest', 'SHA256', ...args]);
}

/** A file of `megabytes` pseudo-random MiB (incompressible, so qpdf stores it as is). */
function noise(path, megabytes) {
  const chunk = Buffer.alloc(1 << 20);
  let state = 0x9e3779b9;
  const fd = openSync(path, 'w');
  for (let m = 0; m < megabytes; m++) {
    for (let i = 0; i < chunk.length; i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      chunk.writeUInt32LE(state >>> 0, i);
    }
    writeSync(fd, chunk);
  }
  closeSync(fd);
}

/** Writes `out` through a temporary name so that an interrupted build is never reused. */
function build(out, make) {
  if (existsSync(out)) return out;
  mkdirSync(CORPUS, { recursive: true });
  const partial = `${out}.partial`;
  rmSync(partial, { recursive: true, force: true });
  make(partial);
  renameSync(partial, out);
  return out;
}

export function bigPdf(megabytes) {
  return build(join(CORPUS, `big-${megabytes}.pdf`), (out) => {
    const payload = join(CORPUS, `payload-${megabytes}.bin`);
    const unsigned = join(CORPUS, `big-${megabytes}-unsigned.pdf`);
    noise(payload, megabytes);
    run('qpdf', [join(SAMPLES, 'pdf/unsigned-fields.pdf'), '--add-attachment', payload, '--', unsigned]);
    rmSync(payload);
    pdfsig(['-sign', 'SigPerson', unsigned, out]);
    rmSync(unsigned);
  });
}

/** `pages` pages of the sample, then `signatures` pdfsig signatures, each in its own revision. */
export function pagesPdf(pages, signatures) {
  return build(join(CORPUS, `pages-${pages}-signatures-${signatures}.pdf`), (out) => {
    const copies = Array.from({ length: pages }, () => join(SAMPLES, 'pdf/unsigned-fields.pdf'));
    let previous = join(CORPUS, `pages-${pages}-0.pdf`);
    run('qpdf', ['--empty', '--pages', ...copies, '--', previous]);
    for (let i = 1; i <= signatures; i++) {
      const next = join(CORPUS, `pages-${pages}-${i}.pdf`);
      pdfsig(['-add-signature', '-new-signature-field-name', `Sig${i}`, previous, next]);
      rmSync(previous);
      previous = next;
    }
    renameSync(previous, out);
  });
}

export function revisionsPdf() {
  return pagesPdf(1000, 5);
}

/** The signed PDF samples a folder of small documents is made of (valid ones and failing ones). */
const SMALL_PDFS = ['person-signed.pdf', 'person-then-organization.pdf', 'dss-after-signing.pdf', 'certified-p2-then-signed.pdf', 'tampered.pdf', 'document-timestamp.pdf'];

export function smallPdfFolder(count = 2000) {
  return build(join(CORPUS, `folder-${count}`), (out) => {
    mkdirSync(out, { recursive: true });
    for (let i = 0; i < count; i++) {
      const name = SMALL_PDFS[i % SMALL_PDFS.length];
      copyFileSync(join(SAMPLES, 'pdf', name), join(out, `${String(i).padStart(5, '0')}-${name}`));
    }
  });
}

/** Sample files of one folder with a suffix, sorted. */
export function sampleFiles(folder, suffix) {
  return readdirSync(join(SAMPLES, folder))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(SAMPLES, folder, name));
}

export function sizeOf(path) {
  return statSync(path).size;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(CORPUS, { recursive: true });
  for (const path of [bigPdf(200), revisionsPdf(), smallPdfFolder()]) console.log(path);
  writeFileSync(join(CORPUS, '.built'), new Date().toISOString());
}
