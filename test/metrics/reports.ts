/** Sample reports for the metrics tests: the samples verified once, at the reference time, under the test root with its CRLs. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** A metrics shard made from `genuine` by `edit` (a copy; `genuine` stays as it was), written to `folder` as `<name>.metrics.json`. */
export function writeCraftedShard<T>(folder: string, genuine: T, name: string, edit: (doc: T) => void): string {
  const doc = structuredClone(genuine);
  edit(doc);
  const path = join(folder, `${name}.metrics.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}
