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
import { processPath } from '../../src/pki/path-processing.js';
import { WorkBudget, resolveBudget } from '../../src/pki/budget.js';
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

/** An Extension node: extnID, [critical TRUE], extnValue holding `value`. */
function ext(oidHex: string, value: DerNode, critical = false): DerNode {
  const id: DerNode = { id: 0x06, content: Uint8Array.from(Buffer.from(oidHex, 'hex')) };
  const octets: DerNode = { id: 0x04, content: encodeTree(value) };
  return { id: 0x30, children: critical ? [id, { id: 0x01, content: Uint8Array.of(0xff) }, octets] : [id, octets] };
}

function withExtension(base: Uint8Array, extension: DerNode): Uint8Array {
  const tree = parseTree(base);
  tbsOf(tree)[EXTENSIONS]!.children![0]!.children!.push(extension);
  return encodeTree(tree);
}

/** RFC 5280 §6.1 processing of leaf → CA → root (signatures aside: the crafted bytes no longer verify). */
async function processed(leaf: Uint8Array, ca: Uint8Array = CA) {
  const path = await Promise.all([leaf, ca, ROOT].map((der) => decodeCertificate(der)));
  return processPath({ path, at: AT, policy: {}, usage: 'any', budget: new WorkBudget(resolveBudget(undefined)) });
}

async function refusedInProcessing(leaf: Uint8Array, code: string, ca?: Uint8Array): Promise<void> {
  const result = await processed(leaf, ca);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message.code).toBe(code);
}

const EXCLUDED_SUBTREE: DerNode = { id: 0xa1, children: [{ id: 0x30, children: [{ id: 0x82, content: Uint8Array.from(Buffer.from('evil.test')) }] }] };

describe('RFC 5280 profile rules that change what a certificate means', () => {
  test('the base leaf passes processing', async () => {
    expect((await processed(GOOD)).ok).toBe(true);
  });

  test('a critical authorityKeyIdentifier → PKI_EXTENSION_MUST_NOT_BE_CRITICAL', async () => {
    const tree = parseTree(GOOD);
    extension(tree, '551d23').children!.splice(1, 0, { id: 0x01, content: Uint8Array.of(0xff) });
    await refusedInProcessing(encodeTree(tree), 'PKI_EXTENSION_MUST_NOT_BE_CRITICAL');
  });

  test('nameConstraints in an end-entity certificate → PKI_NAME_CONSTRAINTS_PROFILE', async () => {
    await refusedInProcessing(withExtension(GOOD, ext('551d1e', { id: 0x30, children: [EXCLUDED_SUBTREE] }, true)), 'PKI_NAME_CONSTRAINTS_PROFILE');
  });

  test('a non-critical nameConstraints in a CA → PKI_NAME_CONSTRAINTS_PROFILE', async () => {
    const ca = withExtension(CA, ext('551d1e', { id: 0x30, children: [EXCLUDED_SUBTREE] }, false));
    await refusedInProcessing(GOOD, 'PKI_NAME_CONSTRAINTS_PROFILE', ca);
  });

  test('an empty permitted subtree list (which would permit everything) → PKI_MALFORMED_EXTENSION', async () => {
    const ca = withExtension(CA, ext('551d1e', { id: 0x30, children: [{ id: 0xa0, children: [] }] }, true));
    await refusedInProcessing(GOOD, 'PKI_MALFORMED_EXTENSION', ca);
  });

  test('an empty ExtKeyUsage (not "any purpose") → PKI_MALFORMED_EXTENSION', async () => {
    await refusedInProcessing(withExtension(GOOD, ext('551d25', { id: 0x30, children: [] })), 'PKI_MALFORMED_EXTENSION');
  });

  test('an e-mail subjectAltName with two "@" → PKI_EMAIL_NAME_INVALID', async () => {
    const san = { id: 0x30, children: [{ id: 0x81, content: Uint8Array.from(Buffer.from('a@b@kyso.test')) }] };
    await refusedInProcessing(withExtension(GOOD, ext('551d11', san)), 'PKI_EMAIL_NAME_INVALID');
  });
});
