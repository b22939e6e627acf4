/**
 * Fuzz target for the strict DER reader (src/asn1/) behind certificates, CRLs and OCSP
 * responses, and the bounded BER reader behind CMS: mutants of openssl-made inputs
 * (samples/pki-edge) and of a real Vietnamese CA certificate.
 *
 * Properties:
 * - no exception escapes but the typed decode errors (and for CMS, none at all);
 * - no mutant is accepted as the same signed object under another encoding: when a
 *   mutant decodes and every field it has (signed part, signature algorithm and value,
 *   and an OCSP response's certificates) equals the original's, it *is* the original
 *   byte for byte (one signed object, one fingerprint).
 */
import fc from 'fast-check';
import { applyByteEdit, byteEdits, type ByteEdit } from './byte-edits.js';
import { describe, expect, test } from 'vitest';
import { CertificateDecodeError, decodeCertificate } from '../../src/pki/certificate.js';
import { CrlDecodeError, decodeCrl } from '../../src/pki/revocation/crl.js';
import { decodeOcspResponse, OcspDecodeError } from '../../src/pki/revocation/ocsp.js';
import { parseSignedData } from '../../src/cms/signed-data.js';
import { SAMPLES, SHARED } from '../helpers.js';
import { encodeTree, parseTree, type DerNode } from '../asn1/craft.js';
import { bytes, certFile } from '../pki/helpers.js';
import { fuzzParameters } from './runs.js';

const CERTIFICATES = [certFile(`${SAMPLES}pki-edge/good.pem`), certFile(`${SHARED}vn-ca/vgca/rootca-chuyen-dung-chinh-phu-g2.pem`)];
const CRL = bytes(`${SAMPLES}pki-edge/ca.crl`);
const OCSP = bytes(`${SAMPLES}pki-edge/revoked-stale.ocsp`);
const CMS = bytes(`${SAMPLES}pki-edge/good.txt.p7s`);

function applyEdits(input: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  return edits.reduce<Uint8Array>((out, e) => applyByteEdit(out, e), Uint8Array.from(input));
}

function nodes(tree: DerNode): DerNode[] {
  return [tree, ...(tree.children ?? []).flatMap(nodes)];
}

/** Structure-aware edits: a non-minimal length somewhere, or a node duplicated beside itself. */
const structural = fc.record({ kind: fc.constantFrom('long-length' as const, 'duplicate' as const), pick: fc.nat() });

function applyStructural(input: Uint8Array, change: { kind: 'long-length' | 'duplicate'; pick: number }): Uint8Array {
  const tree = parseTree(input);
  const all = nodes(tree);
  const target = all[change.pick % all.length] as DerNode;
  if (change.kind === 'long-length') return encodeTree(tree, new Set([target]));
  const parent = all.find((n) => n.children?.includes(target));
  if (parent?.children) parent.children.splice(parent.children.indexOf(target), 0, target);
  return encodeTree(tree);
}

function mutants(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.array(fc.oneof(...byteEdits), { minLength: 1, maxLength: 4 }).map((edits) => applyEdits(original, edits)),
    structural.map((change) => applyStructural(original, change)),
  );
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Where a mutant departs from the original, for a readable failure. */
function difference(mutant: Uint8Array, original: Uint8Array): string {
  let i = 0;
  while (i < mutant.length && i < original.length && mutant[i] === original[i]) i++;
  const hex = (b: Uint8Array) => Buffer.from(b.subarray(Math.max(0, i - 8), i + 24)).toString('hex');
  return `differs at ${i} of ${original.length} (mutant ${mutant.length}): original …${hex(original)}… mutant …${hex(mutant)}…`;
}

describe('DER reader fuzz', () => {
  for (const [index, original] of CERTIFICATES.entries()) {
    test(`certificate ${index}: mutants throw only CertificateDecodeError, and none is the same certificate re-encoded`, async () => {
      const reference = await decodeCertificate(original);
      await fc.assert(
        fc.asyncProperty(mutants(original), async (mutant) => {
          const cert = await decodeCertificate(mutant).catch((error: unknown) => {
            expect(error).toBeInstanceOf(CertificateDecodeError);
            return undefined;
          });
          if (cert && same(cert.tbs, reference.tbs) && same(cert.signatureAlgorithm.der, reference.signatureAlgorithm.der) && same(cert.signatureValue, reference.signatureValue)) {
            expect(cert.sha256, difference(mutant, original)).toBe(reference.sha256);
          }
        }),
        fuzzParameters,
      );
    });
  }

  test('CRL: mutants throw only CrlDecodeError, and none is the same CRL re-encoded', async () => {
    const reference = await decodeCrl(CRL);
    await fc.assert(
      fc.asyncProperty(mutants(CRL), async (mutant) => {
        const crl = await decodeCrl(mutant).catch((error: unknown) => {
          expect(error).toBeInstanceOf(CrlDecodeError);
          return undefined;
        });
        if (crl && same(crl.tbs, reference.tbs) && same(crl.signatureAlgorithm.der, reference.signatureAlgorithm.der) && same(crl.signatureValue, reference.signatureValue)) {
          expect(crl.sha256, difference(mutant, CRL)).toBe(reference.sha256);
        }
      }),
      fuzzParameters,
    );
  });

  test('OCSP response: mutants throw only OcspDecodeError, and none is the same response re-encoded', async () => {
    const reference = await decodeOcspResponse(OCSP);
    await fc.assert(
      fc.asyncProperty(mutants(OCSP), async (mutant) => {
        const response = await decodeOcspResponse(mutant).catch((error: unknown) => {
          expect(error).toBeInstanceOf(OcspDecodeError);
          return undefined;
        });
        const sameCertificates = (a: typeof reference, b: typeof reference) =>
          a.certificates.length === b.certificates.length && a.certificates.every((c, i) => same(c.der, b.certificates[i]!.der));
        if (
          response &&
          same(response.tbs, reference.tbs) &&
          same(response.signatureAlgorithm.der, reference.signatureAlgorithm.der) &&
          same(response.signatureValue, reference.signatureValue) &&
          sameCertificates(response, reference)
        ) {
          expect(same(mutant, OCSP), difference(mutant, OCSP)).toBe(true);
        }
      }),
      fuzzParameters,
    );
  });

  test('CMS: the BER reader never throws, it answers ok or a message', () => {
    fc.assert(
      fc.property(mutants(CMS), (mutant) => {
        const parsed = parseSignedData(mutant, 1 << 20);
        expect(typeof parsed.ok).toBe('boolean');
      }),
      fuzzParameters,
    );
  });
});
