/**
 * ZIP containers on real archives (samples/make-attacks-zip.sh writes them into
 * test/fixtures/attacks/zip/): nesting cannot multiply decompression work, genuine ZIP64
 * archives from Info-ZIP are read with the same strictness as classic ones, and macOS
 * AppleDouble entries are metadata only when they are AppleDouble.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseZip } from '../../src/formats/zip/index.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { context } from '../formats/xml/helpers.js';
import { AT, REPO, sample } from '../helpers.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/zip/${name}`));
const codes = (report: { readonly messages: readonly { code: string }[] }): string[] => report.messages.map((message) => message.code);
const MiB = 1024 * 1024;

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

describe('one decompression budget per top-level document, shared by every nested archive', () => {
  // nested-amplification.zip (1 KB): four copies of a ZIP holding two 3 MiB runs of zeros.
  // Each archive alone is within 8 MiB; together they inflate 24 MiB and some.
  const amplification = fixture('nested-amplification.zip');
  const limits = { maxZipBytes: 8 * MiB, maxInflatedBytes: 4 * MiB };

  it('past the tree budget the document is INDETERMINATE, the nested archive names the limit', async () => {
    const report = await verify(amplification, { trust, at: AT, policy: { limits } });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    const inner = report.attachments ?? [];
    expect(inner.map((a) => [a.name, a.indication])).toEqual([
      ['i0.zip', 'NO_SIGNATURE'],
      ['i1.zip', 'INDETERMINATE'],
      ['i2.zip', 'INDETERMINATE'],
      ['i3.zip', 'INDETERMINATE'],
    ]);
    expect(codes(inner[1]!)).toEqual(['ZIP_NESTED_TOTAL_TOO_LARGE']);
    expect(inner[1]!.messages[0]).toMatchObject({
      vi: `Các tệp ZIP lồng nhau trong tài liệu giải nén ra tổng cộng hơn ${8 * MiB} byte; dừng giải nén (nghi ngờ bom nén), phần còn lại không kiểm tra được.`,
      en: `The ZIP files nested in this document inflate to more than ${8 * MiB} bytes in total; extraction stopped (suspected zip bomb), the rest cannot be checked.`,
    });
  });

  it('the largest tree budget allowed passes every archive; one byte less refuses the last entry', async () => {
    // The outer archive's entries (the inner ZIPs) count, then each inner archive's.
    const outer = await parseZip(amplification, context());
    const whole = outer.attachments.reduce((sum, a) => sum + a.bytes.length, 0) + 4 * 6 * MiB;
    const exact = await verify(amplification, { trust, at: AT, policy: { limits: { maxZipBytes: whole, maxInflatedBytes: 4 * MiB } } });
    expect(exact.indication).toBe('NO_SIGNATURE');
    expect((exact.attachments ?? []).map((a) => a.indication)).toEqual(['NO_SIGNATURE', 'NO_SIGNATURE', 'NO_SIGNATURE', 'NO_SIGNATURE']);
    const under = await verify(amplification, { trust, at: AT, policy: { limits: { maxZipBytes: whole - 1, maxInflatedBytes: 4 * MiB } } });
    expect(under.indication).toBe('INDETERMINATE');
    expect((under.attachments ?? []).map((a) => a.indication)).toEqual(['NO_SIGNATURE', 'NO_SIGNATURE', 'NO_SIGNATURE', 'INDETERMINATE']);
    expect(codes(under.attachments![3]!)).toEqual(['ZIP_NESTED_TOTAL_TOO_LARGE']);
  });

  it('entries count over the whole tree: 4 + 4 × 2 = 12 are read, 11 refuses the last inner archive', async () => {
    const exact = await verify(amplification, { trust, at: AT, policy: { limits: { maxZipEntries: 12 } } });
    expect(exact.indication).toBe('NO_SIGNATURE');
    const under = await verify(amplification, { trust, at: AT, policy: { limits: { maxZipEntries: 11 } } });
    expect(under).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect((under.attachments ?? []).map((a: DocumentReport) => a.indication)).toEqual(['NO_SIGNATURE', 'NO_SIGNATURE', 'NO_SIGNATURE', 'INDETERMINATE']);
    expect(codes(under.attachments![3]!)).toEqual(['ZIP_NESTED_TOO_MANY_ENTRIES']);
  });
});

describe('a PDF carried by a ZIP inflates on the same budget as the archives around it', () => {
  // nested-pdf-inflation.zip (3 KB): six copies of an unsigned 6 KB PDF whose catalog sits in an
  // object stream that inflates to 6 MiB. Each copy is within its own 8 MiB; together 36 MiB.
  const inflation = fixture('nested-pdf-inflation.zip');
  const limits = { maxZipBytes: 16 * MiB, maxInflatedBytes: 8 * MiB };

  it('one copy alone is read in full: it is unsigned, and no bound is hit', async () => {
    const [first] = (await parseZip(inflation, context())).attachments;
    const report = await verify(first!.bytes, { trust, at: AT, policy: { limits } });
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(codes(report)).toEqual(['DOC_NO_SIGNATURE']);
  });

  it('past the top-level budget the next copies are not inflated and the archive is INDETERMINATE, not unsigned', async () => {
    const report = await verify(inflation, { trust, at: AT, policy: { limits } });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    const inner = report.attachments ?? [];
    expect(inner.map((a) => [a.name, a.indication, a.subIndication])).toEqual([
      ['vb0.pdf', 'NO_SIGNATURE', undefined],
      ['vb1.pdf', 'NO_SIGNATURE', undefined],
      ['vb2.pdf', 'INDETERMINATE', 'SIGNED_DATA_NOT_FOUND'],
      ['vb3.pdf', 'INDETERMINATE', 'SIGNED_DATA_NOT_FOUND'],
      ['vb4.pdf', 'INDETERMINATE', 'SIGNED_DATA_NOT_FOUND'],
      ['vb5.pdf', 'INDETERMINATE', 'SIGNED_DATA_NOT_FOUND'],
    ]);
    for (const refused of inner.slice(2)) expect(codes(refused)).toEqual(['PDF_INFLATE_NESTED_TOTAL_LIMIT']);
    expect(inner[2]!.messages[0]).toMatchObject({
      vi: `Các luồng nén của những tài liệu lồng nhau trong tệp này cộng lại giải nén vượt quá ${16 * MiB} byte; luồng 1 0 R và các luồng sau không được đọc (nghi ngờ bom nén).`,
      en: `The compressed streams of the documents nested in this file together inflate beyond ${16 * MiB} bytes; stream 1 0 R and later ones are not read (suspected decompression bomb).`,
    });
  });

  it('a refused stream still spent its bound: refusals add up on the top-level budget', async () => {
    // Each copy is stopped at its own 4 MiB, and those 4 MiB were inflated all the same: three copies
    // (and the archive's 6 KB entries) leave less than 4 MiB of 16, so the fourth is not inflated at all.
    const report = await verify(inflation, { trust, at: AT, policy: { limits: { maxZipBytes: 16 * MiB, maxInflatedBytes: 4 * MiB } } });
    expect((report.attachments ?? []).map((a) => codes(a).join())).toEqual([
      'PDF_INFLATE_LIMIT',
      'PDF_INFLATE_LIMIT',
      'PDF_INFLATE_LIMIT',
      'PDF_INFLATE_NESTED_TOTAL_LIMIT',
      'PDF_INFLATE_NESTED_TOTAL_LIMIT',
      'PDF_INFLATE_NESTED_TOTAL_LIMIT',
    ]);
  });

  it('a PDF whose own bound refuses the stream that holds its catalog is INDETERMINATE, not unsigned', async () => {
    const [first] = (await parseZip(inflation, context())).attachments;
    const report = await verify(first!.bytes, { trust, at: AT, policy: { limits: { maxInflatedBytes: 4 * MiB } } });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(codes(report)).toEqual(['PDF_INFLATE_LIMIT']);
  });
});

describe('an entry larger than an archive holds in memory is checked in full, then read again when verified', () => {
  // large-entry.zip (70 KB): the signed PDF and a 65 MiB run of zeros (annex.bin), over the 64 MiB
  // an archive's entries may hold; large-entry-crc-changed.zip: the zeros' CRC-32 changed in both headers.
  const large = fixture('large-entry.zip');

  it('the entry read later has its whole content, the same at each reading', async () => {
    const parsed = await parseZip(large, context());
    expect(parsed.attachments.map((a) => [a.name, a.bytes.length])).toEqual([
      ['vb.pdf', sample('pdf/person-then-organization.pdf').length],
      ['annex.bin', 65 * MiB],
    ]);
    const annex = parsed.attachments[1]!;
    const first = annex.bytes;
    expect(first.every((byte) => byte === 0)).toBe(true);
    // Compared as buffers: a matcher's element-by-element walk over 65 MiB takes minutes.
    expect(Buffer.from(annex.bytes.buffer).equals(Buffer.from(first.buffer))).toBe(true);
  });

  it('verified as before: the signed PDF passes, the zeros are unsigned content', async () => {
    const report = await verify(large, { trust, at: AT });
    expect(report.indication).toBe('NO_SIGNATURE');
    expect((report.attachments ?? []).map((a) => [a.name, a.indication])).toEqual([
      ['vb.pdf', 'TOTAL_PASSED'],
      ['annex.bin', 'NO_SIGNATURE'],
    ]);
  });

  it('a damaged entry that is not held still refuses the whole archive on the first pass', async () => {
    const report = await verify(fixture('large-entry-crc-changed.zip'), { trust, at: AT });
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(report.messages.map((m) => [m.code, m.en])).toEqual([['ZIP_ENTRY_CORRUPT', 'The entry "annex.bin" is damaged: CRC-32 mismatch']]);
  });
});

describe('ZIP64 as Info-ZIP writes it from standard input (red-team finding 4): read, with the same agreement rules', () => {
  // zip64-infozip-stdin.zip: `cat pdf/person-then-organization.pdf | zip x.zip -`. The local header marks both sizes
  // 0xFFFFFFFF and carries them in a ZIP64 extra field; a ZIP64 end record and its locator come before the end record.
  const stdin = fixture('zip64-infozip-stdin.zip');
  // zip64-infozip-pipe.zip: the same into a pipe, so a data descriptor with 8-byte sizes and zeros in the local ZIP64 field.
  const pipe = fixture('zip64-infozip-pipe.zip');
  const signed = sample('pdf/person-then-organization.pdf');

  for (const [label, bytes] of [['into a file', stdin], ['into a pipe', pipe]] as const) {
    it(`${label}: the signed PDF inside passes, as it does alone`, async () => {
      const report = await verify(bytes, { trust, at: AT });
      expect(report.indication).toBe('TOTAL_PASSED');
      expect((report.attachments ?? []).map((a) => [a.name, a.format, a.indication, a.size])).toEqual([['-', 'pdf', 'TOTAL_PASSED', signed.length]]);
    });
  }

  /** The stdin fixture with `length` bytes at `offset` replaced by `value` (little-endian). */
  const edited = (offset: number, value: bigint, length: 4 | 8): Uint8Array => {
    const copy = stdin.slice();
    const data = new DataView(copy.buffer);
    if (length === 8) data.setBigUint64(offset, value, true);
    else data.setUint32(offset, Number(value), true);
    return copy;
  };
  const end = stdin.length - 22;
  const locator = end - 20;
  const record = Number(new DataView(stdin.buffer, stdin.byteOffset).getBigUint64(locator + 8, true));

  it('a local ZIP64 size that disagrees with the directory is refused (FAILED)', async () => {
    // Local header: 30 bytes, the one-byte name "-", then the extra field: id, size, size, compressed size.
    const report = await verify(edited(30 + 1 + 4 + 8, 4000n, 8), { trust, at: AT });
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(codes(report)).toEqual(['ZIP_LOCAL_HEADER_MISMATCH']);
  });

  it('a ZIP64 end record that points the directory elsewhere than the end record does is refused (FAILED)', async () => {
    const report = await verify(edited(record + 48, BigInt(record - 47 + 1), 8), { trust, at: AT });
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(report.messages[0]).toMatchObject({ code: 'ZIP_MALFORMED', en: 'The ZIP file is damaged: the end record and the ZIP64 end record disagree' });
  });

  it('a locator that points at no ZIP64 end record is refused (FAILED)', async () => {
    const report = await verify(edited(locator + 8, BigInt(record - 4), 8), { trust, at: AT });
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(report.messages[0]).toMatchObject({ code: 'ZIP_MALFORMED', en: 'The ZIP file is damaged: no ZIP64 end record where its locator points' });
  });

  it('a ZIP64 end record with extensible data (not read by kyso) is INDETERMINATE, not FAILED', async () => {
    // Four bytes of extensible data: the record grows, the locator and end record move, their offsets follow.
    const grown = new Uint8Array(stdin.length + 4);
    grown.set(stdin.subarray(0, locator));
    grown.set(stdin.subarray(locator), locator + 4);
    const data = new DataView(grown.buffer);
    data.setBigUint64(record + 4, 48n, true);
    const report = await verify(grown, { trust, at: AT });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(report.messages[0]).toMatchObject({ code: 'ZIP_UNSUPPORTED', en: 'The ZIP file uses an unsupported feature: ZIP64 extensible data.' });
  });
});

describe('macOS AppleDouble entries (__MACOSX/._name) are metadata, only when they are AppleDouble (red-team finding 12)', () => {
  const names = (report: DocumentReport): [string, string][] => (report.attachments ?? []).map((a) => [a.name, a.indication]);

  it('Archive Utility’s shape: the signed PDF passes; its AppleDouble twin is listed in the details, not unsigned content', async () => {
    const report = await verify(fixture('macos-appledouble.zip'), { trust, at: AT });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(names(report)).toEqual([['vb.pdf', 'TOTAL_PASSED']]);
    expect(report.details).toEqual({ kind: 'zip', entries: 1, appleDouble: ['__MACOSX/._vb.pdf'] });
    expect(codes(report)).toEqual(['ZIP_APPLEDOUBLE_METADATA']);
    expect(report.messages[0]).toMatchObject({
      severity: 'info',
      vi: 'Các mục siêu dữ liệu macOS (AppleDouble, thư mục __MACOSX) không phải văn bản nên không được kiểm tra như văn bản: __MACOSX/._vb.pdf.',
    });
  });

  it('the parser hands back only the PDF: the twin never reaches format detection', async () => {
    const plain = await parseZip(fixture('macos-appledouble.zip'), context());
    expect(plain.attachments.map((a) => a.name)).toEqual(['vb.pdf']);
  });

  it('an unsigned PDF under an AppleDouble name (no AppleDouble magic) is content: the ZIP is not passed', async () => {
    const report = await verify(fixture('macos-appledouble-not.zip'), { trust, at: AT });
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(names(report)).toEqual([['vb.pdf', 'TOTAL_PASSED'], ['__MACOSX/._vb.pdf', 'NO_SIGNATURE']]);
    expect(codes(report)).toEqual(['DOC_UNSIGNED_ATTACHMENTS', 'DOC_NO_SIGNATURE']);
  });

  it('an AppleDouble whose resource fork is a PDF (a PDF reader shows it) is content: the ZIP is not passed', async () => {
    const report = await verify(fixture('macos-appledouble-pdf-fork.zip'), { trust, at: AT });
    expect(report.indication).not.toBe('TOTAL_PASSED');
    expect(names(report).map(([name]) => name)).toEqual(['vb.pdf', '__MACOSX/._vb.pdf']);
    expect(report.details).toEqual({ kind: 'zip', entries: 2 });
  });
});
