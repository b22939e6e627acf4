/** Sample reports for the metrics tests: the samples verified once, at the reference time, under the test root with its CRLs. */
import { readFileSync } from 'node:fs';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample, SAMPLES } from '../helpers.js';

const trust = TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8'));
const crls = [sample('ca/root.crl'), sample('ca/intermediate.crl')];
const cache = new Map<string, Promise<DocumentReport>>();

/** The report of a sample (a `.p7s` checked against its content beside it), made once per test file. */
export function sampleReport(path: string): Promise<DocumentReport> {
  let report = cache.get(path);
  if (!report) {
    report = verify(sample(path), { trust, at: AT, revocation: { crls }, ...(path.endsWith('.p7s') ? { content: sample(path.slice(0, -4)) } : {}) });
    cache.set(path, report);
  }
  return report;
}

/** A report read back as JSONL would give it (plain data, no shared references). */
export function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
