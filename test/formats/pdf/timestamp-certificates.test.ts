/**
 * PDF timestamps whose RFC 3161 token carries no certificate (§2.4.1: certReq false). The TSA's
 * certificate is looked for, as a candidate only, in the SignedData a signature timestamp stamps,
 * the document's DSS /Certs and the verifier's trust store; whatever is found still needs a path
 * to an anchor with id-kp-timeStamping. The expired signer's signature (2020) passes only on a
 * timestamp, so the document's verdict shows whether the timestamp counted.
 * Fixtures: samples/make-attacks-pdf-timestamps.sh (pdfsig, openssl cms and ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../../src/pki/trust-store.js';
import { verify } from '../../../src/verify.js';
import { AT, REPO, sample } from '../../helpers.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf/${name}.pdf`));
const root = () => TrustStore.from(sample('pki/kyso-test-root.pem'));
/** The test root, and the TSA certificate known to the store as a CA certificate for paths. */
const rootKnowingTsa = () => root().withIntermediates(sample('ca/tsa.pem'));
/** Another root that knows the TSA certificate: present, but chaining to nothing trusted. */
const otherKnowingTsa = () => TrustStore.from(sample('ca/other-root.pem')).withIntermediates(sample('ca/intermediate.pem'), sample('ca/tsa.pem'));

async function check(name: string, trust: TrustStore) {
  const report = await verify(fixture(name), { trust, at: AT });
  const signer = report.signatures.find((s) => s.id === 'SigPerson')!;
  return { report, signer, timestamp: signer.timestamps[0]! };
}

describe('a PDF document timestamp whose token carries no certificate', () => {
  it('the TSA certificate nowhere: the timestamp and the expired signature stay INDETERMINATE', async () => {
    const { report, signer, timestamp } = await check('ts-doc-no-cert', root());
    expect(timestamp).toMatchObject({ kind: 'document', indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' });
    expect(signer).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    expect(report.signatures.find((s) => s.id === 'DocTimeStamp1')).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
  });

  it('known to the trust store: found, chained to the root with id-kp-timeStamping, and the document passes', async () => {
    const { report, timestamp } = await check('ts-doc-no-cert', rootKnowingTsa());
    expect(timestamp).toMatchObject({ indication: 'TOTAL_PASSED', trusted: 'passed', genTime: '2020-06-02T01:00:00.000Z' });
    expect(timestamp.tsa?.subject).toContain('kyso test TSA');
    expect(report.signatures.find((s) => s.id === 'DocTimeStamp1')?.indication).toBe('TOTAL_PASSED');
    expect(report.indication).toBe('TOTAL_PASSED');
  });

  it('in the DSS /Certs: found there with the test root alone', async () => {
    const { report, timestamp } = await check('ts-doc-cert-in-dss', root());
    expect(timestamp).toMatchObject({ indication: 'TOTAL_PASSED', trusted: 'passed' });
    expect(report.indication).toBe('TOTAL_PASSED');
  });

  it('a TSA certificate that is merely present (DSS, store) but chains to no trusted root never makes the timestamp count', async () => {
    const inDss = await check('ts-doc-cert-in-dss', TrustStore.from(sample('ca/other-root.pem')));
    expect(inDss.timestamp).toMatchObject({ indication: 'INDETERMINATE', trusted: 'failed' });
    expect(inDss.report.indication).not.toBe('TOTAL_PASSED');
    const inStore = await check('ts-doc-no-cert', otherKnowingTsa());
    expect(inStore.timestamp).toMatchObject({ indication: 'INDETERMINATE', trusted: 'failed' });
    expect(inStore.report.indication).not.toBe('TOTAL_PASSED');
  });
});

describe('a PDF signature timestamp whose token carries no certificate', () => {
  it('the TSA certificate nowhere: INDETERMINATE (no signing certificate), the expired signer has no proof of time', async () => {
    const { report, timestamp } = await check('ts-sig-no-cert', root());
    expect(timestamp).toMatchObject({ kind: 'signature', indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
  });

  it('known to the trust store: the timestamp passes and so does the expired signer', async () => {
    const { report, timestamp } = await check('ts-sig-no-cert', rootKnowingTsa());
    expect(timestamp).toMatchObject({ indication: 'TOTAL_PASSED', trusted: 'passed', genTime: '2020-06-01T09:00:05.000Z' });
    expect(report.indication).toBe('TOTAL_PASSED');
    // The verifier's certificate is not reported as carried by the document.
    expect(report.signatures[0]!.chain.some((c) => c.subject.includes('TSA'))).toBe(false);
  });

  it('known only to a store whose root does not issue it: not trusted', async () => {
    const { report, timestamp } = await check('ts-sig-no-cert', otherKnowingTsa());
    expect(timestamp).toMatchObject({ indication: 'INDETERMINATE', trusted: 'failed' });
    expect(report.indication).not.toBe('TOTAL_PASSED');
  });
});
