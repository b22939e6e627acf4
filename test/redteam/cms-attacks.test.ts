/**
 * Red team: detached CMS signatures whose signed attributes or signer identifier lie
 * (test/fixtures/attacks/cms/README.md, rows r03–r10; made by samples/make-attacks.sh with
 * python3's `cryptography` and the test PKI's keys). RFC 5652 §5.3 and §11 are the rules.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/cms/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function check(name: string): Promise<DocumentReport> {
  const p7s = new Uint8Array(readFileSync(`${ATTACKS}${name}.txt.p7s`));
  const content = new Uint8Array(readFileSync(`${ATTACKS}${name}.txt`));
  return verify(p7s, { trust, at: AT, content });
}

describe('signed attributes and signer identifiers that lie', () => {
  it.each([
    ['r03-no-message-digest', 'TOTAL_FAILED/FORMAT_FAILURE'],
    ['r04-content-type-mismatch', 'TOTAL_FAILED/FORMAT_FAILURE'],
    ['r05-two-message-digests', 'TOTAL_FAILED/FORMAT_FAILURE'],
    ['r06-message-digest-two-values', 'TOTAL_FAILED/FORMAT_FAILURE'],
    ['r07-sid-names-other-certificate', 'TOTAL_FAILED/SIG_CRYPTO_FAILURE'],
    // Passed before: RFC 5652 §5.3 requires signed attributes when eContentType is not id-data.
    ['r08-other-econtent-type-no-attrs', 'TOTAL_FAILED/FORMAT_FAILURE'],
    ['r09-control', 'TOTAL_PASSED/'],
    ['r10-two-content-types', 'TOTAL_FAILED/FORMAT_FAILURE'],
  ])('%s → %s', async (name, expected) => {
    const report = await check(name);
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual([expected]);
  });
});
