/**
 * Red team: a detached signature whose content is a PDF with signatures of its own
 * (test/fixtures/attacks/detached-pairs/, samples/make-attacks-detached-pairs.sh: openssl cms over
 * pdfsig-made samples). In a folder, x.pdf beside x.pdf.p7s is one document, and only the .p7s
 * was checked: a PDF whose own signature is broken came out TOTAL_PASSED behind a sound detached
 * signature, and its signatures were never shown. They are now checked and count, also when
 * the content is an unsigned package (a ZIP) of signed PDFs.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyFiles } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';
import { readFileSync } from 'node:fs';

const PAIRS = fileURLToPath(new URL('../fixtures/attacks/detached-pairs/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const verdict = (x: { indication: string; subIndication?: string }) => `${x.indication}/${x.subIndication ?? ''}`;

function summary(report: DocumentReport) {
  return {
    document: verdict(report),
    signatures: report.signatures.map(verdict),
    content: (report.attachments ?? []).map((a) => [a.name, verdict(a), a.signatures.map((s) => `${s.id} ${verdict(s)}`)]),
    noted: report.messages.some((m) => m.code === 'DOC_DETACHED_CONTENT_SIGNED'),
  };
}

const expected = {
  'broken.pdf.p7s': { document: 'TOTAL_FAILED/HASH_FAILURE', signatures: ['TOTAL_PASSED/'], content: [['detached-content', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson TOTAL_FAILED/HASH_FAILURE']]], noted: true },
  'signed.pdf.p7s': { document: 'TOTAL_PASSED/', signatures: ['TOTAL_PASSED/'], content: [['detached-content', 'TOTAL_PASSED/', ['SigPerson TOTAL_PASSED/']]], noted: true },
  'unsigned.pdf.p7s': { document: 'TOTAL_PASSED/', signatures: ['TOTAL_PASSED/'], content: [], noted: false },
  // An unsigned package whose PDF is broken: the package carries the signatures, not its own list.
  'zipped-broken.zip.p7s': { document: 'TOTAL_FAILED/HASH_FAILURE', signatures: ['TOTAL_PASSED/'], content: [['detached-content', 'TOTAL_FAILED/HASH_FAILURE', []]], noted: true },
};

describe('a detached signature over a signed PDF', () => {
  it('a folder: each pair is one document, and the PDF\'s own signatures count', async () => {
    const found: Record<string, unknown> = {};
    for await (const result of verifyFiles([PAIRS], { trust, at: AT, jobs: 1 })) {
      if (!('report' in result)) throw new Error(`not verified: ${result.path}`);
      found[result.path.slice(PAIRS.length)] = summary(result.report);
      expect(result.content).toBe(join(PAIRS, result.path.slice(PAIRS.length, -4)));
    }
    expect(found).toEqual(expected);
  });

  it('a package as content: the signature of the PDF it carries is reported under it', async () => {
    const report = await verify(new Uint8Array(readFileSync(join(PAIRS, 'zipped-broken.zip.p7s'))), { trust, at: AT, content: new Uint8Array(readFileSync(join(PAIRS, 'zipped-broken.zip'))) });
    const [content] = report.attachments ?? [];
    expect(content?.attachments?.map((a) => [a.name, a.signatures.map((s) => `${s.id} ${verdict(s)}`)])).toEqual([['123-UBND-VP.pdf', ['SigPerson TOTAL_FAILED/HASH_FAILURE']]]);
  });

  it.each(Object.entries(expected))('verify() with the content: %s', async (name, want) => {
    const report = await verify(new Uint8Array(readFileSync(join(PAIRS, name))), { trust, at: AT, content: new Uint8Array(readFileSync(join(PAIRS, name.slice(0, -4)))) });
    expect(summary(report)).toEqual(want);
  });
});
