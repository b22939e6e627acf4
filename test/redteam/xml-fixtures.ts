/** The hostile XML fixtures (test/fixtures/attacks/xml/), verified against the test PKI's root as the red-team tests do. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

export const XML_ATTACKS = fileURLToPath(new URL('../fixtures/attacks/xml/', import.meta.url));

let trust: TrustStore | undefined;

/** The report on one fixture, by file name. */
export async function checkXmlAttack(name: string): Promise<DocumentReport> {
  trust ??= TrustStore.from(sample('pki/kyso-test-root.pem'));
  return verify(new Uint8Array(readFileSync(`${XML_ATTACKS}${name}`)), { trust, at: AT });
}

/** Each signature's `indication/subIndication`. */
export const verdicts = (report: DocumentReport): string[] => report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`);
