/**
 * A ZIP is refused unless every reader sees the same files in it. The archives are
 * built here (test/formats/zip/archive.ts, deflate and CRC by node:zlib) around
 * committed samples: samples/pdf/person-then-organization.pdf (signed, TOTAL_PASSED)
 * as the file kyso would see, samples/pdf/tampered.pdf and samples/pdf/unsigned-fields.pdf
 * as the forgery another reader would show.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseZip } from '../../../src/formats/zip/index.js';
import { TrustStore } from '../../../src/pki/trust-store.js';
import { verify } from '../../../src/verify.js';
import { AT, sample } from '../../helpers.js';
import { context } from '../xml/helpers.js';
import { archive, localRecord } from './archive.js';

const signed = sample('pdf/person-then-organization.pdf');
const tampered = sample('pdf/tampered.pdf');
const unsigned = sample('pdf/unsigned-fields.pdf');
const codes = (messages: readonly { code: string }[]): string[] => messages.map((message) => message.code);

async function refusedWith(bytes: Uint8Array, code: string): Promise<void> {
  const document = await parseZip(bytes, context());
  expect(document.readable).toBe(false);
  expect(document.attachments).toEqual([]);
  expect(codes(document.messages)).toEqual([code]);
}

describe('control: archives every reader agrees on', () => {
  for (const [label, descriptor, method] of [
    ['deflated', false, 8],
    ['deflated, with data descriptors', true, 8],
    ['stored', false, 0],
  ] as const) {
    it(`${label}: both entries come back`, async () => {
      const bytes = archive([
        { name: 'QD-123.pdf', data: signed, descriptor, method },
        { name: 'Phụ lục.pdf', data: unsigned, descriptor, method },
      ]);
      const document = await parseZip(bytes, context());
      expect(document.readable).toBe(true);
      expect(document.attachments.map((attachment) => [attachment.name, attachment.bytes.length])).toEqual([
        ['QD-123.pdf', signed.length],
        ['Phụ lục.pdf', unsigned.length],
      ]);
    });
  }
});

describe('the same name twice: extractors disagree on which copy is the file', () => {
  it('exact same name (unzip keeps the last, the directory lists the first first)', async () => {
    await refusedWith(archive([{ name: '123-UBND-VP.pdf', data: signed }, { name: '123-UBND-VP.pdf', data: unsigned }]), 'ZIP_DUPLICATE_NAME');
  });

  for (const [label, other] of [
    ['differing in case only', 'qd-123.PDF'],
    ['with a backslash for the slash', 'van-ban\\QD-123.pdf'],
    ['with a leading ./', './van-ban/QD-123.pdf'],
    ['in another Unicode form (NFD)', 'van-ban/QD-123.pdf'.normalize('NFD')],
  ] as const) {
    it(`names that one file system stores as one: ${label}`, async () => {
      const first = label === 'differing in case only' ? 'QD-123.pdf' : 'van-ban/QD-123.pdf';
      await refusedWith(archive([{ name: first, data: signed }, { name: other, data: unsigned }]), 'ZIP_DUPLICATE_NAME');
    });
  }

  it('Vietnamese names in NFC and NFD are the same name', async () => {
    const name = 'Quyết định.pdf';
    await refusedWith(archive([{ name: name.normalize('NFC'), data: signed }, { name: name.normalize('NFD'), data: unsigned }]), 'ZIP_DUPLICATE_NAME');
  });
});

describe('local headers the central directory does not account for', () => {
  it('a forged PDF in a local header before the listed one (front-to-back readers show it)', async () => {
    await refusedWith(archive([{ name: 'QD-123.pdf', data: tampered, unlisted: true }, { name: 'QD-123.pdf', data: signed }]), 'ZIP_UNLISTED_DATA');
  });

  it('between two listed entries', async () => {
    const bytes = archive([{ name: 'a.pdf', data: signed }, { name: 'b.pdf', data: tampered, unlisted: true }, { name: 'c.pdf', data: unsigned }]);
    await refusedWith(bytes, 'ZIP_UNLISTED_DATA');
  });

  it('after the last listed entry, before the central directory', async () => {
    await refusedWith(archive([{ name: 'QD-123.pdf', data: signed }, { name: 'QD-124.pdf', data: tampered, unlisted: true }]), 'ZIP_UNLISTED_DATA');
  });

  it('any gap, even without a header signature in it', async () => {
    await refusedWith(archive([{ name: 'QD-123.pdf', data: signed }, new Uint8Array(16)]), 'ZIP_UNLISTED_DATA');
  });

  it('prepended bytes before the first local header', async () => {
    await refusedWith(archive([new TextEncoder().encode('MZ stub'), { name: 'QD-123.pdf', data: signed }]), 'ZIP_UNLISTED_DATA');
  });

  it('hidden after the end of a deflate stream, inside the stated compressed size (Java ZipInputStream reads it)', async () => {
    const hiddenTail = localRecord({ name: 'QD-124.pdf', data: tampered });
    await refusedWith(archive([{ name: 'QD-123.pdf', data: signed, hiddenTail }]), 'ZIP_UNLISTED_DATA');
  });

  it('bytes between the central directory and its end record', async () => {
    await refusedWith(archive([{ name: 'QD-123.pdf', data: signed }], { beforeEndRecord: localRecord({ name: 'x.pdf', data: tampered }) }), 'ZIP_UNLISTED_DATA');
  });
});

describe('local headers that disagree with the central directory', () => {
  it('another name in the local header than in the directory', async () => {
    await refusedWith(archive([{ name: 'QD-124-gia-mao.pdf', centralName: 'QD-123.pdf', data: signed }]), 'ZIP_LOCAL_HEADER_MISMATCH');
  });

  it('two directory records, two names, one local header', async () => {
    const bytes = archive([{ name: 'QD-123.pdf', data: signed }, { name: 'b.pdf', data: unsigned }], { aliases: [{ of: 1, name: 'c.pdf' }] });
    await refusedWith(bytes, 'ZIP_LOCAL_HEADER_MISMATCH');
  });
});

describe('end to end: the smuggling archive is not reported as passed', () => {
  let trust: TrustStore;
  beforeAll(() => {
    trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
  });

  it('control: the honest archive passes through its signed PDF', async () => {
    const report = await verify(archive([{ name: 'QD-123.pdf', data: signed }]), { trust, at: AT });
    expect(report.indication).toBe('TOTAL_PASSED');
  });

  for (const [label, bytes] of [
    ['forged PDF in an unlisted local header', () => archive([{ name: 'QD-123.pdf', data: tampered, unlisted: true }, { name: 'QD-123.pdf', data: signed }])],
    ['the same name twice', () => archive([{ name: 'QD-123.pdf', data: signed }, { name: 'QD-123.pdf', data: unsigned }])],
  ] as const) {
    it(label, async () => {
      const report = await verify(bytes(), { trust, at: AT });
      expect(report.indication).not.toBe('TOTAL_PASSED');
      expect(report.attachments ?? []).toEqual([]);
    });
  }
});
