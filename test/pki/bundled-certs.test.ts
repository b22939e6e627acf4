import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BUNDLED_CERTIFICATES } from '../../src/pki/bundled-certs.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import { decodeCertificate } from '../../src/pki/certificate.js';
import { CERTS, certFile, expectStatus, VN_CA } from './helpers.js';

interface ManifestEntry {
  file: string;
  subject: string;
  role: 'root' | 'intermediate';
  pki: 'public' | 'government';
  generation: string;
  label: string;
  sha256: string;
  source: string;
}

const manifest = JSON.parse(readFileSync(`${CERTS}index.json`, 'utf8')) as ManifestEntry[];

function sha256(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase();
}

function midpoint(notBefore: Date, notAfter: Date): Date {
  return new Date((notBefore.getTime() + notAfter.getTime()) / 2);
}

describe('certs/ manifest', () => {
  test('lists every PEM file under certs/ exactly once', () => {
    const onDisk = readdirSync(CERTS, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.pem'))
      .sort();
    expect(manifest.map((e) => e.file).sort()).toEqual(onDisk);
  });

  test.each(manifest.map((e) => [e.file, e] as const))('%s: SHA-256 in index.json matches the file', (file, entry) => {
    expect(sha256(certFile(`${CERTS}${file}`))).toBe(entry.sha256);
  });

  test('every manifest file is a byte-identical copy of the certificate in ../shared/vn-ca', () => {
    for (const entry of manifest) {
      expect(sha256(certFile(`${VN_CA}${entry.file}`)), entry.file).toBe(entry.sha256);
    }
  });

  test('the generated module holds exactly the certs/ files, byte for byte (run `node certs/generate.mjs` if not)', () => {
    expect(BUNDLED_CERTIFICATES.map((c) => c.file)).toEqual(manifest.map((e) => e.file));
    for (const bundled of BUNDLED_CERTIFICATES) {
      const entry = manifest.find((e) => e.file === bundled.file) as ManifestEntry;
      const der = Buffer.from(bundled.der, 'base64');
      expect(Buffer.compare(der, Buffer.from(certFile(`${CERTS}${bundled.file}`))), bundled.file).toBe(0);
      const { der: _der, ...meta } = bundled;
      expect(meta).toEqual(entry);
    }
  });
});

describe('TrustStore.bundled()', () => {
  test('makes the five real roots anchors and the fifteen CAs intermediates (never anchors)', async () => {
    const store = await TrustStore.bundled();
    expect(store.anchors).toHaveLength(5);
    expect(store.intermediates).toHaveLength(17);
    const anchorHashes = store.anchors.map(sha256);
    for (const entry of manifest) {
      expect(anchorHashes.includes(entry.sha256), entry.file).toBe(entry.role === 'root');
    }
  });

  test('keeps per-certificate metadata: role, pki, generation, label', async () => {
    const store = await TrustStore.bundled();
    const g2 = store.entries.find((e) => e.bundled?.file === 'vgca/ca-phuc-vu-co-quan-nha-nuoc-g2.pem');
    expect(g2?.role).toBe('intermediate');
    expect(g2?.bundled).toMatchObject({ role: 'intermediate', pki: 'government', generation: 'G2' });
    expect(g2?.bundled?.label).toContain('CA phục vụ các cơ quan Nhà nước G2');
    const g3 = store.lookup(certFile(`${CERTS}neac/vietnam-national-root-ca-g3.pem`));
    expect(g3).toMatchObject({ role: 'anchor', bundled: { pki: 'public', generation: 'G3' } });
  });

  test('adds nothing from neac/vnrca-g3.p7b: its only certificate is the G3 root already bundled', async () => {
    const store = await TrustStore.bundled();
    const fromBundle = TrustStore.from(new Uint8Array(readFileSync(`${VN_CA}neac/vnrca-g3.p7b`)));
    expect(store.merge(fromBundle).size).toBe(store.size);
  });
});

describe('the real Vietnamese chains', () => {
  const intermediates = manifest.filter((e) => e.role === 'intermediate');

  test.each(intermediates.map((e) => [e.file, e] as const))(
    '%s validates up to its bundled root inside its validity period',
    async (file) => {
      const store = await TrustStore.bundled();
      const der = certFile(`${CERTS}${file}`);
      const cert = await decodeCertificate(der);
      const result = await validateCertificatePath({
        leaf: der,
        trustAnchors: store.anchors,
        intermediates: store.intermediates,
        at: midpoint(cert.notBefore, cert.notAfter),
      });
      expectStatus(result, 'valid');
      expect(result.path).toHaveLength(2);
      const root = await decodeCertificate(result.path[1]!.der);
      expect(root.subject.key).toBe(cert.issuer.key);
    },
  );

  test('the SHA-1 G1 sub-CAs (Government Cipher Committee) validate at 2016-06-01', async () => {
    const store = await TrustStore.bundled();
    for (const file of manifest.filter((e) => e.file.startsWith('vgca/g1-')).map((e) => e.file)) {
      const result = await validateCertificatePath({ leaf: certFile(`${CERTS}${file}`), trustAnchors: store.anchors, at: new Date('2016-06-01T00:00:00Z') });
      expectStatus(result, 'valid');
    }
  });

  test('the expired public-ca-legacy CAs validate at a time inside their validity but not today', async () => {
    const store = await TrustStore.bundled();
    const viettel = certFile(`${CERTS}public-ca-legacy/viettelca-sub-of-mic-root-sha1.pem`);
    expectStatus(await validateCertificatePath({ leaf: viettel, trustAnchors: store.anchors, at: new Date('2016-06-01T00:00:00Z') }), 'valid');
    const now = await validateCertificatePath({ leaf: viettel, trustAnchors: store.anchors, at: new Date('2026-06-01T00:00:00Z') });
    expectStatus(now, 'invalid', 'OUT_OF_BOUNDS_NO_POE');
    expect(now.rejected?.subject).toContain('Viettel-CA');
  });

  test('a G1 leaf (btc, Finance) chains leaf → btc → G1 root for document signing', async () => {
    const store = await TrustStore.bundled();
    const result = await validateCertificatePath({
      leaf: certFile(`${VN_CA}leaf-examples/g1-btc-leaf-chi-cuc-thue-org.pem`),
      trustAnchors: store.anchors,
      intermediates: store.intermediates,
      at: new Date('2023-01-01T00:00:00Z'),
      usage: 'document-signing',
      revocationMode: 'off',
    });
    expectStatus(result, 'valid');
    expect(result.path.map((p) => [p.role, p.source])).toEqual([
      ['end-entity', 'leaf'],
      ['intermediate', 'candidate'],
      ['anchor', 'anchor'],
    ]);
    expect((await decodeCertificate(result.path[1]!.der)).commonName).toBe('Co quan chung thuc so Bo Tai chinh');
    expect((await decodeCertificate(result.path[2]!.der)).commonName).toBe('Co quan chung thuc so chuyen dung Chinh phu (RootCA)');
  });

  test('a G2 leaf (cpcag2, UTF-8 names) chains leaf → cpcag2 → G2 root', async () => {
    const store = await TrustStore.bundled();
    const result = await validateCertificatePath({
      leaf: certFile(`${VN_CA}leaf-examples/g2-cpcag2-leaf-tong-cuc-thue-org.pem`),
      trustAnchors: store.anchors,
      intermediates: store.intermediates,
      at: new Date('2024-01-01T00:00:00Z'),
      usage: 'document-signing',
      revocationMode: 'off',
    });
    expectStatus(result, 'valid');
    expect((await decodeCertificate(result.path[2]!.der)).commonName).toBe('RootCA chuyên dùng Chính phủ G2');
    expect(result.policies).toEqual(['2.16.704.1.1.1.1.1']);
  });

  test('without the bundled intermediates the G1 leaf has no path (NO_CERTIFICATE_CHAIN_FOUND)', async () => {
    const store = await TrustStore.bundled();
    const result = await validateCertificatePath({
      leaf: certFile(`${VN_CA}leaf-examples/g1-btc-leaf-chi-cuc-thue-org.pem`),
      trustAnchors: store.anchors,
      at: new Date('2023-01-01T00:00:00Z'),
    });
    expectStatus(result, 'invalid', 'NO_CERTIFICATE_CHAIN_FOUND');
    expect(result.rejected?.subject).toContain('Chi cục thuế');
  });

  test('the G1 leaf after its notAfter (2025-09-14) is OUT_OF_BOUNDS_NO_POE and names the leaf', async () => {
    const store = await TrustStore.bundled();
    const result = await validateCertificatePath({
      leaf: certFile(`${VN_CA}leaf-examples/g1-btc-leaf-chi-cuc-thue-org.pem`),
      trustAnchors: store.anchors,
      intermediates: store.intermediates,
      at: new Date('2025-10-01T00:00:00Z'),
    });
    expectStatus(result, 'invalid', 'OUT_OF_BOUNDS_NO_POE');
    expect(result.rejected?.certificate).toBe('47EFE862ADF5B459975CC9AC6BE81B2398D5EEA413BD69BA76A38D41B307B309');
    expect(result.messages[0]?.code).toBe('PKI_EXPIRED');
    expect(result.messages[0]?.vi).toContain('đã hết hiệu lực');
  });
});
