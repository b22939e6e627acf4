import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/detect.js';
import { sample } from '../helpers.js';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (const unit of text) {
    const code = unit.charCodeAt(0);
    out.push(...(littleEndian ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff]));
  }
  return new Uint8Array(out);
}

describe('format detection from bytes, never names', () => {
  it.each([
    ['a PDF', sample('pdf/person-signed.pdf'), 'pdf'],
    ['a PDF header after junk within 1 KiB', new Uint8Array([...new Uint8Array(100).fill(0x20), ...new TextEncoder().encode('%PDF-1.7\n')]), 'pdf'],
    ['a DER CMS', sample('cms/rsa-sha256.txt.p7s'), 'cms'],
    ['a PEM CMS', new TextEncoder().encode('-----BEGIN PKCS7-----\nMIIB\n-----END PKCS7-----\n'), 'cms-pem'],
    ['XML', sample('xml/organization.xml'), 'xml'],
    ['XML with a UTF-8 BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<a/>')]), 'xml'],
    ['UTF-16LE XML with a BOM', utf16('<?xml version="1.0" encoding="UTF-16"?><a/>', true, true), 'xml'],
    ['UTF-16BE XML with a BOM', utf16('<?xml version="1.0" encoding="UTF-16"?><a/>', false, true), 'xml'],
    ['UTF-16LE XML without a BOM', utf16('<?xml version="1.0" encoding="UTF-16"?><a/>', true, false), 'xml'],
    ['a ZIP', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'zip'],
    ['a certificate (not a document)', sample('pki/kyso-test-root.pem'), 'unknown'],
    ['a DER CRL (not a document)', sample('ca/root.crl'), 'unknown'],
    ['nothing', new Uint8Array(0), 'unknown'],
  ])('%s → %s', (_name, bytes, expected) => {
    expect(detectFormat(bytes.subarray(0, 1024))).toBe(expected);
  });
});

describe('a document that starts with %PDF-', () => {
  it('is a PDF whatever follows, as the full reading of its start finds', async () => {
    const { default: fc } = await import('fast-check');
    const { fuzzParameters } = await import('../fuzz/runs.js');
    const header = new TextEncoder().encode('%PDF-');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1100 }), (tail) => {
        const head = new Uint8Array([...header, ...tail]).subarray(0, 1024);
        expect(detectFormat(head)).toBe('pdf');
        // One space in front takes the full path (ZIP, DER, PEM, base64, XML, then the header search).
        expect(detectFormat(new Uint8Array([0x20, ...head]).subarray(0, 1024))).toBe('pdf');
      }),
      fuzzParameters,
    );
  });
});
