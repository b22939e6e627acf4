import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/formats/limits.js';
import { parsePdf } from '../../../src/formats/pdf/index.js';
import type { ParsedDocument } from '../../../src/formats/types.js';
import { bytesSource } from '../../../src/io/byte-source.js';
import { portableHashFactory } from '../../../src/io/hash.js';
import { referenceNums } from '../../../src/formats/pdf/syntax.js';
import { PdfBuilder } from './builder.js';
import { codes, openStore, sample, signedBase } from './helpers.js';

// The parsed-object cache is bounded (objects.ts); an object pushed out is parsed again.
// Whatever its size, every document must read the same: these parse each one with the
// default cache and with caches that hold nothing or a few objects, and compare everything.

function parseWith(bytes: Uint8Array, maxCachedObjectBytes?: number): Promise<ParsedDocument> {
  return parsePdf(
    bytesSource(bytes),
    { hashFactory: portableHashFactory, limits: DEFAULT_LIMITS },
    maxCachedObjectBytes === undefined ? {} : { maxCachedObjectBytes },
  );
}

async function expectSameWithSmallCaches(bytes: Uint8Array): Promise<ParsedDocument> {
  const full = await parseWith(bytes);
  // And a bound between: the cache keeps its eviction order only once it is half full.
  for (const bound of [0, 1000, 20_000]) expect(await parseWith(bytes, bound)).toEqual(full);
  return full;
}

const SAMPLES = readdirSync(fileURLToPath(new URL('../../../samples/pdf/', import.meta.url))).filter((name) => name.endsWith('.pdf')).sort();

describe('a document whose objects do not fit the object cache reads the same', () => {
  test.each(SAMPLES)('%s', async (name) => {
    await expectSameWithSmallCaches(sample(name));
  });

  test('multi-revision verdicts stay: a second signature is signing, a changed page is other', async () => {
    const twice = await expectSameWithSmallCaches(sample('person-then-organization.pdf'));
    expect(twice.signatures.map((s) => s.modifications?.level)).toEqual(['form-filling', 'none']);
    const changed = await expectSameWithSmallCaches(sample('page-changed-after-signing.pdf'));
    expect(changed.signatures[0]?.modifications?.level).toBe('other');
  });

  test('objects in object streams, rewritten in a later revision, read the same', async () => {
    // Revision 2 moves the page and the AcroForm, unchanged, into an object stream with a
    // new /Info; revision 3 rewrites the page in another object stream, its content changed.
    const builder = signedBase();
    builder.objectStream(20, [
      [6, '<< /Fields [5 0 R] /SigFlags 3 >>'],
      [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R] >>'],
      [21, '<< /Producer (kyso test) >>'],
    ]);
    builder.xrefStream(22, '/Root 1 0 R /Info 21 0 R /Size 23');
    const moved = builder.bytes();
    const first = await expectSameWithSmallCaches(moved);
    expect(first.signatures[0]?.modifications?.level).toBe('ltv');

    const again = new PdfBuilder(moved);
    again.stream(23, '', 'BT /F1 12 Tf 72 770 Td (Cong van so 999) Tj ET');
    again.objectStream(24, [
      [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 23 0 R /Annots [5 0 R] >>'],
    ]);
    again.xrefStream(25, '/Root 1 0 R /Info 21 0 R /Size 26');
    const rewritten = await expectSameWithSmallCaches(again.bytes());
    expect(rewritten.signatures[0]?.modifications?.level).toBe('other');
    expect(codes(rewritten.signatures[0]!.messages)).toContain('PDF_MODIFIED_AFTER_SIGNING');
  });
});

describe('ObjectStore.known answers what resolve would, or nothing', () => {
  test.each([undefined, 0])('objects in the file and in object streams (cache bound %s)', async (bound) => {
    const builder = signedBase();
    builder.objectStream(20, [[21, '<< /Producer (kyso test) >>']]);
    builder.xrefStream(22, '/Root 1 0 R /Info 21 0 R /Size 23');
    const store = await openStore(builder.bytes(), bound);
    const last = store.revisions.length;
    expect(store.known(999, last)).toBeNull();
    expect(await store.resolve(999, last)).toBeNull();
    // An object in the file, its bytes already read (the cross-reference reading cached
    // them): read now, as resolve reads it; with a cache that holds nothing, the same value.
    const early = store.known(1, last);
    const catalog = await store.resolve(1, last);
    expect(early).toEqual(catalog);
    if (bound === undefined) expect(early).toBe(catalog);
    // A member of an object stream is known only once resolve has read it (and the cache kept it).
    expect(store.known(21, last)).toBeUndefined();
    const member = await store.resolve(21, last);
    expect(member?.location.kind).toBe('compressed');
    expect(store.known(21, last)).toBe(bound === 0 ? undefined : member);
    // The member does not exist before the revision that wrote it.
    expect(store.known(21, 1)).toBeNull();
  });

  test('an unreadable object and an object read at another number are left to resolve', async () => {
    const builder = signedBase();
    const streamAt = builder.stream(20, '', 'BT ET');
    builder.object(21, '<< /A [1 2 >>');
    builder.pointAt(22, streamAt);
    builder.xrefTable('/Root 1 0 R /Size 23');
    const store = await openStore(builder.bytes());
    const last = store.revisions.length;
    expect(store.known(21, last)).toBeUndefined();
    await expect(store.resolve(21, last)).rejects.toThrow();
    expect(store.known(21, last)).toBeUndefined();
    expect(store.known(22, last)).toBeUndefined();
    await expect(store.resolve(22, last)).rejects.toThrow(/points to object 20/);
  });

  test('a stream is known when its /Length, written as a number, is followed by endstream; any other is left to resolve', async () => {
    const builder = signedBase();
    builder.stream(20, '', 'BT ET');
    // /Length one byte short and two bytes long: resolve searches for endstream (and so finds the
    // same data); one byte long takes in the end of line before endstream, as resolve does too.
    builder.stream(21, '', 'BT ET', { length: '4' });
    builder.stream(22, '', 'BT ET', { length: '7' });
    builder.stream(28, '', 'BT ET', { length: '6' });
    // /Length in an object of its own, and a negative one.
    builder.object(23, '5');
    builder.stream(24, '', 'BT ET', { length: '23 0 R' });
    builder.stream(25, '', 'BT ET', { length: '-1' });
    // Followed by endstream but not by endobj: the extent ends after endstream.
    const offset = builder.raw('26 0 obj\n<< /Length 5 >>\nstream\nBT ET\nendstream\n27 0 obj\n(next)\nendobj\n');
    builder.pointAt(26, offset);
    builder.xrefTable('/Root 1 0 R /Size 29');
    const bytes = builder.bytes();
    const store = await openStore(bytes);
    const fresh = await openStore(bytes);
    const last = store.revisions.length;
    expect(store.known(28, last)?.stream?.length).toBe(6);
    for (const num of [20, 26, 28]) {
      const now = store.known(num, last);
      expect(now, `object ${num}`).toBeDefined();
      expect(now, `object ${num}`).toEqual(await fresh.resolve(num, last));
      // resolve answers the object read now, with the extent found then.
      expect(await store.resolve(num, last), `object ${num}`).toBe(now);
    }
    for (const num of [21, 22, 24, 25]) {
      expect(store.known(num, last), `object ${num}`).toBeUndefined();
      const resolved = await store.resolve(num, last);
      expect(resolved?.stream?.length, `object ${num}`).toBe(5);
      expect(resolved, `object ${num}`).toEqual(await fresh.resolve(num, last));
    }
  });

  test('a stream whose data ends outside the cached blocks is left to resolve, which reads the same', async () => {
    const builder = signedBase();
    // Data over three 64 KiB blocks, then as much again before the cross-reference table: the
    // stream's dictionary is read (its block cached) but not the block where its data ends.
    const offset = builder.stream(20, '', 'x'.repeat(200_000));
    builder.object(21, `(${'y'.repeat(200_000)})`);
    builder.xrefTable('/Root 1 0 R /Size 22');
    const bytes = builder.bytes();
    const store = await openStore(bytes);
    const last = store.revisions.length;
    await store.file.read(offset, 100);
    expect(store.known(20, last)).toBeUndefined();
    const resolved = await store.resolve(20, last);
    expect(resolved?.stream?.length).toBe(200_000);
    // With that block read as well, the stream is known, as resolve read it.
    const other = await openStore(bytes);
    await other.file.read(offset, 100);
    await other.file.read(offset + 200_000, 100);
    expect(other.known(20, last)).toEqual(resolved);
  });
});

describe('the references noted while parsing are the ones listed from the value', () => {
  // The reachability and role walks take an object's references as its parse noted them
  // (PdfObject.refs) instead of looking through the value: they must be the same list.
  async function expectNotedAsListed(bytes: Uint8Array): Promise<number> {
    const store = await openStore(bytes);
    let noted = 0;
    for (const revision of store.revisions) {
      for (const num of revision.entries.keys()) {
        const object = await store.resolve(num, revision.number).catch(() => null);
        if (!object || object.refs === undefined) continue;
        expect(object.refs, `object ${num} of revision ${revision.number}`).toEqual(referenceNums(object.value));
        noted++;
      }
    }
    return noted;
  }

  test.each(SAMPLES)('%s', async (name) => {
    const noted = await expectNotedAsListed(sample(name));
    // Encrypted documents list them from their decrypted values.
    if (!name.startsWith('encrypted')) expect(noted).toBeGreaterThan(0);
  });

  test('objects in object streams, and a dictionary that repeats a key', async () => {
    const builder = signedBase();
    builder.objectStream(20, [[21, '<< /Producer (kyso test) /A [1 0 R 2 0 R] >>'], [22, '<< /A 1 0 R /B 2 0 R /A 3 0 R >>']]);
    builder.xrefStream(23, '/Root 1 0 R /Info 21 0 R /Size 24');
    const bytes = builder.bytes();
    expect(await expectNotedAsListed(bytes)).toBeGreaterThan(0);
    const store = await openStore(bytes);
    const last = store.revisions.length;
    expect((await store.resolve(21, last))?.refs).toEqual([1, 2]);
    // The repeat keeps /A first with 3 0 R: listed from the value, not noted.
    const repeated = await store.resolve(22, last);
    expect(repeated?.refs).toBeUndefined();
    expect(referenceNums(repeated!.value)).toEqual([3, 2]);
  });
});

describe('objects read without waiting are the objects resolve reads', () => {
  // known() reads an object at once (readNow) when its bytes are in the file's cached blocks,
  // a stream too when its direct /Length is followed by endstream there: for every object of
  // every sample, what it answers must be what resolve answers on a fresh store.
  test.each(SAMPLES.filter((name) => !name.startsWith('encrypted')))('%s', async (name) => {
    const bytes = sample(name);
    let early = 0;
    let streams = 0;
    for (let revision = 1; ; revision++) {
      const store = await openStore(bytes);
      if (revision > store.revisions.length) break;
      const fresh = await openStore(bytes);
      for (const [num, entry] of store.revisions[revision - 1]!.entries) {
        if (entry.type !== 'offset') continue;
        // The object's first block cached, nothing parsed: known() takes the early path or none.
        await store.file.read(entry.offset, 1);
        const object = store.known(num, revision);
        if (!object) continue;
        early++;
        if (object.stream) streams++;
        expect(object, `object ${num} of revision ${revision}`).toEqual(await fresh.resolve(num, revision));
      }
    }
    expect(early).toBeGreaterThan(0);
    if (name === 'person-signed.pdf') expect(streams).toBeGreaterThan(0);
  });
});
