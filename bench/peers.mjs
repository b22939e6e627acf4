// kyso against the peer tools on the same sample files, in the same run:
//   CMS (.p7s)  vs `openssl cms -verify`
//   PDF         vs poppler's `pdfsig`
//   XML         vs `xmlsec1 --verify`
// For each group: the peer run once per file (what a script does today), kyso's CLI once
// over all files, and kyso as a library in a warm process. Medians of ROUNDS runs and
// ratios. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const samples = join(repo, 'samples');
const { verify, TrustStore } = await import(join(repo, 'dist/index.js'));
const { verifyFile, nodeHashFactory } = await import(join(repo, 'dist/node.js'));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const AT = '2026-06-01T00:00:00Z';
const root = join(samples, 'pki/kyso-test-root.pem');
const intermediate = join(samples, 'ca/intermediate.pem');
const trust = TrustStore.from(readFileSync(root, 'utf8'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function timeMs(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeMsAsync(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function files(dir, suffix) {
  return readdirSync(join(samples, dir)).filter((f) => f.endsWith(suffix)).sort().map((f) => join(samples, dir, f));
}

const groups = [
  {
    name: 'CMS (.p7s)',
    peer: 'openssl cms -verify',
    files: files('cms', '.p7s'),
    run: (file) => spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file, '-content', file.slice(0, -4),
      '-CAfile', root, '-certfile', intermediate, '-out', '/dev/null'], { stdio: 'ignore' }).status === 0,
  },
  {
    name: 'PDF',
    peer: 'pdfsig',
    files: files('pdf', '.pdf'),
    run: (file) => {
      const out = spawnSync('pdfsig', [file], { encoding: 'utf8' });
      return /Signature is Valid/.test(out.stdout) && !/Signature is Invalid|Digest Mismatch/.test(out.stdout);
    },
  },
  {
    name: 'XML',
    peer: 'xmlsec1 --verify',
    files: files('xml', '.xml'),
    run: (file) => spawnSync('xmlsec1', ['--verify', '--trusted-pem', root, '--untrusted-pem', intermediate, '--id-attr:Id', 'VanBan',
      '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties', file], { stdio: 'ignore' }).status === 0,
  },
];

console.log(`kyso vs peers, ${ROUNDS} rounds, medians (ms for the whole group)\n`);
console.log('group       files  peer (1 process/file)   kyso CLI (1 process)   kyso library (warm)   CLI/peer  library/peer  verdicts agree');
for (const group of groups) {
  const peerTimes = [];
  let peerVerdicts = [];
  for (let r = 0; r < ROUNDS; r++) peerTimes.push(timeMs(() => { peerVerdicts = group.files.map(group.run); }));
  const cliTimes = [];
  for (let r = 0; r < ROUNDS; r++) {
    cliTimes.push(timeMs(() => spawnSync('node', [join(repo, 'bin/kyso.js'), 'verify', '--no-default-trust', '--trust', root, '--at', AT, '--format', 'json', ...group.files], { stdio: 'ignore' })));
  }
  const libTimes = [];
  let kysoVerdicts = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const t = await timeMsAsync(async () => {
      kysoVerdicts = [];
      for (const file of group.files) kysoVerdicts.push((await verifyFile(file, { trust, at: new Date(AT), hashFactory: nodeHashFactory })).indication === 'TOTAL_PASSED');
    });
    if (r > 0) libTimes.push(t); // the first round warms the JIT and the certificate cache
  }
  const agree = peerVerdicts.filter((v, i) => v === kysoVerdicts[i]).length;
  const p = median(peerTimes);
  const c = median(cliTimes);
  const l = median(libTimes);
  console.log(`${group.name.padEnd(11)} ${String(group.files.length).padStart(5)}  ${group.peer.padEnd(20)} ${p.toFixed(0).padStart(4)}  ${c.toFixed(0).padStart(20)}  ${l.toFixed(0).padStart(20)}  ${(c / p).toFixed(2).padStart(8)}  ${(l / p).toFixed(2).padStart(12)}  ${agree}/${group.files.length}`);
  const differ = group.files
    .map((file, i) => ({ file, peer: peerVerdicts[i], kyso: kysoVerdicts[i] }))
    .filter(({ peer, kyso }) => peer !== kyso)
    .map(({ file, peer, kyso }) => `${file.split('/').pop()} (peer ${peer ? 'valid' : 'not valid'}, kyso ${kyso ? 'TOTAL_PASSED' : 'not passed'})`);
  if (differ.length > 0) console.log(`            differ: ${differ.join('; ')}`);
}
