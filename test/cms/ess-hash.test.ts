/**
 * The ESS certHash check: a SHA-256 is compared with the certificate's fingerprint
 * instead of hashing the certificate again. It must answer exactly what hashing answers,
 * for a matching hash and for every near miss.
 */
import { describe, expect, it } from 'vitest';
import { essHashMatches } from '../../src/cms/signer-info.js';
import type { EmbeddedCertificate } from '../../src/cms/signed-data.js';
import { bytesEqual, hashBytes, portableHashFactory, type DigestAlgorithm } from '../../src/io/hash.js';
import { decodeSentCertificate } from '../../src/pki/certificate.js';
import { decodePem } from '../../src/formats/detect.js';
import { sample } from '../helpers.js';

function embedded(name: string): EmbeddedCertificate {
  const der = decodePem(new TextDecoder().decode(sample(name)))!;
  return { der, certificate: decodeSentCertificate(der) };
}

async function byHashing(candidate: EmbeddedCertificate, algorithm: DigestAlgorithm, hash: Uint8Array): Promise<boolean> {
  return bytesEqual(await hashBytes(candidate.der, algorithm, portableHashFactory), hash);
}

describe('ESS certHash against a sent certificate', async () => {
  const person = embedded('ca/person.pem');
  const other = embedded('ca/organization.pem');
  const sha256 = await hashBytes(person.der, 'SHA-256', portableHashFactory);
  const flipped = (bytes: Uint8Array, at: number) => {
    const copy = bytes.slice();
    copy[at]! ^= 0x01;
    return copy;
  };
  const cases: [string, EmbeddedCertificate, DigestAlgorithm, Uint8Array][] = [
    ['the certificate SHA-256 matches', person, 'SHA-256', sha256],
    ['the first byte flipped does not', person, 'SHA-256', flipped(sha256, 0)],
    ['the last byte flipped does not', person, 'SHA-256', flipped(sha256, 31)],
    ['one byte short does not', person, 'SHA-256', sha256.subarray(0, 31)],
    ['one byte more does not', person, 'SHA-256', Uint8Array.from([...sha256, 0])],
    ['empty does not', person, 'SHA-256', new Uint8Array(0)],
    ["another certificate's hash does not", other, 'SHA-256', sha256],
    ['a SHA-1 is still hashed: it matches', person, 'SHA-1', await hashBytes(person.der, 'SHA-1', portableHashFactory)],
    ['a SHA-1 is still hashed: the SHA-256 does not match it', person, 'SHA-1', sha256],
    ['a certificate without a fingerprint is hashed', { der: person.der, certificate: { ...person.certificate, sha256: '' } }, 'SHA-256', sha256],
  ];
  it.each(cases)('%s, as hashing the certificate answers', async (_name, candidate, algorithm, hash) => {
    const answer = essHashMatches(candidate, algorithm, hash, portableHashFactory);
    expect(answer).toBe(await byHashing(candidate, algorithm, hash));
  });

  it('the matching case really is a match', async () => {
    expect(essHashMatches(person, 'SHA-256', sha256, portableHashFactory)).toBe(true);
  });
});
