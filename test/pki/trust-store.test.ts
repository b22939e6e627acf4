import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { PARSE_LIMITS, parseCertificates } from '../../src/pki/parse.js';
import { CERTS, certFile, sampleCert, VN_CA } from './helpers.js';
import { SAMPLES } from '../helpers.js';

const g2RootPem = readFileSync(`${CERTS}vgca/rootca-chuyen-dung-chinh-phu-g2.pem`, 'utf8');
const g1RootPem = readFileSync(`${CERTS}vgca/rootca-chuyen-dung-chinh-phu-g1-sha1.pem`, 'utf8');
const g3P7b = new Uint8Array(readFileSync(`${VN_CA}neac/vnrca-g3.p7b`));

describe('TrustStore.from', () => {
  test('takes PEM text with several certificates, all as anchors', () => {
    const store = TrustStore.from(`# roots\n${g2RootPem}\n${g1RootPem}`);
    expect(store.anchors).toHaveLength(2);
    expect(store.intermediates).toHaveLength(0);
  });

  test('takes a DER certificate, PEM bytes, and a DER PKCS#7 certs-only bundle', () => {
    const der = certFile(`${CERTS}vgca/rootca-chuyen-dung-chinh-phu-g2.pem`);
    const store = TrustStore.from(der, new TextEncoder().encode(g1RootPem), g3P7b);
    expect(store.anchors).toHaveLength(3);
  });

  test('takes a PEM PKCS#7 bundle made by openssl crl2pkcs7', () => {
    const pem = execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', `${CERTS}vgca/rootca-chuyen-dung-chinh-phu-g2.pem`, '-certfile', `${CERTS}vgca/ca-phuc-vu-co-quan-nha-nuoc-g2.pem`], { encoding: 'utf8' });
    expect(pem).toContain('-----BEGIN PKCS7-----');
    expect(TrustStore.from(pem).anchors).toHaveLength(2);
  });

  test('the same certificate twice is one anchor', () => {
    expect(TrustStore.from(g2RootPem, g2RootPem).size).toBe(1);
  });

  test.each([
    ['text without a PEM block', 'hello'],
    ['an empty byte array', new Uint8Array()],
    ['random bytes', Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x05])],
    ['a truncated certificate', certFile(`${CERTS}vgca/rootca-chuyen-dung-chinh-phu-g2.pem`).subarray(0, 200)],
    ['a PEM block that is not base64', '-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----'],
    ['a PEM private key only', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'],
  ])('throws TypeError for %s', (_name, input) => {
    expect(() => TrustStore.from(input as Uint8Array | string)).toThrow(TypeError);
  });

  test('the TypeError says which input was wrong', () => {
    expect(() => TrustStore.from(g2RootPem, 'nonsense')).toThrow(/trust input 2/);
  });
});

describe('TrustStore is immutable', () => {
  test('withAnchors, withIntermediates and merge return new stores', () => {
    const empty = TrustStore.empty();
    const anchors = empty.withAnchors(g2RootPem);
    const both = anchors.withIntermediates(readFileSync(`${CERTS}vgca/ca-phuc-vu-co-quan-nha-nuoc-g2.pem`, 'utf8'));
    expect(empty.size).toBe(0);
    expect(anchors.size).toBe(1);
    expect(both.anchors).toHaveLength(1);
    expect(both.intermediates).toHaveLength(1);
    expect(anchors.merge(TrustStore.from(g1RootPem)).anchors).toHaveLength(2);
    expect(anchors.size).toBe(1);
  });

  test('a certificate that is an anchor in either store stays an anchor after merge', async () => {
    const bundled = await TrustStore.bundled();
    const cpcag2 = readFileSync(`${CERTS}vgca/ca-phuc-vu-co-quan-nha-nuoc-g2.pem`, 'utf8');
    const merged = bundled.merge(TrustStore.from(cpcag2));
    expect(merged.anchors).toHaveLength(6);
    expect(merged.intermediates).toHaveLength(16);
    expect(merged.lookup(parseCertificates(cpcag2)[0]!)?.bundled?.generation).toBe('G2');
  });

  test('anchors getter hands out copies of the list, not the store', () => {
    const store = TrustStore.from(g2RootPem);
    store.anchors.pop();
    expect(store.anchors).toHaveLength(1);
  });
});

describe('parseCertificates', () => {
  test('returns DER for PEM, DER and PKCS#7 input', () => {
    const der = certFile(`${CERTS}vgca/rootca-chuyen-dung-chinh-phu-g2.pem`);
    expect(parseCertificates(g2RootPem)[0]).toEqual(der);
    expect(parseCertificates(der)[0]).toEqual(der);
    expect(parseCertificates(g3P7b)).toEqual([certFile(`${CERTS}neac/vietnam-national-root-ca-g3.pem`)]);
  });

  // openssl cms -sign -stream writes BER: indefinite lengths from the ContentInfo down.
  const streamed = (outform: 'DER' | 'PEM') =>
    execFileSync('openssl', ['cms', '-sign', '-stream', '-nodetach', '-binary', '-outform', outform, '-signer', `${SAMPLES}ca/person.pem`, '-inkey', `${SAMPLES}ca/person.key`,
      '-certfile', `${SAMPLES}ca/intermediate.pem`], { input: 'Công văn số 12/UBND' });
  // As a set: the order is openssl's.
  const asSet = (certificates: readonly Uint8Array[]) => new Set(certificates.map((c) => Buffer.from(c).toString('hex')));
  const streamedCertificates = () => asSet([sampleCert('ca/person.pem'), sampleCert('ca/intermediate.pem')]);

  test('reads the certificates of a BER SignedData (openssl cms -sign -stream), as bytes and as PEM', () => {
    const ber = new Uint8Array(streamed('DER'));
    expect([...ber.subarray(0, 2)]).toEqual([0x30, 0x80]);
    expect(asSet(parseCertificates(ber))).toEqual(streamedCertificates());
    const pem = streamed('PEM').toString('latin1');
    expect(pem).toContain('-----BEGIN CMS-----');
    expect(asSet(parseCertificates(pem))).toEqual(streamedCertificates());
  });

  test('a BER bundle of more certificates than PARSE_LIMITS allows is refused before any is decoded', () => {
    const certificate = sampleCert('pki/kyso-test-root.pem');
    const count = PARSE_LIMITS.maxCertificates + 1;
    const certificates = new Uint8Array(certificate.length * count);
    for (let i = 0; i < count; i++) certificates.set(certificate, i * certificate.length);
    // ContentInfo { signedData, [0] { SignedData { version, digestAlgorithms, encapContentInfo, [0] certificates } } }, every length indefinite.
    const parts = [[0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80, 0x30, 0x80, 0x02, 0x01, 0x01, 0x31, 0x00, 0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x80], certificates, [0, 0, 0, 0, 0, 0, 0, 0]];
    const bundle = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      bundle.set(part, at);
      at += part.length;
    }
    expect(() => parseCertificates(bundle, 'bundle.p7b')).toThrow(new TypeError(`bundle.p7b: more than ${PARSE_LIMITS.maxCertificates} certificates`));
    // The same bundle one certificate shorter is read whole.
    const fewer = new Uint8Array([...bundle.subarray(0, bundle.length - 8 - certificate.length), 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseCertificates(fewer, 'bundle.p7b')).toHaveLength(PARSE_LIMITS.maxCertificates);
  });

  test('a BER SignedData cut short is refused with a TypeError', () => {
    const ber = new Uint8Array(streamed('DER'));
    expect(() => parseCertificates(ber.subarray(0, 900), 'cut.p7s')).toThrow(/cut\.p7s: not a DER certificate or PKCS#7 bundle/);
  });
});
