/**
 * Genuine documents from the Java stack (PDFBox 2 + BouncyCastle, the JDK's XML signature
 * API, Apache Santuario), made by samples/producers/java/make.sh with the test PKI and
 * committed under samples/producers/java/out: each file gets exactly the verdict
 * samples/producers/java/README.md states (no Java needed here). Every genuine one passes;
 * the three that do not are a producer's bug (an XML digest over a DOM that was not
 * namespace-normalised), a signature whose KeyInfo carries no certificate, and a comment
 * added after an approval signature, which kyso's change policy refuses.
 *
 * Then the change rule two of these files needed: PDFBox adds its default fonts to the
 * form's /DR /Font dictionary in place when that dictionary is an indirect object.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';
import { PASSED, producerOutputs, signatureCodes as codes, verdicts } from './producers.js';
import { only, parse, signedBase, updates } from '../formats/pdf/helpers.js';

const { dir: OUT, read: out } = producerOutputs('java/out');

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function report(path: string): Promise<DocumentReport> {
  const content = path.endsWith('.p7s') ? { content: out(path.slice(0, -'.p7s'.length)) } : {};
  return verify(out(path), { trust, at: AT, ...content });
}

/** Every committed output and its verdict at 2026-06-01, offline, trusting the test root. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'pdf/adbe-sha256.pdf': [PASSED, PASSED],
  'pdf/adbe-sha384.pdf': [PASSED, PASSED],
  'pdf/adbe-sha512.pdf': [PASSED, PASSED],
  'pdf/cades-sha256.pdf': [PASSED, PASSED],
  'pdf/cades-timestamped.pdf': [PASSED, PASSED],
  'pdf/ecdsa-p256.pdf': [PASSED, PASSED],
  'pdf/rsa-pss.pdf': [PASSED, PASSED],
  'pdf/visible.pdf': [PASSED, PASSED],
  'pdf/objstm-signed.pdf': [PASSED, PASSED],
  'pdf/two-approvals.pdf': [PASSED, PASSED, PASSED],
  'pdf/certified-filled-signed.pdf': [PASSED, PASSED, PASSED],
  'pdf/certified-filled-flags.pdf': [PASSED, PASSED],
  'pdf/approval-then-filled.pdf': [PASSED, PASSED],
  'pdf/template-two-signers.pdf': [PASSED, PASSED, PASSED],
  'pdf/pdfsig-then-pdfbox.pdf': [PASSED, PASSED, PASSED],
  'pdf/encrypted-signed.pdf': [PASSED, PASSED],
  'pdf/ltv-dss-doctimestamp.pdf': [PASSED, PASSED, PASSED],
  'pdf/approval-then-note.pdf': ['TOTAL_FAILED/FORMAT_FAILURE', 'TOTAL_FAILED/FORMAT_FAILURE'],
  'xml/enveloped-c14n.xml': [PASSED, PASSED],
  'xml/enveloped-exc-c14n-comments.xml': [PASSED, PASSED],
  'xml/id-exc-c14n-ecdsa.xml': [PASSED, PASSED],
  'xml/xpointer-id-comments.xml': [PASSED, PASSED],
  'xml/xpath-filter.xml': [PASSED, PASSED],
  'xml/xpath2-filter.xml': [PASSED, PASSED],
  'xml/exc-c14n-prefixlist-full-chain.xml': [PASSED, PASSED],
  'xml/santuario-enveloped.xml': [PASSED, PASSED],
  'xml/hdon-nban.xml': [PASSED, PASSED],
  'xml/hdon-nban-unnormalised-dom.xml': ['TOTAL_FAILED/HASH_FAILURE', 'TOTAL_FAILED/HASH_FAILURE'],
  'xml/keyvalue-only.xml': ['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND', 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND'],
  'cms/signed-attrs-sha256.txt.p7s': [PASSED, PASSED],
  'cms/no-signed-attrs.txt.p7s': [PASSED, PASSED],
  'cms/sha384-organization.txt.p7s': [PASSED, PASSED],
  'cms/ecdsa-p256.txt.p7s': [PASSED, PASSED],
  'cms/rsa-pss.txt.p7s': [PASSED, PASSED],
  'cms/timestamped.txt.p7s': [PASSED, PASSED],
  'cms/full-chain.txt.p7s': [PASSED, PASSED],
  'cms/ber-stream.txt.p7s': [PASSED, PASSED],
  'cms/ski.txt.p7s': [PASSED, PASSED],
  'cms/revocation-embedded.txt.p7s': [PASSED, PASSED],
  'cms/attached.p7m': [PASSED, PASSED],
};

describe('genuine documents from the Java stack (samples/producers/java)', () => {
  it('has a verdict for every committed output (a .p7s’s content file aside)', () => {
    const committed = ['pdf', 'xml', 'cms'].flatMap((folder) =>
      readdirSync(`${OUT}${folder}`)
        .filter((name) => !name.endsWith('.txt'))
        .map((name) => `${folder}/${name}`),
    );
    expect(committed.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (path, expected) => {
    expect(verdicts(await report(path))).toEqual(expected);
  });

  it('PDFBox’s /ZaDb added in place to the form’s default fonts is form filling (certified, then filled the older way)', async () => {
    const document = await report('pdf/certified-filled-flags.pdf');
    expect(document.signatures[0]?.modifications).toEqual({
      level: 'form-filling',
      changes: [
        { revision: 3, object: '6 0 R', kind: 'form-filling', rule: 'field-value', description: '/V of field SoDen filled in' },
        { revision: 3, object: '11 0 R', kind: 'form-filling', rule: 'default-resources', description: 'default resources extended' },
      ],
    });
  });

  it('a comment after an approval signature is refused by name, though the signature maths holds', async () => {
    const document = await report('pdf/approval-then-note.pdf');
    const [signature] = document.signatures;
    expect([signature?.intact, signature?.valid, signature?.trusted]).toEqual(['passed', 'passed', 'passed']);
    expect(signature?.modifications).toEqual({
      level: 'other',
      changes: [{ revision: 3, object: '20 0 R', kind: 'other', description: 'annotation (Text) added to page 1 (annotations after signing are not allowed)' }],
    });
  });

  it('the JDK’s digest over an un-normalised DOM fails the Object reference only', async () => {
    const document = await report('xml/hdon-nban-unnormalised-dom.xml');
    expect(document.signatures[0]?.details).toMatchObject({
      references: [
        { uri: '#_202511200001', intact: 'passed' },
        { uri: '#Obj-NBan-202511200001', intact: 'failed' },
      ],
    });
    expect(codes(document)).toContain('XML_REFERENCE_DIGEST_MISMATCH');
  });

  it('a KeyValue alone names no certificate: the references hold, the rest is unknown, not failed', async () => {
    const [signature] = (await report('xml/keyvalue-only.xml')).signatures;
    expect([signature?.intact, signature?.valid, signature?.trusted]).toEqual(['passed', 'unknown', 'unknown']);
  });

  it('PDFBox’s encrypted /Contents padding is reported, not held against the signature', async () => {
    expect(codes(await report('pdf/encrypted-signed.pdf'))).toContain('PDF_CONTENTS_TRAILING_DATA');
  });

  it('the e-invoice signature is the seller’s, with its SigningTime read as Vietnam time', async () => {
    const [signature] = (await report('xml/hdon-nban.xml')).signatures;
    expect(signature?.details).toMatchObject({ kind: 'einvoice', role: 'seller', signingTimeText: '2025-11-20T09:00:00', signingTime: '2025-11-20T02:00:00.000Z' });
  });
});

describe('an indirect /Font dictionary of the form’s default resources changed in place', () => {
  /**
   * signedBase with the AcroForm's /DR /Font as object 10 (the page's fonts either its own
   * dictionary or that same object), then one update that rewrites object 10.
   */
  async function changeOf(group: string, options: { sharedWithPage?: boolean } = {}) {
    const base = signedBase({
      extra: (builder) => {
        builder.object(10, '<< /F1 8 0 R >>');
        builder.object(6, '<< /Fields [5 0 R] /SigFlags 3 /DR << /Font 10 0 R >> /DA (/F1 0 Tf 0 g) >>');
        if (options.sharedWithPage) {
          builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font 10 0 R >> /Contents 4 0 R /Annots [5 0 R] >>');
        }
      },
    }).bytes();
    const bytes = updates(base, 41, (builder) => {
      // The font the update adds (PDFBox's /ZaDb), or puts in the place of /F1.
      builder.object(11, '<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>');
      builder.object(10, group);
    });
    return only(await parse(bytes)).modifications;
  }

  test('a font added (PDFBox’s /ZaDb) is form filling, as it is when /DR itself is rewritten', async () => {
    expect(await changeOf('<< /F1 8 0 R /ZaDb 11 0 R >>')).toEqual({
      level: 'form-filling',
      changes: [{ revision: 2, object: '10 0 R', kind: 'form-filling', rule: 'default-resources', description: 'default resources extended' }],
    });
  });

  test('a font replaced is other', async () => {
    const modifications = await changeOf('<< /F1 11 0 R >>');
    expect(modifications?.level).toBe('other');
    expect(modifications?.changes).toContainEqual({ revision: 2, object: '10 0 R', kind: 'other', description: 'default resource /Font /F1 replaced' });
  });

  test('a font added to a dictionary the signed page also uses is other', async () => {
    const modifications = await changeOf('<< /F1 8 0 R /ZaDb 11 0 R >>', { sharedWithPage: true });
    expect(modifications?.level).toBe('other');
    expect(modifications?.changes.find((change) => change.object === '10 0 R')?.kind).toBe('other');
  });
});
