/** Aggregation over known reports: exact counts, the rules of what counts as signed, detached pairs. */
import { describe, expect, it } from 'vitest';
import { aggregate, Aggregator, mergeMetrics, type Observation } from '../../src/metrics/aggregate.js';
import { zeroCounts } from '../../src/metrics/counts.js';
import { DetachedPairer } from '../../src/metrics/pairing.js';
import { BUNDLED_PLACES } from '../../src/metrics/places.js';
import { deriveFacts } from '../../src/report/facts.js';
import type { DocumentReport } from '../../src/report/types.js';
import { roundTrip, sampleReport } from './reports.js';

const KNOWN_SET = [
  'pdf/person-then-organization.pdf',
  'pdf/document-timestamp.pdf',
  'pdf/tampered.pdf',
  'pdf/unsigned-fields.pdf',
  'cms/sha1.txt.p7s',
  'cms/untrusted.txt.p7s',
  'edxml/signed.edxml',
  'edxml/trace-header-appended.edxml',
  'pdf/dss-after-signing.pdf',
  'cms/revoked.txt.p7s',
  'cms/timestamped.txt.p7s',
  'pdf/expired-signed.pdf',
];

const knownReports = () => Promise.all(KNOWN_SET.map(sampleReport));
// Several samples are stages or copies of one signed PDF (person-signed.pdf with LTV data, a document
// timestamp, a changed byte, in a package): these tests count every report (copies: 'count'); what
// counting each document once drops is test/redteam/metrics-gaming.test.ts's.
const EVERY_REPORT = { copies: 'count' } as const;

function observation(report: DocumentReport): Observation {
  return { indication: report.indication, facts: report.facts ?? deriveFacts(report, { places: BUNDLED_PLACES }) };
}

describe('aggregate', () => {
  it('a known set of twelve reports gives exact counts', async () => {
    const metrics = aggregate(await knownReports(), EVERY_REPORT);
    expect(metrics.total).toEqual({
      ...zeroCounts(),
      documents: 12,
      passed: 6,
      failed: 2,
      indeterminate: 3,
      noSignature: 1,
      signed: 11,
      allSignaturesPassed: 6,
      legallyComplete: 3,
      organizationOnly: 0,
      personOnly: 3,
      otherPki: 10,
      untrusted: 1,
      timestamped: 2,
      ltv: 1,
      weakAlgorithms: 1,
      modifiedAfterSigning: 1,
      revoked: 1,
      expiredWithoutPoe: 1,
      revocationNotChecked: 2,
      edxmlPackages: 2,
      packageSignaturePassed: 1,
      packageSignatureFailed: 1,
      agencyUndetermined: 9,
      agencyUnlisted: 1,
      dateUndetermined: 1,
      provinceUndetermined: 10,
      signatures: 14,
      personSignatures: 11,
      organizationSignatures: 3,
      documentTimestamps: 1,
    });
    expect(metrics.groups).toEqual([{ key: {}, counts: metrics.total }]);
  });

  it('groups by agency, province and month, unknowns in their own groups', async () => {
    const metrics = aggregate(await knownReports(), { ...EVERY_REPORT, by: ['province', 'month'] });
    expect(metrics.groups.map((g) => [g.key, g.labels, g.counts['documents'], g.counts['legallyComplete']])).toEqual([
      [{ province: '63:01', month: '2025-03' }, { province: 'Thành phố Hà Nội' }, 2, 2],
      [{ province: 'unknown', month: '2020-06' }, undefined, 1, 0],
      [{ province: 'unknown', month: '2025-03' }, undefined, 7, 1],
      [{ province: 'unknown', month: '2025-06' }, undefined, 1, 0],
      [{ province: 'unknown', month: 'unknown' }, undefined, 1, 0],
    ]);
    const byAgency = aggregate(await knownReports(), { ...EVERY_REPORT, by: ['agency'] });
    expect(byAgency.groups.map((g) => [g.key['agency'], g.labels?.agency, g.counts['documents'], g.counts['agencyUnlisted']])).toEqual([
      ['organ-id:000.00.00.H99', 'Ủy ban nhân dân tỉnh Thử Nghiệm', 1, 1],
      ['tax-code:0101234567', 'UBND Tỉnh Thử Nghiệm', 2, 0],
      ['unknown', undefined, 9, 0],
    ]);
  });

  it('unknown OrganIds are counted as unknown: unlisted agency, undetermined province', async () => {
    const metrics = aggregate([await sampleReport('edxml/signed.edxml')], { by: ['province'] });
    expect(metrics.total).toMatchObject({ documents: 1, agencyUnlisted: 1, agencyUndetermined: 0, provinceUndetermined: 1 });
    expect(metrics.groups.map((g) => g.key)).toEqual([{ province: 'unknown' }]);
  });

  it('a document timestamp does not make a document signed', async () => {
    const original = roundTrip(await sampleReport('pdf/document-timestamp.pdf'));
    const { facts: _facts, ...rest } = original;
    const onlyTimestamp: DocumentReport = { ...rest, signatures: rest.signatures.filter((s) => s.format === 'document-timestamp') };
    const metrics = aggregate([onlyTimestamp]);
    expect(metrics.total).toMatchObject({ documents: 1, signed: 0, allSignaturesPassed: 0, signatures: 0, documentTimestamps: 1, timestamped: 0, personOnly: 0 });
  });

  it('an edXML package signature alone does not make a package signed', async () => {
    const original = roundTrip(await sampleReport('edxml/signed.edxml'));
    const { facts: _facts, ...rest } = original;
    const unsignedAttachment = { ...rest, attachments: rest.attachments!.map((a) => ({ ...a, signatures: [], indication: 'NO_SIGNATURE' as const })) };
    const metrics = aggregate([unsignedAttachment]);
    expect(metrics.total).toMatchObject({ documents: 1, signed: 0, signatures: 0, edxmlPackages: 1, packageSignaturePassed: 1, legallyComplete: 0 });
  });

  it('a detached pair (x.pdf + x.pdf.p7s) is one document, whichever comes first', async () => {
    const content = observation(await sampleReport('pdf/unsigned-fields.pdf'));
    const detached = observation(await sampleReport('cms/rsa-sha256.txt.p7s'));
    for (const order of [
      [['x.pdf', content], ['x.pdf.p7s', detached]],
      [['x.pdf.p7s', detached], ['x.pdf', content]],
    ] as const) {
      const aggregator = new Aggregator();
      const pairer = new DetachedPairer((o) => aggregator.observe(o));
      for (const [path, o] of order) pairer.push(path, o);
      pairer.push('y.pdf', content);
      pairer.flush();
      expect(pairer.pairs).toBe(1);
      expect(aggregator.result().total).toMatchObject({ documents: 2, signed: 1, passed: 1, noSignature: 1, personOnly: 1, signatures: 1 });
    }
  });

  it('a report named like a detached signature that is not one (a signed PDF called x.pdf.sig) pairs with nothing', async () => {
    const content = observation(await sampleReport('pdf/unsigned-fields.pdf'));
    const signedPdf = observation(await sampleReport('pdf/person-signed.pdf'));
    for (const order of [
      [['x.pdf', content], ['x.pdf.sig', signedPdf]],
      [['x.pdf.sig', signedPdf], ['x.pdf', content]],
    ] as const) {
      const aggregator = new Aggregator();
      const pairer = new DetachedPairer((o) => aggregator.observe(o));
      for (const [path, o] of order) pairer.push(path, o, { detachedSignature: path === 'x.pdf' });
      pairer.flush();
      expect(pairer.pairs).toBe(0);
      expect(aggregator.result().total).toMatchObject({ documents: 2, signed: 1, passed: 1, noSignature: 1 });
    }
  });

  it('a pair further apart than the window is two documents; memory stays bounded', async () => {
    const content = observation(await sampleReport('pdf/unsigned-fields.pdf'));
    const detached = observation(await sampleReport('cms/rsa-sha256.txt.p7s'));
    const aggregator = new Aggregator();
    const pairer = new DetachedPairer((o) => aggregator.observe(o), 2);
    pairer.push('a.pdf', content);
    pairer.push('b.pdf', content);
    pairer.push('c.pdf', content);
    pairer.push('a.pdf.p7s', detached);
    pairer.flush();
    expect(pairer.pairs).toBe(0);
    expect(aggregator.result().total['documents']).toBe(4);
  });

  it('metrics grouped differently do not merge', async () => {
    const reports = await knownReports();
    expect(() => mergeMetrics(aggregate(reports, { by: ['province'] }), aggregate(reports, { by: ['month'] }))).toThrow(TypeError);
    expect(() => aggregate(reports, { by: ['county' as 'province'] })).toThrow(TypeError);
  });
});
