/**
 * Red team, the genuine side: a writer's off-by-one cross-reference offsets in the first
 * revision, then a pdfsig signature over it (test/fixtures/attacks/pdf, made by
 * samples/make-attacks.sh). poppler, pdf.js and Acrobat find each object a byte before
 * where the table says; pdfsig calls the signature valid. kyso said NO_SIGNATURE: it could
 * not read the catalog, so it never found the signature field.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { PdfBuilder } from '../formats/pdf/builder.js';
import { AT, sample } from '../helpers.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/attacks/pdf/xref-offsets-off-by-one-signed.pdf', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

describe('cross-reference offsets a few bytes off', () => {
  it('a pdfsig signature over a revision whose offsets are one byte late passes, with the repair reported', async () => {
    const report = await verify(new Uint8Array(readFileSync(FIXTURE)), { trust, at: AT });
    expect(report.signatures.map((s) => `${s.id}:${s.indication}`)).toEqual(['SigPerson:TOTAL_PASSED']);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.messages.map((m) => m.code)).toContain('PDF_XREF_OFFSET_REPAIRED');
  });

  it('an update whose entry points at another object is still unreadable there, never repaired into it (other)', async () => {
    const builder = new PdfBuilder(sample('pdf/person-signed.pdf'));
    builder.object(11, '<< /Length 50 >>');
    const evil = builder.stream(12, '', 'BT /F1 12 Tf 72 770 Td (Cong van so 999/GIA-MAO) Tj ET');
    builder.pointAt(5, evil);
    builder.xrefTable('/Root 1 0 R /Size 13');
    const report = await verify(builder.bytes(), { trust, at: AT });
    expect(`${report.indication}/${report.subIndication}`).toBe('TOTAL_FAILED/FORMAT_FAILURE');
  });
});
