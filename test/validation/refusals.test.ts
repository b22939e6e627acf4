/**
 * A document kyso refuses to read is TOTAL_FAILED only when the refusal proves it broken;
 * a bound hit, an encoding or feature kyso does not support, or a DTD refused for safety is
 * INDETERMINATE ("cannot check" is never TOTAL_FAILED). The table is pinned here
 * code by code, and each class on real files.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { Message, MessageCode } from '../../src/report/messages.js';
import { REFUSALS, refusalVerdict } from '../../src/validation/refusals.js';
import { verify } from '../../src/verify.js';
import { AT, REPO, SAMPLES, sample, shared } from '../helpers.js';

const fixture = (path: string) => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/${path}`));
const error = (code: MessageCode): Message => ({ code, severity: 'error', vi: '', en: '' });

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

describe('the refusal table', () => {
  it('sorts every refusal code it knows (pinned)', () => {
    const cannotCheck = Object.entries(REFUSALS).filter(([, sorted]) => sorted !== 'malformed').map(([code, sorted]) => `${code} ${sorted}`);
    const malformed = Object.entries(REFUSALS).filter(([, sorted]) => sorted === 'malformed').map(([code]) => code);
    expect(cannotCheck).toEqual(
      [
        'DOC_TOO_LARGE', 'CMS_TOO_LARGE', 'CMS_TOO_MANY_SIGNERS', 'CMS_TOO_MANY_ELEMENTS', 'CMS_NOT_SIGNED_DATA',
        'XML_TOO_LARGE', 'XML_TOO_DEEP', 'XML_TOO_MANY_NODES', 'XML_TOO_MANY_NAMESPACES', 'XML_DOCTYPE_REFUSED',
        'XML_ENCODING_UNSUPPORTED', 'XML_ENCODING_INVALID', 'XML_UTF8_INVALID',
        'ZIP_TOO_MANY_ENTRIES', 'ZIP_ENTRY_TOO_LARGE', 'ZIP_TOTAL_TOO_LARGE', 'ZIP_NESTED_TOO_MANY_ENTRIES', 'ZIP_NESTED_TOTAL_TOO_LARGE', 'ZIP_UNSUPPORTED', 'ZIP_UNSUPPORTED_METHOD', 'ZIP_ENCRYPTED_ENTRY',
        'PDF_TOO_LARGE', 'PDF_TOO_MANY_REVISIONS', 'PDF_TOO_MANY_OBJECTS', 'PDF_INFLATE_LIMIT', 'PDF_INFLATE_TOTAL_LIMIT', 'PDF_INFLATE_NESTED_TOTAL_LIMIT', 'PDF_INFLATE_WORK_LIMIT', 'PDF_NESTING_TOO_DEEP',
        'PDF_UNSUPPORTED_FILTER', 'PDF_ENCRYPTED_UNREADABLE', 'PDF_ENCRYPTED_UNSUPPORTED', 'PDF_ENCRYPTED_PASSWORD', 'PDF_ENCRYPTED_WRONG_PASSWORD', 'PDF_ENCRYPTED_PASSWORD_LIMIT',
      ].map((code) => `${code} SIGNED_DATA_NOT_FOUND`),
    );
    expect(malformed).toEqual([
      'DOC_UNREADABLE', 'CMS_NOT_DER', 'CMS_TRAILING_BYTES', 'CMS_CONTENT_CONFLICT',
      'XML_MALFORMED', 'XML_NOT_ONE_ROOT', 'XML_CONTENT_OUTSIDE_ROOT', 'XML_ILLEGAL_CHARACTER', 'XML_ENTITY_REFUSED', 'XML_DECLARATION_REFUSED',
      'EDXML_NO_HEADER', 'EDXML_ATTACHMENT_AMBIGUOUS',
      'ZIP_NO_END_RECORD', 'ZIP_MALFORMED', 'ZIP_ENTRY_CORRUPT', 'ZIP_DUPLICATE_NAME', 'ZIP_UNLISTED_DATA', 'ZIP_LOCAL_HEADER_MISMATCH',
      'PDF_NOT_PDF', 'PDF_NO_STARTXREF', 'PDF_XREF_UNREADABLE', 'PDF_XREF_PREV_LOOP', 'PDF_STRUCTURE_RECOVERED', 'PDF_OBJECT_UNREADABLE', 'PDF_OBJECT_STREAM_CYCLE',
    ]);
  });

  it('a proof of breakage wins over a bound hit; warnings decide nothing; an unsorted or missing reason fails', () => {
    expect(refusalVerdict([error('PDF_XREF_UNREADABLE'), error('PDF_TOO_MANY_OBJECTS')])).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(refusalVerdict([{ ...error('PDF_NOT_PDF'), severity: 'warning' }, error('PDF_TOO_MANY_OBJECTS')])).toEqual({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(refusalVerdict([error('CMS_DIGEST_MISMATCH')])).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(refusalVerdict([])).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });
});

describe('refused documents on real files', () => {
  it('an xmlsec1-signed XML in VISCII (xmlsec1 verifies it; kyso does not decode it) → INDETERMINATE, not failed', async () => {
    const report = await verify(fixture('refusals/viscii-signed.xml'), { trust, at: AT });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(report.messages.map((m) => m.code)).toEqual(['XML_UTF8_INVALID']);
  });

  it('an XML with a DTD (refused for safety, never read) → INDETERMINATE naming the refusal', async () => {
    const report = await verify(shared('conformance/bad-xml/dtd.xml'), { trust, at: AT });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(report.messages.map((m) => m.code)).toEqual(['XML_DOCTYPE_REFUSED']);
  });

  it('XML that is not well-formed stays TOTAL_FAILED/FORMAT_FAILURE', async () => {
    const broken = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\n<VanBan><SoKyHieu>1</VanBan>\n');
    const report = await verify(broken, { trust, at: AT });
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });

  it('an attached CMS over maxCmsBytes → INDETERMINATE (openssl would verify it; kyso stops at its bound)', async () => {
    const content = sample('cms/rsa-sha256.txt');
    const attached = new Uint8Array(
      execFileSync('openssl', ['cms', '-sign', '-binary', '-nodetach', '-outform', 'DER', '-signer', `${SAMPLES}ca/person.pem`, '-inkey', `${SAMPLES}ca/person.key`, '-certfile', `${SAMPLES}ca/intermediate.pem`], { input: content }),
    );
    const within = await verify(attached, { trust, at: AT, policy: { limits: { maxCmsBytes: attached.length } } });
    expect(within.indication).toBe('TOTAL_PASSED');
    const over = await verify(attached, { trust, at: AT, policy: { limits: { maxCmsBytes: attached.length - 1 } } });
    expect(over).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(over.messages.map((m) => m.code)).toEqual(['DOC_TOO_LARGE']);
  });

  it('a certs-only PKCS#7 (openssl crl2pkcs7) is a certificate bundle: NO_SIGNATURE, like an unsigned PDF', async () => {
    const report = await verify(fixture('refusals/certs-only.p7b'), { trust, at: AT });
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(report.subIndication).toBeUndefined();
    expect(report.signatures).toEqual([]);
    expect(report.messages.map((m) => m.code)).toEqual(['CMS_CERTIFICATES_ONLY', 'DOC_NO_SIGNATURE']);
  });

  it('a truncated CMS stays TOTAL_FAILED/FORMAT_FAILURE', async () => {
    const p7s = sample('cms/rsa-sha256.txt.p7s');
    const report = await verify(p7s.subarray(0, p7s.length - 40), { trust, at: AT, content: sample('cms/rsa-sha256.txt') });
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });
});
