/**
 * Red team: hostile XML signatures (test/fixtures/attacks/xml/README.md, made by
 * samples/make-attacks-xml.py with xmlsec1 and the test PKI's keys). Each row names the
 * rule it holds kyso to.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/xml/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function check(name: string): Promise<DocumentReport> {
  return verify(new Uint8Array(readFileSync(`${ATTACKS}${name}`)), { trust, at: AT });
}

const verdicts = (report: DocumentReport): string[] => report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`);
const codes = (report: DocumentReport): string[] => report.signatures.flatMap((s) => s.messages.map((m) => m.code));

describe('XPath work is measured, not guessed from the expression’s text', () => {
  it.each([
    // count(/*/*) from every node: n evaluations × n children, and n² node-set adds each.
    ['xpath-every-node-walks-root.xml'],
    // string(/) from every node: the whole document's text per node.
    ['xpath-string-of-root-per-node.xml'],
    // Filter 2.0: //*[count(//*) > 0], a whole-tree count per element.
    ['xpath-filter2-count-per-element.xml'],
  ])('%s stops at the budget: unchecked, never failed or passed', async (name) => {
    const report = await check(name);
    expect(report.indication).toBe('INDETERMINATE');
    expect(codes(report)).toContain('XML_XPATH_WORK_LIMIT');
  });

  it('the enveloped-signature idiom as an XPath transform fits the budget on a deep 5,000-element document (xmlsec1)', async () => {
    expect(verdicts(await check('xpath-enveloped-idiom-5000.xml'))).toEqual(['TOTAL_PASSED/']);
  });
});

describe('an Exclusive C14N PrefixList is bounded', () => {
  it('the largest list allowed (64 prefixes) passes', async () => {
    expect(verdicts(await check('exc-prefixlist-64.xml'))).toEqual(['TOTAL_PASSED/']);
  });

  it('one more prefix is refused: unchecked, never passed', async () => {
    const report = await check('exc-prefixlist-65.xml');
    expect(report.indication).toBe('INDETERMINATE');
    expect(codes(report)).toContain('XML_CANONICALIZATION_UNSUPPORTED');
  });
});
