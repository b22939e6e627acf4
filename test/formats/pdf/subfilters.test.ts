/**
 * adbe.pkcs7.sha1 (fixtures/pkcs7-sha1.pdf, made by fixtures/make.sh with openssl): the
 * CMS encapsulates the SHA-1 digest of the /ByteRange bytes and signs that. openssl
 * confirms the fixture (eContent = SHA-1 of the ranges, signature valid); poppler's
 * pdfsig 22.12 reports "Digest Mismatch" for it, so it is no reference here.
 */
import { describe, expect, test } from 'vitest';
import { patch } from './builder.js';
import { expectCoverage, fixture, only, parse } from './helpers.js';
import { detail } from '../../helpers.js';

describe('adbe.pkcs7.sha1', () => {
  test('the encapsulated SHA-1 digest of the ranges is checked, and matches', async () => {
    const signature = only(await parse(fixture('pkcs7-sha1.pdf')));
    expect(signature.format).toBe('pdf-pkcs7');
    expect(detail(signature, 'subFilter')).toBe('adbe.pkcs7.sha1');
    expectCoverage(signature, 'entire-file', false);
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.integrity.valid).toBe('passed');
  });

  test('a changed byte in the signed range breaks the digest', async () => {
    const tampered = patch(fixture('pkcs7-sha1.pdf'), '123/UBND-VP', '124/UBND-VP');
    const signature = only(await parse(tampered));
    expectCoverage(signature, 'entire-file', false);
    expect(signature.integrity.intact).toBe('failed');
  });
});
