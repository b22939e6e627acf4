/**
 * Documents signed by LibreOffice 7.4, driven headless through UNO: (a) the PDF export
 * filter's own signature, (b) an existing PDF signed through DocumentDigitalSignatures
 * (LibreOffice's incremental PDF writer). Made by samples/producers/libreoffice/make.sh with the
 * test PKI and committed under samples/producers/libreoffice/out: each file gets exactly the
 * verdict samples/producers/libreoffice/README.md states (no LibreOffice needed here).
 *
 * Every LibreOffice signature passes. What fails is another signer's signature that LibreOffice's
 * update broke (a DocMDP P=1 certification; a page lost from its object stream) and MuPDF's
 * (no intermediate carried); the timestamp LibreOffice took over another signature value is
 * refused as proof of time.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, detail, sample } from '../helpers.js';
import { FORMAT, NO_CHAIN, PASSED, producerOutputs, verdicts } from './producers.js';

const { dir: OUT, read: out } = producerOutputs('libreoffice/out');

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const report = async (name: string): Promise<DocumentReport> => verify(out(name), { trust, at: AT });

const codesOf = (signature: DocumentReport['signatures'][number] | undefined) => signature?.messages.map((m) => m.code) ?? [];

/** Every committed output and its verdict at 2026-06-01, offline, trusting the test root. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'export-writer.pdf': [PASSED, PASSED],
  'export-draw.pdf': [PASSED, PASSED],
  'export-ecdsa-p256.pdf': [PASSED, PASSED],
  'export-pdfa-2b.pdf': [PASSED, PASSED],
  'export-permissions.pdf': [PASSED, PASSED],
  'export-timestamped.pdf': [PASSED, PASSED],
  'sign-existing.pdf': [PASSED, PASSED],
  'sign-existing-twice.pdf': [PASSED, PASSED, PASSED],
  'export-then-sign.pdf': [PASSED, PASSED, PASSED],
  'pdfsig-then-libreoffice.pdf': [PASSED, PASSED, PASSED],
  'mupdf-then-libreoffice.pdf': [NO_CHAIN, NO_CHAIN, PASSED],
  'certified-p1-then-libreoffice.pdf': [FORMAT, FORMAT, PASSED],
  'sign-existing-objstm.pdf': [PASSED, PASSED],
  'pdfbox-objstm-then-libreoffice.pdf': [FORMAT, FORMAT, PASSED],
  'encrypted-signed.pdf': [PASSED, PASSED],
  // LibreOffice's update leaves its own signature outside the document's fields (pdfsig lists
  // none either): only the earlier signature it broke is reported.
  'itext5-objstm-then-libreoffice.pdf': [FORMAT, FORMAT],
  'signpdf-then-libreoffice.pdf': [FORMAT, FORMAT],
};

describe('documents signed by LibreOffice 7.4 (samples/producers/libreoffice)', () => {
  it('has a verdict for every committed output', () => {
    expect(readdirSync(OUT).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    expect(verdicts(await report(name))).toEqual(expected);
  });

  it('the export signs adbe.pkcs7.detached; signing an existing PDF appends ETSI.CAdES.detached in a new field, the empty ones left empty', async () => {
    const [exported] = (await report('export-writer.pdf')).signatures;
    expect(detail(exported!, 'subFilter')).toBe('adbe.pkcs7.detached');
    const document = await report('sign-existing-twice.pdf');
    expect(document.signatures.map((s) => [detail(s, 'fieldName'), detail(s, 'subFilter'), detail(s, 'padesLevel')])).toEqual([
      ['Signature1', 'ETSI.CAdES.detached', 'B-B'],
      ['Signature2', 'ETSI.CAdES.detached', 'B-B'],
    ]);
    expect(detail(document, 'emptySignatureFields')).toEqual(['SigPerson', 'SigOrganization']);
    expect(document.signatures[0]?.modifications?.level).toBe('form-filling');
  });

  it('the timestamp over another signature value is refused as proof of time; the signature stands without it', async () => {
    const [signature] = (await report('export-timestamped.pdf')).signatures;
    expect(codesOf(signature)).toEqual(expect.arrayContaining(['VALIDATION_TIMESTAMP_FAILED', 'VALIDATION_NO_TIMESTAMP', 'VALIDATION_PASSED']));
  });

  it('a signature field added after a certification allowing no change breaks the certification only', async () => {
    const [certification, agency] = (await report('certified-p1-then-libreoffice.pdf')).signatures;
    expect(codesOf(certification)).toContain('PDF_DOCMDP_VIOLATION');
    expect([certification?.intact, certification?.valid, certification?.trusted]).toEqual(['passed', 'passed', 'passed']);
    expect(agency?.indication).toBe('TOTAL_PASSED');
  });

  it('the page LibreOffice lost from its object stream fails the signature made before, and is reported for the document', async () => {
    const document = await report('pdfbox-objstm-then-libreoffice.pdf');
    expect(document.messages.map((m) => m.code)).toEqual(expect.arrayContaining(['PDF_OBJECT_UNREADABLE', 'PDF_PAGE_TREE_INVALID']));
    expect(document.signatures[0]?.modifications?.changes).toContainEqual({ revision: 3, object: '6 0 R', kind: 'other', description: 'object cannot be read' });
    const own = await report('sign-existing-objstm.pdf');
    expect(own.messages.map((m) => m.code)).toEqual(expect.arrayContaining(['PDF_OBJECT_UNREADABLE', 'PDF_PAGE_TREE_INVALID']));
  });

  it('the /Encrypt LibreOffice’s update leaves out is reported: the old fields’ names are then ciphertext for every reader', async () => {
    const document = await report('encrypted-signed.pdf');
    expect(document.messages).toContainEqual(expect.objectContaining({ code: 'PDF_ENCRYPT_DROPPED', params: { revision: 2 } }));
    expect(document.signatures[0]?.indication).toBe('TOTAL_PASSED');
    // An update that keeps /Encrypt (PDFBox on the same base) is not reported.
    const kept = await verify(sample('producers/java/out/pdf/encrypted-signed.pdf'), { trust, at: AT });
    expect(kept.messages.map((m) => m.code)).not.toContain('PDF_ENCRYPT_DROPPED');
  });

  it('objects LibreOffice wrote over (an object stream’s, or numbers already in use) take the earlier signature out of the document', async () => {
    for (const name of ['itext5-objstm-then-libreoffice.pdf', 'signpdf-then-libreoffice.pdf']) {
      const [earlier] = (await report(name)).signatures;
      expect(codesOf(earlier)).toEqual(expect.arrayContaining(['PDF_SIGNATURE_REMOVED', 'PDF_MODIFIED_AFTER_SIGNING']));
    }
  });

  it('the export with restricted permissions is RC4-encrypted with an empty user password and opens', async () => {
    expect((await report('export-permissions.pdf')).messages.map((m) => m.code)).toContain('PDF_ENCRYPTED_OPENED');
  });
});
