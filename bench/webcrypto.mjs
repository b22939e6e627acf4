// Which WebCrypto should kyso use? Measures RSA-2048/SHA-256 and ECDSA P-256 signature
// verification — the operation kyso repeats for every signature and certificate — with
// Node's platform WebCrypto and @peculiar/webcrypto, on the same keys and data in the same
// run. Prints medians of several rounds and the ratio.
import { Crypto } from '@peculiar/webcrypto';

const ROUNDS = 7;
const PER_ROUND = 300;
const data = new TextEncoder().encode('Công văn số 123/UBND-VP'.repeat(20));

async function fixture(subtle, algorithm, importAlgorithm, verifyAlgorithm) {
  const pair = await globalThis.crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const signature = await globalThis.crypto.subtle.sign(verifyAlgorithm, pair.privateKey, data);
  const spki = await globalThis.crypto.subtle.exportKey('spki', pair.publicKey);
  return { subtle, spki, signature, importAlgorithm, verifyAlgorithm };
}

async function round({ subtle, spki, signature, importAlgorithm, verifyAlgorithm }) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) {
    const key = await subtle.importKey('spki', spki, importAlgorithm, false, ['verify']);
    if (!(await subtle.verify(verifyAlgorithm, key, signature, data))) throw new Error('verify failed');
  }
  return Number(process.hrtime.bigint() - start) / 1e6 / PER_ROUND;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const engines = { platform: globalThis.crypto.subtle, '@peculiar/webcrypto': new Crypto().subtle };
const cases = {
  'RSA-2048 PKCS#1 v1.5 SHA-256': [
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    { name: 'RSASSA-PKCS1-v1_5' },
  ],
  'ECDSA P-256 SHA-256': [
    { name: 'ECDSA', namedCurve: 'P-256' },
    { name: 'ECDSA', namedCurve: 'P-256' },
    { name: 'ECDSA', hash: 'SHA-256' },
  ],
};

for (const [label, [generate, importAlgorithm, verifyAlgorithm]] of Object.entries(cases)) {
  const results = {};
  for (const [engine, subtle] of Object.entries(engines)) {
    const f = await fixture(subtle, generate, importAlgorithm, verifyAlgorithm);
    await round(f); // warm-up
    const times = [];
    for (let r = 0; r < ROUNDS; r++) times.push(await round(f));
    results[engine] = median(times);
  }
  const ratio = results['@peculiar/webcrypto'] / results.platform;
  console.log(`${label}: platform ${results.platform.toFixed(4)} ms, @peculiar/webcrypto ${results['@peculiar/webcrypto'].toFixed(4)} ms per import+verify (median of ${ROUNDS}); peculiar/platform = ${ratio.toFixed(2)}`);
}
