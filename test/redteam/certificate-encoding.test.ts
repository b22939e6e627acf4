/**
 * Red team: certificates that kyso and OpenSSL could read differently at the encoding and
 * algorithm level (test/fixtures/attacks/certificates/, samples/make-attacks-certificates.py):
 * the test PKI's person certificate or a CA under the test root with one field crafted and
 * signed again by the issuing CA's key, carried by an openssl-made detached CMS signature.
 * What each case asserts is what OpenSSL 3.0 (`openssl verify`, `openssl cms -verify`) says
 * of the same bytes, except where a comment says why kyso differs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DerError, parseDer } from '../../src/asn1/der.js';
import { displayText } from '../../src/pki/names.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample, messageCodes } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/certificates/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function check(name: string): Promise<DocumentReport> {
  return verify(new Uint8Array(readFileSync(`${ATTACKS}${name}.txt.p7s`)), {
    trust,
    at: AT,
    content: new Uint8Array(readFileSync(`${ATTACKS}${name}.txt`)),
  });
}


async function verdict(name: string): Promise<string> {
  const report = await check(name);
  return report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`).join(' ');
}

describe('controls: genuine certificates made the same way pass', () => {
  it.each([
    'control',
    'keyusage-der-ca',
    'pss-key-restricted-sha512-signs-sha512',
    'ecdsa-ca',
    // OpenSSL takes compressed points too.
    'ecdsa-ca-compressed-point',
    'ed25519-ca',
    // RFC 5758 says absent; OpenSSL ignores NULL parameters of ecdsa-with-SHA256 (signed alike inside and out).
    'ecdsa-parameters-null',
    // RFC 4055 asks for NULL; OpenSSL and NSS accept absent parameters (inside and outside alike).
    'rsa-parameters-absent',
    // RFC 5280 §4.1.2.2 asks CAs for positive serials of at most 20 octets; verifiers take these.
    'serial-zero',
    'serial-negative',
    'serial-21-octets',
    // issuerUniqueID and subjectUniqueID in a v3 certificate: allowed, read by no one.
    'unique-ids',
  ])('%s', async (name) => {
    expect(await verdict(name)).toBe('TOTAL_PASSED/');
  });
});

describe('one certificate, two readings: kyso now reads as OpenSSL does', () => {
  it('a CA keyUsage with set unused bits (07 84) is not keyCertSign (OpenSSL clears them: "key usage does not include certificate signing")', async () => {
    const report = await check('keyusage-unused-bits-ca');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    expect(messageCodes(report)).toContain('PKI_MALFORMED_EXTENSION');
  });

  // The CMS layer cannot decode the signer's certificate, so the signer reads as not found, and
  // the report says which certificate could not be read and why (before, only CMS_SIGNER_NOT_FOUND).
  it.each([
    // A reader that takes the first INTEGER sees v3.
    'version-extra-field',
    // A reader that takes the first two fields sees the person's key (before, kyso put it on the path).
    'spki-extra-field',
  ])('%s: a certificate OpenSSL cannot parse is not read either', async (name) => {
    const report = await check(name);
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(messageCodes(report)).toEqual(expect.arrayContaining(['CMS_SIGNER_NOT_FOUND', 'CMS_CERTIFICATES_UNREADABLE', 'PKI_DER_STRUCTURE']));
    const unreadable = report.signatures[0]!.messages.find((m) => m.code === 'CMS_CERTIFICATES_UNREADABLE');
    expect(unreadable?.params).toMatchObject({ count: 1 });
  });

  it('the same certificate as an XML signature\'s KeyInfo certificate: the report says why it could not be read', async () => {
    // xmlsec1's signed letter, its signer certificate swapped for the crafted one (KeyInfo is not signed).
    const letter = new TextDecoder().decode(sample('xml/enveloped-rsa-sha256-exc-c14n.xml'));
    const crafted = readFileSync(`${ATTACKS}version-extra-field.pem`, 'latin1').split('-----END CERTIFICATE-----')[0]!.replace(/-----BEGIN CERTIFICATE-----|\s+/g, '');
    const start = letter.indexOf('<X509Certificate>') + '<X509Certificate>'.length;
    const swapped = letter.slice(0, start) + crafted + letter.slice(letter.indexOf('</X509Certificate>'));
    const report = await verify(new TextEncoder().encode(swapped), { trust, at: AT });
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(messageCodes(report)).toEqual(expect.arrayContaining(['XML_CERTIFICATE_UNREADABLE', 'PKI_DER_STRUCTURE']));
  });

  it('an id-RSASSA-PSS CA key restricted to SHA-512 does not sign with SHA-256 (OpenSSL: "digest not allowed")', async () => {
    const report = await check('pss-key-restricted-sha512-signs-sha256');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    expect(messageCodes(report)).toContain('PKI_SIGNATURE_INVALID');
  });

  it('RSASSA-PSS-params with the hash field twice are not read last-wins (OpenSSL cannot parse them)', async () => {
    const report = await check('pss-parameters-hash-twice');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    expect(messageCodes(report)).toContain('PKI_SIGNATURE_INVALID');
  });

  it('an ECDSA certificate signature whose r has a superfluous zero octet is not valid (OpenSSL re-encodes and refuses)', async () => {
    const report = await check('ecdsa-ca-signature-non-minimal');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    expect(messageCodes(report)).toContain('PKI_SIGNATURE_INVALID');
  });

  it('an ECDSA SignerInfo signature whose r has a superfluous zero octet is not valid (openssl cms -verify: verification failure)', async () => {
    const report = await check('cms-ecdsa-signature-non-minimal');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['TOTAL_FAILED/SIG_CRYPTO_FAILURE']);
    expect(messageCodes(report)).toContain('CMS_SIGNATURE_INVALID');
  });
});

describe('what cannot be checked is never forged and never passes', () => {
  it.each([
    // OpenSSL refuses explicit curve parameters too ("Certificate public key has explicit ECC parameters").
    ['ecdsa-ca-explicit-curve', 'PKI_SIGNATURE_UNSUPPORTED'],
    // OpenSSL verifies Ed448; kyso does not (Node's Ed448 is experimental): INDETERMINATE, not failed.
    ['ed448-ca', 'PKI_SIGNATURE_UNSUPPORTED'],
    ['unknown-algorithm-ca', 'PKI_SIGNATURE_UNSUPPORTED'],
    // The outer signatureAlgorithm (sha1) is not the signed one (sha256): RFC 5280 §4.1.1.2.
    ['signature-algorithm-mismatch', 'PKI_SIGNATURE_ALGORITHM_MISMATCH'],
  ])('%s → INDETERMINATE (%s)', async (name, code) => {
    const report = await check(name);
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    expect(messageCodes(report)).toContain(code);
  });

  it.each([
    // No X.509 edition defines version 4 (value 3).
    'version-4',
    // Extensions need v3: readers that ignore them in a v2 certificate would drop its basicConstraints and keyUsage.
    'version-2-with-extensions',
  ])('%s leaves the signer certificate unread (OpenSSL 3.0 accepts it)', async (name) => {
    expect(await verdict(name)).toBe('INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND');
  });
});

describe('extensions that cannot be read', () => {
  it('a critical cRLDistributionPoints kyso cannot read rejects the certificate (RFC 5280 §4.2; OpenSSL: invalid certificate)', async () => {
    const report = await check('crldp-malformed-critical');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    expect(messageCodes(report)).toContain('PKI_MALFORMED_EXTENSION');
  });

  it('a non-critical one reads as no distribution point (OpenSSL refuses it; kyso keeps its leniency for pointers)', async () => {
    expect(await verdict('crldp-malformed')).toBe('TOTAL_PASSED/');
  });
});

describe('extensions RFC 5280 says must not be critical', () => {
  it.each(['ski-critical', 'freshest-crl-critical'])('%s → PKI_EXTENSION_MUST_NOT_BE_CRITICAL (OpenSSL: unhandled critical extension)', async (name) => {
    const report = await check(name);
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    expect(messageCodes(report)).toContain('PKI_EXTENSION_MUST_NOT_BE_CRITICAL');
  });
});

describe('names shown in reports', () => {
  // The CA vouched for these names, so the signatures pass; what a report shows of them must not
  // draw lines of its own (any self-made certificate's name is shown, trusted or not).
  it.each([
    ['cn-embedded-nul', 'Nguyễn Văn An\\00.giả mạo'],
    ['cn-line-break-escapes', 'Nguyễn Văn An\\0a  • signer-2 (cms): PASSED (TOTAL_PASSED) — signed by Bộ Tài chính\\1b[2K'],
  ])('%s: the commonName is shown with its control characters escaped', async (name, shown) => {
    const report = await check(name);
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['TOTAL_PASSED/']);
    expect(report.signatures[0]!.signer?.commonName).toBe(shown);
    expect(JSON.stringify(report)).not.toMatch(/\\u00(00|0a|1b)/);
  });
});

describe('the DER reader', () => {
  it('refuses the constructed form of primitive types and the primitive form of SEQUENCE and SET', () => {
    for (const hex of ['2203020105', '24030401aa', '2c03' + '0c0141', '1000', '1100']) {
      expect(() => parseDer(Uint8Array.from(Buffer.from(hex, 'hex'))), hex).toThrow(DerError);
    }
    expect(parseDer(Uint8Array.from(Buffer.from('3003020105', 'hex'))).constructed).toBe(true);
  });
});

describe('displayText', () => {
  it('escapes C1 and bidirectional controls as their UTF-8 octets, and leaves Vietnamese alone', () => {
    expect(displayText('Nguyễn\u202eAn\u0085')).toBe('Nguyễn\\e2\\80\\aeAn\\c2\\85');
    expect(displayText('Bộ Tài\u200b chính\u2028')).toBe('Bộ Tài\\e2\\80\\8b chính\\e2\\80\\a8');
    expect(displayText('Cơ quan chứng thực số Bộ Tài chính')).toBe('Cơ quan chứng thực số Bộ Tài chính');
  });
});

describe('names that read the same', () => {
  it.each(['name-constraints-excluded', 'name-constraints-excluded-zero-width-space'])(
    '%s: an O of "Bộ Tài chính" is inside the excluded subtree, a zero-width space in it or not (RFC 4518 §2.2 maps it to nothing; OpenSSL lets the second through)',
    async (name) => {
      const report = await check(name);
      expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
      expect(messageCodes(report)).toContain('PKI_NAME_EXCLUDED');
    },
  );
});

describe('path building', () => {
  it('an authorityKeyIdentifier naming another key than the intermediate’s: no link (OpenSSL: unable to get local issuer certificate)', async () => {
    const report = await check('aki-names-another-key');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND']);
    expect(messageCodes(report)).toContain('PKI_NO_CHAIN');
  });
});

describe('BER in the signed bytes, signed over exactly those bytes', () => {
  // OpenSSL verifies over the bytes as sent and accepts both; kyso reads certificates as DER
  // only (one certificate, one reading): unread, so INDETERMINATE, never forged, never passed.
  it.each([
    'tbs-ber-long-form-length',
    'tbs-ber-boolean-01',
    // Before, kyso read the chunk TLV as the extnValue (the identifier itself), OpenSSL the chunk's content.
    'tbs-ber-constructed-octet-string',
  ])('%s leaves the signer certificate unread', async (name) => {
    expect(await verdict(name)).toBe('INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND');
  });
});

describe('issuer names RFC 4518 calls equal and OpenSSL does not', () => {
  // The intermediate's own key signed each leaf, so the link is genuine; RFC 5280 §7.1 compares
  // names after NFKC and case folding, with U+FEFF mapped to nothing (RFC 4518 §2.2), whatever the
  // string type. OpenSSL compares UTF-8 bytes with ASCII-only case folding ("unable to get local
  // issuer certificate"). Left as RFC 5280 says: the signature, not the name, binds the issuer.
  it.each(['issuer-nfd', 'issuer-upper-case', 'issuer-bom'])('%s chains to the intermediate', async (name) => {
    expect(await verdict(name)).toBe('TOTAL_PASSED/');
  });
});
