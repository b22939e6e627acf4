/**
 * The report's SHA-256 is computed on the way by the passes that hash signed ranges: a
 * large PDF is read once. Whatever order and shape the passes take, the digest is the
 * document's, and no pass reads a byte only for it that another pass reads anyway.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ByteSource } from '../../src/io/byte-source.js';
import { bytesSource } from '../../src/io/byte-source.js';
import { digestingSource, hashRanges, portableHashFactory, toHex, type DigestAlgorithm, type HashFactory, type IncrementalHash } from '../../src/io/hash.js';
import { nodeHashFactory } from '../../src/io/node-file.js';
import { verifyFile } from '../../src/node.js';
import { TrustStore, verify } from '../../src/index.js';
import { AT, SAMPLES } from '../helpers.js';
import { fuzzParameters } from '../fuzz/runs.js';

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A source that copies like a file handle (readInto) and counts every byte it hands out. */
function countingSource(bytes: Uint8Array): ByteSource & { readonly bytesRead: number } {
  const inner = bytesSource(bytes);
  let bytesRead = 0;
  return {
    size: bytes.length,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length) {
      const chunk = await inner.read(offset, length);
      bytesRead += chunk.length;
      return chunk;
    },
    async readInto(offset, target) {
      const chunk = await inner.read(offset, target.length);
      target.set(chunk);
      bytesRead += chunk.length;
      return chunk.length;
    },
  };
}

/** `factory`'s hashes, telling `onUpdate` how many bytes each update hashes (copies included). */
function countingHashFactory(factory: HashFactory, onUpdate: (algorithm: DigestAlgorithm, bytes: number) => void): HashFactory {
  return (algorithm) => {
    const wrap = (inner: IncrementalHash): IncrementalHash => ({
      update: (chunk) => {
        onUpdate(algorithm, chunk.length);
        inner.update(chunk);
      },
      digest: () => inner.digest(),
      copy: () => wrap(inner.copy!()),
    });
    return wrap(factory(algorithm));
  };
}

function document(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + (i >> 9)) & 0xff;
  return bytes;
}

describe('the document digest rides on the signature passes', () => {
  test('a PDF-shaped /ByteRange pass (all but /Contents) gives the document digest with every byte read once', async () => {
    const bytes = document(9 << 20);
    const contents = { offset: 5 << 20, length: 40_000 };
    const counting = countingSource(bytes);
    const source = digestingSource(counting, nodeHashFactory);
    const ranges = [
      { offset: 0, length: contents.offset },
      { offset: contents.offset + contents.length, length: bytes.length - contents.offset - contents.length },
    ];
    const signed = await hashRanges(source, ranges, 'SHA-256', nodeHashFactory);
    const whole = await source.wholeDocument.finish();
    expect(toHex(whole)).toBe(sha256Hex(bytes));
    expect(toHex(signed)).toBe(sha256Hex(new Uint8Array([...bytes.subarray(0, contents.offset), ...bytes.subarray(contents.offset + contents.length)])));
    expect(counting.bytesRead).toBe(bytes.length);
  });

  test('the bytes before /Contents are hashed once: the document digest continues from a copy of the signature hash', async () => {
    const bytes = document(3 << 20);
    const contents = { offset: 2 << 20, length: 40_000 };
    let hashed = 0;
    const counting = (factory: HashFactory) => countingHashFactory(factory, (_algorithm, bytes) => (hashed += bytes));
    for (const factory of [nodeHashFactory, portableHashFactory]) {
      hashed = 0;
      const source = digestingSource(bytesSource(bytes), counting(factory));
      const ranges = [
        { offset: 0, length: contents.offset },
        { offset: contents.offset + contents.length, length: bytes.length - contents.offset - contents.length },
      ];
      const signed = await hashRanges(source, ranges, 'SHA-256', counting(factory));
      expect(toHex(await source.wholeDocument.finish())).toBe(sha256Hex(bytes));
      expect(toHex(signed)).toBe(sha256Hex(new Uint8Array([...bytes.subarray(0, contents.offset), ...bytes.subarray(contents.offset + contents.length)])));
      // The first range once, then the /Contents gap and the last range for the document, the last range for the signature.
      expect(hashed).toBe(bytes.length + ranges[1]!.length);
    }
  });

  test('a later SHA-256 pass from byte 0 starts where the digest is: a second signature does not hash the first revision again', async () => {
    const bytes = document(5 << 20);
    // Two PDF-shaped signatures: the second covers the first revision, /Contents of the first included.
    const first = { contents: { offset: 1 << 20, length: 30_000 }, end: 2 << 20 };
    const second = { offset: 3 << 20, length: 30_000 };
    let hashed = 0;
    const counting = countingHashFactory(nodeHashFactory, (_algorithm, bytes) => (hashed += bytes));
    const counted = countingSource(bytes);
    const source = digestingSource(counted, counting);
    const firstRanges = [
      { offset: 0, length: first.contents.offset },
      { offset: first.contents.offset + first.contents.length, length: first.end - first.contents.offset - first.contents.length },
    ];
    const secondRanges = [
      { offset: 0, length: second.offset },
      { offset: second.offset + second.length, length: bytes.length - second.offset - second.length },
    ];
    const signedFirst = await hashRanges(source, firstRanges, 'SHA-256', counting);
    const signedSecond = await hashRanges(source, secondRanges, 'SHA-256', counting);
    expect(toHex(await source.wholeDocument.finish())).toBe(sha256Hex(bytes));
    const covered = (ranges: typeof firstRanges) => new Uint8Array(ranges.flatMap((r) => [...bytes.subarray(r.offset, r.offset + r.length)]));
    expect(toHex(signedFirst)).toBe(sha256Hex(covered(firstRanges)));
    expect(toHex(signedSecond)).toBe(sha256Hex(covered(secondRanges)));
    // Every byte once for the document; the last range of each signature a second time (the pass and the digest part there).
    expect(hashed).toBe(bytes.length + firstRanges[1]!.length + secondRanges[1]!.length);
    expect(counted.bytesRead).toBe(bytes.length);
  });

  test('a pass that starts mid-file reads nothing early for the digest; the digest reads the rest at the end', async () => {
    const bytes = document(3 << 20);
    const counting = countingSource(bytes);
    const source = digestingSource(counting, portableHashFactory);
    await hashRanges(source, [{ offset: 1 << 20, length: 1000 }], 'SHA-1', portableHashFactory);
    expect(counting.bytesRead).toBe(1000);
    expect(toHex(await source.wholeDocument.finish())).toBe(sha256Hex(bytes));
    expect(counting.bytesRead).toBe(1000 + bytes.length);
  });

  test('finish is computed once and later passes do not change it', async () => {
    const bytes = document(70_000);
    const source = digestingSource(bytesSource(bytes), portableHashFactory);
    const first = await source.wholeDocument.finish();
    await hashRanges(source, [{ offset: 0, length: bytes.length }], 'SHA-256', portableHashFactory);
    expect(toHex(await source.wholeDocument.finish())).toBe(toHex(first));
    expect(toHex(first)).toBe(sha256Hex(bytes));
  });

  test('any passes, in any order and shape, leave the digest of the whole document', async () => {
    const bytes = document(300_000);
    const expected = sha256Hex(bytes);
    const range = fc
      .tuple(fc.nat({ max: bytes.length - 1 }), fc.nat({ max: bytes.length }))
      .map(([offset, length]) => ({ offset, length: Math.min(length, bytes.length - offset) }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(range, { maxLength: 4 }), { maxLength: 5 }), fc.boolean(), async (passes, copying) => {
        const source = digestingSource(copying ? countingSource(bytes) : bytesSource(bytes), nodeHashFactory);
        for (const ranges of passes) {
          const sorted = [...ranges].sort((a, b) => a.offset - b.offset);
          await hashRanges(source, sorted, 'SHA-256', nodeHashFactory);
        }
        expect(toHex(await source.wholeDocument.finish())).toBe(expected);
      }),
      { ...fuzzParameters, numRuns: Math.min(fuzzParameters.numRuns, 100) },
    );
  });
});

describe("the report's SHA-256 is the document's", () => {
  test.each(['pdf/person-then-organization.pdf', 'pdf/dss-after-signing.pdf', 'cms/rsa-sha256.txt.p7s', 'xml/enveloped-rsa-sha256-exc-c14n.xml'])(
    '%s, read through a file handle',
    async (path) => {
      const report = await verifyFile(SAMPLES + path, { at: AT });
      expect(report.sha256).toBe(sha256Hex(new Uint8Array(readFileSync(SAMPLES + path))).toUpperCase());
    },
  );
});

describe('a multi-signature PDF is hashed once', () => {
  test("person-then-organization.pdf: the SHA-256 bytes hashed are the file once plus each signature's short last range", async () => {
    const bytes = new Uint8Array(readFileSync(SAMPLES + 'pdf/person-then-organization.pdf'));
    let hashed = 0;
    const counting = countingHashFactory(nodeHashFactory, (algorithm, bytes) => {
      if (algorithm === 'SHA-256') hashed += bytes;
    });
    const report = await verify(bytes, { at: AT, hashFactory: counting, trust: TrustStore.from(readFileSync(SAMPLES + 'pki/kyso-test-root.pem', 'utf8')) });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures).toHaveLength(2);
    const lastRanges = [...new TextDecoder('latin1').decode(bytes).matchAll(/\/ByteRange\s*\[\s*\d+\s+\d+\s+\d+\s+(\d+)/g)].map((m) => Number(m[1]));
    expect(lastRanges).toHaveLength(2);
    // Signed attributes, certificates and the like add a few kilobytes; hashing the first
    // revision again for the second signature would add most of the file.
    expect(hashed).toBeLessThan(bytes.length + lastRanges.reduce((a, b) => a + b, 0) + 8192);
    expect(hashed).toBeGreaterThanOrEqual(bytes.length);
  });
});
