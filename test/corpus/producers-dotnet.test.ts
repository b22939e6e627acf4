/**
 * Documents made by .NET code (Mono's SignedXml and SignedCms) and by gpgsm with the test PKI
 * (samples/producers/dotnet, README there): each committed output gets exactly the verdict its row
 * states, document and signatures. Rows whose verdict is not TOTAL_PASSED say why; none of them is
 * a document that both xmlsec1 (or openssl) and a conforming reading of XMLDSig accept.
 * The files are read as committed: the tests never run Mono or gpgsm.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport, SignatureReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample, SAMPLES } from '../helpers.js';

const DIR = 'producers/dotnet/out/';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

function verdict(holder: DocumentReport | SignatureReport): string {
  return holder.subIndication ? `${holder.indication}/${holder.subIndication}` : holder.indication;
}

/** The codes of a signature's messages and of its document's (where edXML reports the package signature's rebuild). */
function codes(report: DocumentReport, signature: SignatureReport | undefined): string[] {
  return [...(signature?.messages ?? []), ...report.messages].map((message) => message.code);
}

interface Row {
  readonly document: string;
  readonly signatures: readonly string[];
  /** Message codes a signature must carry (by position), where the verdict alone would not say why. */
  readonly because?: Readonly<Record<number, string>>;
}

const PASSED = 'TOTAL_PASSED';
const SHA1_NO_POE = 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE';
const TEST_CA_TAX_AUTHORITY = 'INDETERMINATE/SIG_CONSTRAINTS_FAILURE';

const EXPECTED: Readonly<Record<string, Row>> = {
  // E-invoice messages, signed as Vietnamese .NET e-invoice software signs them.
  'einvoice-seller-rsa-sha256.xml': { document: PASSED, signatures: [PASSED] },
  'einvoice-seller-buyer-xmlserializer.xml': { document: PASSED, signatures: [PASSED, PASSED] },
  // Three invoices, one of them a branch's (0101234567-001) signed with the enterprise's certificate; SigningTime
  // in the vi-VN culture's format (01/03/2025 4:00:00 CH), in round-trip form and with a space are all read.
  'einvoice-200-batch.xml': {
    document: PASSED,
    signatures: [PASSED, PASSED, PASSED],
    because: { 0: 'EINVOICE_SIGNING_TIME', 1: 'EINVOICE_SIGNING_TIME', 2: 'EINVOICE_SIGNING_TIME' },
  },
  // SHA-1 is accepted only for signatures proven to exist before 2020 (policy), and nothing proves this one's time.
  'einvoice-seller-rsa-sha1.xml': { document: SHA1_NO_POE, signatures: [SHA1_NO_POE], because: { 0: 'POLICY_WEAK_ALGORITHM_EXPIRED' } },
  // The tax authority's name on a certificate of the test CA is not the tax authority (design: Government PKI roots only).
  'einvoice-202-coded-by-tax-authority.xml': {
    document: TEST_CA_TAX_AUTHORITY,
    signatures: [PASSED, TEST_CA_TAX_AUTHORITY],
    because: { 1: 'VALIDATION_GOVERNMENT_SIGNER_UNCONFIRMED' },
  },
  'notice-204-tax-authority.xml': { document: TEST_CA_TAX_AUTHORITY, signatures: [TEST_CA_TAX_AUTHORITY], because: { 0: 'VALIDATION_GOVERNMENT_SIGNER_UNCONFIRMED' } },
  'notice-04ss-taxpayer.xml': { document: PASSED, signatures: [PASSED], because: { 0: 'EINVOICE_SIGNER_IS_ROLE' } },
  // Generic enveloped signatures over a letter in Vietnamese.
  'letter-c14n-bom-crlf-inserted.xml': { document: PASSED, signatures: [PASSED] },
  'letter-exc-c14n-xmlwriter-crlf.xml': { document: PASSED, signatures: [PASSED] },
  'letter-c14n-with-comments.xml': { document: PASSED, signatures: [PASSED] },
  'letter-xpointer-root-with-comments.xml': { document: PASSED, signatures: [PASSED] },
  'letter-no-whitespace-compact.xml': { document: PASSED, signatures: [PASSED] },
  'record-lowercase-id.xml': { document: PASSED, signatures: [PASSED] },
  // Changed after signing by XmlDocument.Save's indentation: .NET's own verifier fails it too (PreserveWhitespace = true).
  'letter-no-whitespace-saved-indented.xml': { document: 'TOTAL_FAILED/HASH_FAILURE', signatures: ['TOTAL_FAILED/HASH_FAILURE'] },
  // SignedXml digested a reparse of doc.OuterXml (tab in an attribute read as a space, CR as LF), not the
  // document: .NET verifies it the same way, xmlsec1 and XMLDSig do not.
  'letter-character-references-dotnet-only.xml': { document: 'TOTAL_FAILED/HASH_FAILURE', signatures: ['TOTAL_FAILED/HASH_FAILURE'] },
  'letter-enveloping-object.xml': { document: PASSED, signatures: [PASSED] },
  // C14N before the enveloped transform: SignedXml reparses the octets and drops the Signature at the same
  // position; kyso does not reparse octets and says it cannot check (xmlsec1 refuses the order too).
  'letter-c14n-before-enveloped.xml': {
    document: 'INDETERMINATE/SIGNED_DATA_NOT_FOUND',
    signatures: ['INDETERMINATE/SIGNED_DATA_NOT_FOUND'],
    because: { 0: 'XML_TRANSFORM_FAILED' },
  },
  // edXML: the package signature is its own layer; the document's verdict is the attached PDF's.
  'edxml-package-signed-in-place.edxml': { document: PASSED, signatures: [SHA1_NO_POE] },
  'edxml-package-signed-in-place-axis.edxml': { document: PASSED, signatures: [SHA1_NO_POE], because: { 0: 'EDXML_SIGNATURE_REBUILT' } },
  // new SignedXml(doc) canonicalised SignedInfo without xmlns:edXML, which is in scope where the Signature
  // stands: .NET accepts it, xmlsec1 and XMLDSig do not (README, "Findings").
  'edxml-package-signed-out-of-place.edxml': {
    document: PASSED,
    signatures: ['TOTAL_FAILED/SIG_CRYPTO_FAILURE'],
    because: { 0: 'XML_SIGNATURE_VALUE_INVALID' },
  },
  // Detached CMS, the content beside it.
  'gpgsm-detached.txt.p7s': { document: PASSED, signatures: [PASSED] },
  'signedcms-issuer-serial.txt.p7s': { document: PASSED, signatures: [PASSED] },
  'signedcms-subject-key-id.txt.p7s': { document: PASSED, signatures: [PASSED] },
};

async function check(name: string): Promise<DocumentReport> {
  const bytes = sample(DIR + name);
  return name.endsWith('.p7s') ? verify(bytes, { trust, at: AT, content: sample(DIR + name.slice(0, -'.p7s'.length)) }) : verify(bytes, { trust, at: AT });
}

describe('documents made by .NET producers and gpgsm (samples/producers/dotnet)', () => {
  it('gives every committed output a row', () => {
    const signed = readdirSync(SAMPLES + DIR).filter((name) => !name.endsWith('.txt'));
    expect(signed.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, row] of Object.entries(EXPECTED)) {
    it(`${name}: ${row.document}`, async () => {
      const report = await check(name);
      expect([verdict(report), ...report.signatures.map(verdict)]).toEqual([row.document, ...row.signatures]);
      for (const [index, code] of Object.entries(row.because ?? {})) expect(codes(report, report.signatures[Number(index)])).toContain(code);
    });
  }
});
