/**
 * Documents signed by MuPDF 1.21 (`mutool sign`, and PDFWidget.sign through `mutool run`), made
 * by samples/producers/mupdf/make.sh with the test PKI and committed under
 * samples/producers/mupdf/out: each file gets exactly the verdict
 * samples/producers/mupdf/README.md states (no MuPDF needed here).
 *
 * MuPDF 1.21’s OpenSSL signer writes SHA-1 and carries the signer’s certificate only, so no MuPDF
 * signature passes: offline with the test root alone the chain stops at the missing
 * intermediate (NO_CERTIFICATE_CHAIN_FOUND, as pdfsig's "issuer is unknown"); given the
 * intermediate, each holds (intact, valid, trusted, its changes allowed) and is then
 * INDETERMINATE for SHA-1 alone. What MuPDF does to a signed file besides signing (a signature
 * cleared, the file rewritten by `mutool clean`) and its ECDSA bug (a /Contents left empty)
 * fail. A field MuPDF fills after another producer's approval signature is form filling.
 */
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { AT } from '../helpers.js';
import { FORMAT, NO_CHAIN, PASSED, pinsEveryOutput, producerOutputs, SHA1, signatureCodes as codes, testTrustStores, type TwoStoreVerdicts } from './producers.js';

const { read: out } = producerOutputs('mupdf/out');

const trust = testTrustStores();

/** Every committed output: its verdict trusting the test root only, then with the intermediate given as help. */
const EXPECTED: Readonly<Record<string, TwoStoreVerdicts>> = {
  'person.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [SHA1, SHA1] },
  'two-signatures.pdf': { root: [NO_CHAIN, NO_CHAIN, NO_CHAIN], intermediate: [SHA1, SHA1, SHA1] },
  'ecdsa-p256.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [SHA1, SHA1] },
  'objstm-signed.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [SHA1, SHA1] },
  'pdfsig-then-mupdf.pdf': { root: [NO_CHAIN, PASSED, NO_CHAIN], intermediate: [SHA1, PASSED, SHA1] },
  'encrypted-signed.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [SHA1, SHA1] },
  'visible.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [SHA1, SHA1] },
  'pdfbox-then-mupdf-fill.pdf': { root: [PASSED, PASSED], intermediate: [PASSED, PASSED] },
  'ecdsa-p256-contents-left-empty.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'cleared-second.pdf': { root: [FORMAT, FORMAT, FORMAT], intermediate: [FORMAT, FORMAT, FORMAT] },
  'rewritten-clean.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'rewritten-gggg.pdf': { root: [FORMAT, FORMAT, FORMAT], intermediate: [FORMAT, FORMAT, FORMAT] },
};

const GENUINE = ['person.pdf', 'two-signatures.pdf', 'ecdsa-p256.pdf', 'objstm-signed.pdf', 'pdfsig-then-mupdf.pdf', 'encrypted-signed.pdf', 'visible.pdf'];

describe('documents signed by MuPDF 1.21 (samples/producers/mupdf)', () => {
  pinsEveryOutput('mupdf/out', 'MuPDF', EXPECTED, trust);

  it.each(GENUINE)('%s: every signature holds, and SHA-1 with no proof of existence is all that stops it', async (name) => {
    const document = await verify(out(name), { trust: trust.withIntermediate(), at: AT });
    for (const signature of document.signatures) {
      expect([signature.intact, signature.valid, signature.trusted]).toEqual(['passed', 'passed', 'passed']);
      expect(['none', 'form-filling']).toContain(signature.modifications?.level);
    }
    expect(codes(document)).toContain('POLICY_WEAK_ALGORITHM_EXPIRED');
  });

  it('the agency’s later mutool run fills the second field: the person’s signature sees one new signature', async () => {
    const [person] = (await verify(out('two-signatures.pdf'), { trust: trust.withIntermediate(), at: AT })).signatures;
    expect(person?.modifications).toEqual({
      level: 'form-filling',
      changes: [{ revision: 3, object: '8 0 R', kind: 'form-filling', rule: 'new-signature', description: 'field SigOrganization signed' }],
    });
  });

  it('a field filled by MuPDF after PDFBox’s approval signature is form filling: the value and its redrawn appearance', async () => {
    const [signature] = (await verify(out('pdfbox-then-mupdf-fill.pdf'), { trust: trust.rootOnly(), at: AT })).signatures;
    expect(signature?.modifications).toEqual({
      level: 'form-filling',
      changes: [
        { revision: 3, object: '6 0 R', kind: 'form-filling', rule: 'field-value', description: '/V of field SoDen filled in' },
        { revision: 3, object: '10 0 R', kind: 'form-filling', rule: 'field-appearance', description: 'appearance of field SoDen changed' },
      ],
    });
  });

  it('mutool sign -c: the cleared signature is named as removed, and the person’s no longer holds', async () => {
    const document = await verify(out('cleared-second.pdf'), { trust: trust.withIntermediate(), at: AT });
    const [person, agency] = document.signatures;
    expect(person?.modifications?.level).toBe('other');
    expect(person?.messages.map((m) => m.code)).toContain('PDF_MODIFIED_AFTER_SIGNING');
    expect(agency?.messages.map((m) => m.code)).toContain('PDF_SIGNATURE_REMOVED');
  });

  it('mutool clean moves the signed bytes: the /ByteRange no longer frames /Contents, or runs past the end', async () => {
    expect(codes(await verify(out('rewritten-gggg.pdf'), { trust: trust.withIntermediate(), at: AT }))).toEqual(
      expect.arrayContaining(['PDF_BYTERANGE_GAP_MISMATCH', 'CMS_DIGEST_MISMATCH', 'PDF_BYTERANGE_BEYOND_FILE']),
    );
    expect(codes(await verify(out('rewritten-clean.pdf'), { trust: trust.withIntermediate(), at: AT }))).toContain('PDF_BYTERANGE_BEYOND_FILE');
  });

  it('the ECDSA signature mutool could not fit leaves /Contents all zeros: no CMS, not a signature that holds', async () => {
    expect(codes(await verify(out('ecdsa-p256-contents-left-empty.pdf'), { trust: trust.withIntermediate(), at: AT }))).toContain('PDF_CONTENTS_NOT_CMS');
  });
});
