import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseZip } from '../../../src/formats/zip/index.js';
import { context } from '../xml/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const zip = (name: string): Uint8Array => new Uint8Array(readFileSync(join(here, 'fixtures', name)));
const codes = (messages: readonly { code: string }[]): string[] => messages.map((message) => message.code);

describe('ZIP entries come back as attachments', () => {
  it('deflated entries with Vietnamese UTF-8 names', async () => {
    const document = await parseZip(zip('three.zip'), context());
    expect(document).toMatchObject({ format: 'zip', readable: true, signatures: [] });
    expect(document.attachments.map((a) => [a.name, a.bytes.length])).toEqual([
      ['Văn bản số 1.pdf', 100],
      ['thư mục/phụ lục.txt', 200],
      ['c.bin', 300],
    ]);
    expect(new TextDecoder().decode(document.attachments[0]!.bytes.subarray(0, 8))).toBe('%PDF-1.4');
  });

  it('stored entries', async () => {
    const document = await parseZip(zip('stored.zip'), context());
    expect(document.readable).toBe(true);
    expect(new TextDecoder().decode(document.attachments[0]!.bytes)).toMatch(/^%PDF-1\.4/);
  });

  it('directories are not attachments', async () => {
    const document = await parseZip(zip('directories.zip'), context());
    expect(document.attachments.map((a) => a.name)).toEqual(['folder/file.txt']);
  });

  it('path-traversal names are kept as names, with a warning', async () => {
    const document = await parseZip(zip('traversal.zip'), context());
    expect(document.readable).toBe(true);
    expect(document.attachments.map((a) => a.name)).toEqual(['../../etc/passwd', '/abs/path.txt']);
    expect(codes(document.messages)).toEqual(['ZIP_SUSPICIOUS_NAME', 'ZIP_SUSPICIOUS_NAME']);
  });
});

describe('ZIP bounds: the largest allowed passes, one more is refused', () => {
  it('maxZipEntries', async () => {
    expect((await parseZip(zip('three.zip'), context({ maxZipEntries: 3 }))).readable).toBe(true);
    const refused = await parseZip(zip('three.zip'), context({ maxZipEntries: 2 }));
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['ZIP_TOO_MANY_ENTRIES']);
  });

  it('maxZipBytes (all entries together)', async () => {
    expect((await parseZip(zip('three.zip'), context({ maxZipBytes: 600 }))).readable).toBe(true);
    const refused = await parseZip(zip('three.zip'), context({ maxZipBytes: 599 }));
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['ZIP_TOTAL_TOO_LARGE']);
  });

  it('maxInflatedBytes (one entry)', async () => {
    expect((await parseZip(zip('three.zip'), context({ maxInflatedBytes: 300 }))).readable).toBe(true);
    const refused = await parseZip(zip('three.zip'), context({ maxInflatedBytes: 299 }));
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['ZIP_ENTRY_TOO_LARGE']);
  });

  it('a bomb (64 MiB of zeros in 64 KiB) is stopped at the inflate limit', async () => {
    const refused = await parseZip(zip('bomb.zip'), context({ maxInflatedBytes: 1024 * 1024 }));
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['ZIP_ENTRY_TOO_LARGE']);
    const total = await parseZip(zip('bomb.zip'), context({ maxZipBytes: 1024 * 1024 }));
    expect(codes(total.messages)).toEqual(['ZIP_TOTAL_TOO_LARGE']);
  });

  it('a bomb whose directory claims 10 bytes is stopped as soon as it inflates past them', async () => {
    const refused = await parseZip(zip('lying-bomb.zip'), context());
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['ZIP_ENTRY_CORRUPT']);
  });
});

describe('damaged ZIPs are refused', () => {
  it('a CRC mismatch', async () => {
    const refused = await parseZip(zip('crc-mismatch.zip'), context());
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['ZIP_ENTRY_CORRUPT']);
  });

  it('no end record', async () => {
    const refused = await parseZip(new TextEncoder().encode('PK\u0003\u0004 not a zip at all'), context());
    expect(codes(refused.messages)).toEqual(['ZIP_NO_END_RECORD']);
  });

  it('a truncated file', async () => {
    const bytes = zip('three.zip');
    const refused = await parseZip(bytes.subarray(0, bytes.length - 30), context());
    expect(refused.readable).toBe(false);
  });
});

describe('a decompression budget shared by nested archives', () => {
  it('a stated size past what the tree has left is refused before any inflating, naming the tree', async () => {
    const budget = { bytes: 1024 * 1024, entries: 100 };
    const bomb = await parseZip(zip('bomb.zip'), { ...context(), budget });
    expect(codes(bomb.messages)).toEqual(['ZIP_NESTED_TOTAL_TOO_LARGE']);
    expect(budget.bytes).toBe(1024 * 1024);
  });

  it('the work of a refused entry is charged: after a lying bomb inflated past the tree budget, the next archive gets nothing', async () => {
    const budget = { bytes: 1024 * 1024, entries: 100 };
    const bomb = await parseZip(zip('lying-bomb.zip'), { ...context(), budget });
    expect(codes(bomb.messages)).toEqual(['ZIP_NESTED_TOTAL_TOO_LARGE']);
    // Alone, three.zip (600 bytes) fits any budget; after the bomb, the tree has none left.
    expect((await parseZip(zip('three.zip'), context())).readable).toBe(true);
    const next = await parseZip(zip('three.zip'), { ...context(), budget });
    expect(next.readable).toBe(false);
    expect(codes(next.messages)).toEqual(['ZIP_NESTED_TOTAL_TOO_LARGE']);
  });
});
