/**
 * RFC 3161 §2.4.1: a token requested with certReq false carries no certificate. Its TSA's
 * certificate may travel in the enclosing SignedData's certificate bag, or be known to the
 * verifier (its trust store); either is a candidate only — trust still comes from a path to
 * an anchor with id-kp-timeStamping. Fixtures: samples/make-attacks-fixcms.sh (openssl).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { AT, REPO, sample } from '../helpers.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/cms/${name}`));
const root = () => TrustStore.from(sample('pki/kyso-test-root.pem'));

async function check(name: string, trust: TrustStore) {
  const report = await verify(fixture(`${name}.txt.p7s`), { trust, at: AT, content: fixture(`${name}.txt`) });
  return { report, timestamp: report.signatures[0]!.timestamps[0]! };
}

describe('a timestamp token without certificates', () => {
  it('finds its TSA certificate in the outer certificate bag: the expired signer passes on the timestamp, as samples/cms/expired-timestamped', async () => {
    const { report, timestamp } = await check('ts-tsa-cert-beside-token', root());
    expect(timestamp).toMatchObject({ indication: 'TOTAL_PASSED', genTime: '2020-06-01T09:00:05.000Z', trusted: 'passed' });
    expect(timestamp.tsa?.subject).toContain('kyso test TSA');
    expect(report.indication).toBe('TOTAL_PASSED');
  });

  it('a TSA certificate in the bag is not trusted for being there: with another root the timestamp does not pass', async () => {
    const { report, timestamp } = await check('ts-tsa-cert-beside-token', TrustStore.from(sample('ca/other-root.pem')));
    expect(timestamp.indication).toBe('INDETERMINATE');
    expect(timestamp.trusted).toBe('failed');
    expect(report.indication).not.toBe('TOTAL_PASSED');
  });

  it('carried nowhere: INDETERMINATE (no signing certificate), as before', async () => {
    const { report, timestamp } = await check('ts-tsa-cert-not-carried', root());
    expect(timestamp).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
  });

  it('carried nowhere but known to the trust store (as a CA certificate offered for paths): found, and its path decides', async () => {
    const known = root().withIntermediates(sample('ca/intermediate.pem'), sample('ca/tsa.pem'));
    const { report, timestamp } = await check('ts-tsa-cert-not-carried', known);
    expect(timestamp).toMatchObject({ indication: 'TOTAL_PASSED', trusted: 'passed' });
    expect(report.indication).toBe('TOTAL_PASSED');
    // The verifier's own certificates are not reported as carried by the document.
    const untrusted = await check('ts-tsa-cert-not-carried', TrustStore.from(sample('ca/other-root.pem')).withIntermediates(sample('ca/tsa.pem')));
    expect(untrusted.timestamp.indication).toBe('INDETERMINATE');
    expect(untrusted.report.indication).not.toBe('TOTAL_PASSED');
  });
});
