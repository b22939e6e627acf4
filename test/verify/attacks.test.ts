/** Hostile CMS signatures found in a security review (test/fixtures/attacks/cms/README.md). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/cms/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

describe('hostile CMS signatures', () => {
  it.each([
    ['c01-indef-attrs-sig-over-der', 'TOTAL_FAILED/FORMAT_FAILURE'],
    ['c02-indef-attrs-sig-over-raw', 'TOTAL_FAILED/FORMAT_FAILURE'],
    ['c07-ess-v1-v2-contradict', 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND'],
    ['c08-ess-issuerserial-elsewhere', 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND'],
    ['c11-sha1rsa-sigalg-sha256-digest', 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE'],
    ['c11b-ecdsa-sha1-sigalg', 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE'],
    ['c11c-pss-sha1-default-params', 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE'],
    ['c17c-tsa-signs-document', 'INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE'],
    ['c17d-ocsp-responder-signs-document', 'INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE'],
    ['c20-ts-before-notbefore', 'TOTAL_FAILED/NOT_YET_VALID'],
    ['k01-rsa-e1', 'TOTAL_FAILED/SIG_CRYPTO_FAILURE'],
  ])('%s → %s', async (name, expected) => {
    const p7s = new Uint8Array(readFileSync(`${ATTACKS}${name}.txt.p7s`));
    const content = new Uint8Array(readFileSync(`${ATTACKS}${name}.txt`));
    const report = await verify(p7s, { trust, at: AT, content });
    const verdicts = report.signatures.map((s) => `${s.indication}/${s.subIndication}`);
    expect(verdicts.length > 0 ? verdicts : [`${report.indication}/${report.subIndication}`]).toEqual([expected]);
  });
});
