/**
 * Certificates are read as strict DER, with one message code per class of defect: a
 * certificate that two parsers could read differently is refused, not repaired. The
 * defects are crafted from an openssl-made leaf (samples/pki-edge/good.pem) by editing
 * its DER tree (test/asn1/craft.ts); the signature is then wrong too, but decoding
 * refuses them first, which is what these tests pin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeCertificate } from '../../src/pki/certificate.js';
import { parseCertificates } from '../../src/pki/parse.js';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import { REPO, SAMPLES, SHARED } from '../helpers.js';
import { encodeTree, parseTree, tbsOf, type DerNode } from '../asn1/craft.js';
import { bytes, certFile, codes, expectStatus } from './helpers.js';

const edge = (name: string): Uint8Array => (name.endsWith('.pem') ? certFile(`${SAMPLES}pki-edge/${name}`) : bytes(`${SAMPLES}pki-edge/${name}`));
const ROOT = edge('root.pem');
const CA = edge('ca.pem');
const GOOD = edge('good.pem');
const AT = new Date('2025-06-01T00:00:00Z');

/** good.pem with `edit` applied to its tree. */
function crafted(edit: (cert: DerNode, longForm: Set<DerNode>) => void): Uint8Array {
  const tree = parseTree(GOOD);
  const longForm = new Set<DerNode>();
  edit(tree, longForm);
  return encodeTree(tree, longForm);
}

const SERIAL = 1;
const VALIDITY = 4;
const SUBJECT = 5;
const EXTENSIONS = 7;

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** The extension whose extnID content is `oidHex` (e.g. basicConstraints 55 1d 13). */
function extension(cert: DerNode, oidHex: string): DerNode {
  const list = tbsOf(cert)[EXTENSIONS]!.children![0]!.children!;
  const found = list.find((ext) => Buffer.from(ext.children![0]!.content!).toString('hex') === oidHex);
  if (!found) throw new Error(`no extension ${oidHex}`);
  return found;
}

async function refusedWith(der: Uint8Array, code: string): Promise<void> {
  const result = await validateCertificatePath({ leaf: der, intermediates: [CA], trustAnchors: [ROOT], at: AT, revocationMode: 'off' });
  expectStatus(result, 'invalid', 'FORMAT_FAILURE');
  expect(codes(result)).toEqual(['PKI_LEAF_UNREADABLE', code]);
}

describe('strict DER: each defect is refused with the code of its class', () => {
  test('the unedited leaf passes (the crafting itself changes nothing)', async () => {
    expect(Buffer.from(crafted(() => {})).equals(Buffer.from(GOOD))).toBe(true);
    const result = await validateCertificatePath({ leaf: GOOD, intermediates: [CA], trustAnchors: [ROOT], at: AT, revocationMode: 'off' });
    expectStatus(result, 'valid');
  });

  test('two extension blocks → PKI_DER_DUPLICATE_FIELD (parsers disagree on which one wins)', async () => {
    await refusedWith(
      crafted((cert) => {
        const tbs = tbsOf(cert);
        tbs.push(tbs[EXTENSIONS]!);
      }),
      'PKI_DER_DUPLICATE_FIELD',
    );
  });

  test('the same extension twice → PKI_DER_DUPLICATE_FIELD', async () => {
    await refusedWith(
      crafted((cert) => {
        const list = tbsOf(cert)[EXTENSIONS]!.children![0]!.children!;
        list.push(list[0]!);
      }),
      'PKI_DER_DUPLICATE_FIELD',
    );
  });

  test('a serial number with a superfluous leading zero (00 10, which a CRL lists as 10) → PKI_DER_INTEGER_ENCODING', async () => {
    await refusedWith(
      crafted((cert) => {
        tbsOf(cert)[SERIAL]!.content = Uint8Array.of(0x00, 0x10);
      }),
      'PKI_DER_INTEGER_ENCODING',
    );
  });

  test('31 February → PKI_DER_IMPOSSIBLE_DATE (not 3 March)', async () => {
    await refusedWith(
      crafted((cert) => {
        tbsOf(cert)[VALIDITY]!.children![0]!.content = ascii('230231000000Z');
      }),
      'PKI_DER_IMPOSSIBLE_DATE',
    );
  });

  test('BOOLEAN TRUE written as 01 → PKI_DER_BOOLEAN_ENCODING', async () => {
    await refusedWith(
      crafted((cert) => {
        extension(cert, '551d13').children![1]!.content = Uint8Array.of(0x01);
      }),
      'PKI_DER_BOOLEAN_ENCODING',
    );
  });

  test('a non-minimal length inside the signed part → PKI_DER_LENGTH_ENCODING', async () => {
    await refusedWith(
      crafted((cert, longForm) => {
        longForm.add(tbsOf(cert)[SERIAL]!);
      }),
      'PKI_DER_LENGTH_ENCODING',
    );
  });

  test('the outer length re-encoded (same signed bytes, another SHA-256) → PKI_DER_LENGTH_ENCODING', async () => {
    await refusedWith(
      crafted((cert, longForm) => {
        longForm.add(cert);
      }),
      'PKI_DER_LENGTH_ENCODING',
    );
  });

  test('fractional seconds in a certificate’s GeneralizedTime → PKI_DER_TIME_ENCODING', async () => {
    await refusedWith(
      crafted((cert) => {
        const notAfter = tbsOf(cert)[VALIDITY]!.children![1]!;
        notAfter.id = 0x18;
        notAfter.content = ascii('20370101000000.5Z');
      }),
      'PKI_DER_TIME_ENCODING',
    );
  });

  test('a time without seconds → PKI_DER_TIME_ENCODING', async () => {
    await refusedWith(
      crafted((cert) => {
        tbsOf(cert)[VALIDITY]!.children![0]!.content = ascii('2301010000Z');
      }),
      'PKI_DER_TIME_ENCODING',
    );
  });

  test('invalid UTF-8 in the subject’s UTF8String → PKI_DER_STRING_ENCODING (never U+FFFD)', async () => {
    await refusedWith(
      crafted((cert) => {
        const subject = tbsOf(cert)[SUBJECT]!;
        const cn = subject.children![subject.children!.length - 1]!.children![0]!.children![1]!;
        expect(cn.id).toBe(0x0c);
        cn.content = Uint8Array.of(0x6b, 0xc3, 0x28);
      }),
      'PKI_DER_STRING_ENCODING',
    );
  });

  test('trailing bytes after the certificate → PKI_DER_TRAILING_DATA', async () => {
    await refusedWith(Uint8Array.from([...GOOD, 0x00]), 'PKI_DER_TRAILING_DATA');
  });
});

describe('the allow-list: defects real CAs emit are accepted, never silently', () => {
  test('a negative serial number is decoded, marked, and reported as a warning', async () => {
    const der = crafted((cert) => {
      tbsOf(cert)[SERIAL]!.content = Uint8Array.of(0x90);
    });
    const cert = await decodeCertificate(der);
    expect(cert.serialNumber).toBe(-112n);
    expect(cert.allowedDefects).toEqual(['negative-serial']);
    // Its signature no longer verifies, so the path fails; the warning is there all the same.
    const result = await validateCertificatePath({ leaf: der, intermediates: [CA], trustAnchors: [ROOT], at: AT, revocationMode: 'off' });
    expect(codes(result)).toContain('PKI_DER_ALLOWED_DEFECT');
  });

  test('every real CA certificate kyso bundles or knows decodes strictly, and none needs the allow-list', async () => {
    const dirs = [`${REPO}certs/`, `${SHARED}vn-ca/`];
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(`${dir}${entry.name}/`);
        else if (/\.(pem|cer|crt|der)$/.test(entry.name)) files.push(`${dir}${entry.name}`);
      }
    };
    dirs.forEach(walk);
    expect(files.length).toBeGreaterThanOrEqual(22);
    for (const file of files) {
      for (const der of parseCertificates(new Uint8Array(readFileSync(file)), file)) {
        const cert = await decodeCertificate(der);
        expect(cert.allowedDefects, file).toEqual([]);
      }
    }
  });
});
