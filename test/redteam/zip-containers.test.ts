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
