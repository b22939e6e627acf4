/**
 * Updates after the signature of an encrypted PDF (test/fixtures/attacks/pdf-encrypted, made by
 * samples/make-attacks-pdf-encrypted.sh and .py from make-pdf-encrypted.sh's qpdf + pdfsig files).
 *
 * - A stream's key is made from its object number under RC4 and AES-128: the signed content's
 *   ciphertext copied into a new object decrypts to noise for every viewer (a blank page), so the
 *   page naming it changed; under AES-256 (one file key) the copy reads the same and passes.
 * - An update that changes the key (the /Encrypt object redefined, another /Encrypt, another
 *   /ID[0], /Identity crypt filters, /Encrypt dropped or added) changes every signed object at
 *   once: the signature fails when kyso finds it, the document is INDETERMINATE (never unsigned)
 *   when the new key hides it. /ID[0] changed under AES-256 (not part of its key) changes nothing;
 *   under RC4 it (or /ID left out) keeps the empty password from opening the document, as in viewers.
 * - Genuine updates of encrypted signed documents pass: a second signature by pdfsig or mutool, a
 *   text field filled by mutool (saved incrementally).
 * A row reads: file, document verdict, and per signature `indication[/subIndication]:modification level`
 * (the ids of signatures read with the wrong key are noise, so they are left out).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, REPO, sample } from '../helpers.js';

type Row = readonly [file: string, document: string, signatures: readonly string[]];

const trust = TrustStore.from(sample('pki/kyso-test-root.pem')).withIntermediates(sample('ca/intermediate.pem'));
const sha1Allowed = { algorithms: { sha1Until: new Date('2030-01-01T00:00:00Z') } };
const check = (file: string) =>
  verify(new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf-encrypted/${file}`)), { trust, at: AT, policy: sha1Allowed });
const verdict = (report: { readonly indication: string; readonly subIndication?: string | undefined }) =>
  `${report.indication}${report.subIndication ? `/${report.subIndication}` : ''}`;
const signatures = (report: DocumentReport) => report.signatures.map((s) => `${verdict(s)}:${s.modifications?.level ?? '-'}`);

const FORGED = 'TOTAL_FAILED/FORMAT_FAILURE';
const HIDDEN = 'INDETERMINATE/SIGNED_DATA_NOT_FOUND';
const rows: readonly Row[] = [
  ['moved-content-rc4-128.pdf', FORGED, [`${FORGED}:other`]],
  ['moved-content-aes-128.pdf', FORGED, [`${FORGED}:other`]],
  ['moved-content-aes-256.pdf', 'TOTAL_PASSED', ['TOTAL_PASSED:none']],
  ['id-changed-aes-256.pdf', 'TOTAL_PASSED', ['TOTAL_PASSED:none']],
  // The empty password opens neither in kyso nor in mutool or qpdf: unchecked, with the reason.
  ['id-changed-rc4-128.pdf', HIDDEN, []],
  ['id-dropped-rc4-128.pdf', HIDDEN, []],
  ['encrypt-identity-rc4-128-no-objstm.pdf', FORGED, [`${FORGED}:other`]],
  ['encrypt-moved-rc4-128-no-objstm.pdf', FORGED, [`${FORGED}:other`]],
  ['encrypt-new-id-rc4-128-no-objstm.pdf', FORGED, [`${FORGED}:other`]],
  ['encrypt-dropped-rc4-128-no-objstm.pdf', FORGED, [`${FORGED}:other`]],
  ['encrypt-added-rc4-128.pdf', FORGED, [`${FORGED}:other`]],
  ['encrypt-identity-rc4-128.pdf', HIDDEN, []],
  ['encrypt-identity-aes-128.pdf', HIDDEN, []],
  ['encrypt-moved-rc4-128.pdf', HIDDEN, []],
  ['encrypt-moved-aes-128.pdf', HIDDEN, []],
  ['encrypt-new-id-rc4-128.pdf', HIDDEN, []],
  ['encrypt-new-id-aes-128.pdf', HIDDEN, []],
  ['encrypt-dropped-rc4-128.pdf', HIDDEN, []],
  ['encrypt-dropped-aes-128.pdf', HIDDEN, []],
  ['base-rc4-128-no-objstm.pdf', 'TOTAL_PASSED', ['TOTAL_PASSED:none']],
  ['second-signature-pdfsig-rc4-128.pdf', 'TOTAL_PASSED', ['TOTAL_PASSED:form-filling', 'TOTAL_PASSED:none']],
  ['second-signature-pdfsig-aes-256.pdf', 'TOTAL_PASSED', ['TOTAL_PASSED:form-filling', 'TOTAL_PASSED:none']],
  ['second-signature-mutool-aes-128.pdf', 'TOTAL_PASSED', ['TOTAL_PASSED:form-filling', 'TOTAL_PASSED:none']],
  ['filled-mutool-rc4-128.pdf', 'TOTAL_PASSED', ['TOTAL_PASSED:form-filling']],
  ['filled-mutool-aes-128.pdf', 'TOTAL_PASSED', ['TOTAL_PASSED:form-filling']],
];

describe('updates after the signature of an encrypted PDF', () => {
  it.each(rows)('%s → %s %j', async (file, document, expected) => {
    const report = await check(file);
    expect([verdict(report), signatures(report)]).toEqual([document, expected]);
  });

  it('the signed content stream copied into a new object is a change of the page', async () => {
    const [signature] = (await check('moved-content-rc4-128.pdf')).signatures;
    expect(signature?.modifications?.changes).toContainEqual(expect.objectContaining({ revision: 3, object: '4 0 R', kind: 'other' }));
  });

  it('a change of key is said for the document and judged in the trailer, whoever spells it', async () => {
    for (const file of ['encrypt-identity-rc4-128-no-objstm.pdf', 'encrypt-new-id-rc4-128-no-objstm.pdf', 'encrypt-moved-rc4-128-no-objstm.pdf', 'encrypt-added-rc4-128.pdf']) {
      const report = await check(file);
      expect(report.messages, file).toContainEqual(expect.objectContaining({ code: 'PDF_ENCRYPTION_CHANGED', params: { revision: 3 } }));
      expect(report.signatures[0]?.modifications?.changes, file).toContainEqual(expect.objectContaining({ revision: 3, object: 'trailer', kind: 'other' }));
    }
    const hidden = await check('encrypt-new-id-aes-128.pdf');
    expect(hidden.messages.map((m) => m.code)).toEqual(expect.arrayContaining(['PDF_ENCRYPTION_CHANGED']));
    expect(hidden.messages.map((m) => m.code)).not.toContain('DOC_NO_SIGNATURE');
  });
});
