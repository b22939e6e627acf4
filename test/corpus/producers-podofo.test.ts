/**
 * Documents signed by PoDoFo 0.9.8 (`podofosign`), and signed PDFs rewritten by PoDoFo's other
 * tools, pikepdf 6.0 and pypdf 3.4, made by samples/producers/podofo/make.sh with the test PKI and
 * committed under samples/producers/podofo/out: each file gets exactly the verdict
 * samples/producers/podofo/README.md states (none of those tools needed here).
 *
 * podofosign puts two SignerInfos in every CMS, one signer's copies of one signature (OpenSSL's
 * default SHA-256 and the -digest asked for): each names the same certificate and each holds, so
 * the signature is judged by the first, as EU DSS and pdfsig judge it. It carries the signer's
 * certificate only: offline with the test root alone the chain stops at the missing intermediate
 * (NO_CERTIFICATE_CHAIN_FOUND, as pdfsig's "issuer is unknown"); given the intermediate, every
 * PoDoFo signature passes but the SHA-1 one. Two different signers in one CMS (an openssl control)
 * or a copy that does not hold still break the signature. A whole-file rewrite breaks every
 * earlier signature.
 */
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { AT } from '../helpers.js';
import { FORMAT, NO_CHAIN, PASSED, pinsEveryOutput, producerOutputs, SHA1, signatureCodes as codes, testTrustStores, type TwoStoreVerdicts, verdicts } from './producers.js';

const { read: out } = producerOutputs('podofo/out');

const trust = testTrustStores();

/** Every committed output: its verdict trusting the test root only, then with the intermediate given as help. */
const EXPECTED: Readonly<Record<string, TwoStoreVerdicts>> = {
  'person.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [PASSED, PASSED] },
  'two-signatures.pdf': { root: [NO_CHAIN, NO_CHAIN, NO_CHAIN], intermediate: [PASSED, PASSED, PASSED] },
  'sha384.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [PASSED, PASSED] },
  'sha512-default.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [PASSED, PASSED] },
  'sha1.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [SHA1, SHA1] },
  'new-field-visible.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [PASSED, PASSED] },
  'person-then-new-field.pdf': { root: [NO_CHAIN, NO_CHAIN, NO_CHAIN], intermediate: [PASSED, PASSED, PASSED] },
  'pdfsig-then-podofo.pdf': { root: [NO_CHAIN, PASSED, NO_CHAIN], intermediate: [PASSED, PASSED, PASSED] },
  'third-signature.pdf': { root: [NO_CHAIN, PASSED, PASSED, NO_CHAIN], intermediate: [PASSED, PASSED, PASSED, PASSED] },
  'objstm-signed.pdf': { root: [NO_CHAIN, NO_CHAIN], intermediate: [PASSED, PASSED] },
  'objstm-then-second.pdf': { root: [NO_CHAIN, NO_CHAIN, NO_CHAIN], intermediate: [PASSED, PASSED, PASSED] },
  'openssl-two-signers-control.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'podofogc-rewritten.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'podofoxmp-rewritten.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'podofoencrypt-rewritten.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'pikepdf-saved.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'pikepdf-note.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'pikepdf-qdf.pdf': { root: [FORMAT, FORMAT, FORMAT], intermediate: [FORMAT, FORMAT, FORMAT] },
  'pypdf-saved.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
  'pypdf-filled.pdf': { root: [FORMAT, FORMAT], intermediate: [FORMAT, FORMAT] },
};

/** The genuine outputs: every signature in them is PoDoFo's but where noted in EXPECTED (pdfsig's). */
const GENUINE = [
  'person.pdf',
  'two-signatures.pdf',
  'sha384.pdf',
  'sha512-default.pdf',
  'new-field-visible.pdf',
  'person-then-new-field.pdf',
  'pdfsig-then-podofo.pdf',
  'third-signature.pdf',
  'objstm-signed.pdf',
];

describe('documents signed by PoDoFo 0.9.8 and rewritten by pikepdf / pypdf (samples/producers/podofo)', () => {
  pinsEveryOutput('podofo/out', 'PoDoFo', EXPECTED, trust);

  it.each(GENUINE)('%s: every signature holds, its two SignerInfos taken as copies of one', async (name) => {
    const document = await verify(out(name), { trust: trust.withIntermediate(), at: AT });
    for (const signature of document.signatures) {
      expect([signature.intact, signature.valid, signature.trusted]).toEqual(['passed', 'passed', 'passed']);
      expect(['none', 'form-filling']).toContain(signature.modifications?.level);
    }
    expect(codes(document)).toContain('PDF_REPEATED_SIGNER_INFOS');
    expect(codes(document)).not.toContain('PDF_MULTIPLE_SIGNER_INFOS');
  });

  it('podofosign -digest SHA1: the SHA-1 copy comes first and is judged, so SHA-1 with no proof of existence stops it', async () => {
    const document = await verify(out('sha1.pdf'), { trust: trust.withIntermediate(), at: AT });
    expect(codes(document)).toEqual(expect.arrayContaining(['PDF_REPEATED_SIGNER_INFOS', 'POLICY_WEAK_ALGORITHM_EXPIRED']));
  });

  it('the agency’s later podofosign run fills the second field: the person’s signature sees a new signature and /Info', async () => {
    const [person] = (await verify(out('two-signatures.pdf'), { trust: trust.withIntermediate(), at: AT })).signatures;
    expect(person?.modifications).toEqual({
      level: 'form-filling',
      changes: [
        { revision: 3, object: '8 0 R', kind: 'form-filling', rule: 'new-signature', description: 'field SigOrganization signed' },
        { revision: 3, object: '9 0 R', kind: 'ltv', rule: 'document-info', description: 'document information (/Info) updated' },
      ],
    });
  });

  it('two different signers in one CMS (openssl, over podofo’s signed bytes) stay a broken signature', async () => {
    const document = await verify(out('openssl-two-signers-control.pdf'), { trust: trust.withIntermediate(), at: AT });
    expect(codes(document)).toContain('PDF_MULTIPLE_SIGNER_INFOS');
    expect(codes(document)).not.toContain('PDF_REPEATED_SIGNER_INFOS');
  });

  it('a copy that does not hold breaks the signature, though the first SignerInfo holds', async () => {
    const bytes = out('person.pdf');
    const text = Buffer.from(bytes).toString('latin1');
    const start = text.indexOf('/Contents<') + '/Contents<'.length;
    // 30 82 LL LL: the CMS's DER length; the last SignerInfo's signature value ends the CMS.
    const cmsLength = 4 + parseInt(text.slice(start + 4, start + 8), 16);
    const inSecondSignature = start + 2 * (cmsLength - 16);
    const broken = bytes.slice();
    broken[inSecondSignature] = broken[inSecondSignature] === 0x30 ? 0x31 : 0x30;
    const document = await verify(broken, { trust: trust.withIntermediate(), at: AT });
    expect(verdicts(document)).toEqual([FORMAT, FORMAT]);
    expect(codes(document)).toContain('PDF_MULTIPLE_SIGNER_INFOS');
  });

  it('after an xref-stream base PoDoFo’s update has no /Prev: the unsigned base it leaves out is read as the start of the first revision, so a later signature leaves the first one whole', async () => {
    for (const name of ['objstm-signed.pdf', 'objstm-then-second.pdf']) {
      const document = await verify(out(name), { trust: trust.withIntermediate(), at: AT });
      expect(document.messages.map((m) => m.code)).toContain('PDF_REVISION_ORPHANED_PREFIX');
      expect(document.messages.map((m) => m.code)).not.toContain('PDF_STRUCTURE_RECOVERED');
    }
    const [person] = (await verify(out('objstm-then-second.pdf'), { trust: trust.withIntermediate(), at: AT })).signatures;
    expect(person?.coverage).toMatchObject({ level: 'entire-revision', revision: 1 });
  });

  it.each(['pikepdf-saved.pdf', 'pikepdf-note.pdf', 'pypdf-saved.pdf', 'pypdf-filled.pdf', 'podofogc-rewritten.pdf'])(
    '%s: the rewritten file is shorter than the /ByteRange says',
    async (name) => {
      expect(codes(await verify(out(name), { trust: trust.withIntermediate(), at: AT }))).toContain('PDF_BYTERANGE_BEYOND_FILE');
    },
  );

  it('podofoencrypt writes the file anew and encrypts /Contents too: no CMS where the /ByteRange gap was', async () => {
    expect(codes(await verify(out('podofoencrypt-rewritten.pdf'), { trust: trust.withIntermediate(), at: AT }))).toEqual(
      expect.arrayContaining(['PDF_BYTERANGE_GAP_MISMATCH', 'PDF_CONTENTS_NOT_CMS']),
    );
  });

  it.each(['pikepdf-qdf.pdf', 'podofoxmp-rewritten.pdf'])('%s: the rewritten file moved /Contents and the signed bytes', async (name) => {
    expect(codes(await verify(out(name), { trust: trust.withIntermediate(), at: AT }))).toEqual(expect.arrayContaining(['PDF_BYTERANGE_GAP_MISMATCH', 'CMS_DIGEST_MISMATCH']));
  });
});
