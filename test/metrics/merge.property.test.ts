/**
 * Counts add: merging is associative and commutative, and shards of a corpus merge to
 * what aggregating the whole gives, whatever the sharding and the grouping.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aggregator, DIMENSIONS, mergeMetrics, type Dimension, type Metrics, type Observation } from '../../src/metrics/aggregate.js';
import { metricsFromCsv, toCsv } from '../../src/metrics/output.js';
import { rolesOf, type DocumentFacts, type SignatureFacts } from '../../src/report/facts.js';

const RUNS = 150;

const signature: fc.Arbitrary<SignatureFacts> = fc.record({
  id: fc.constantFrom('s1', 's2', 's3'),
  kind: fc.constantFrom('signature', 'signature', 'package-signature', 'document-timestamp'),
  role: fc.constantFrom('person', 'organization', 'unknown', 'none'),
  einvoiceRole: fc.option(fc.constantFrom('seller', 'buyer', 'tax-authority'), { nil: undefined }),
  indication: fc.constantFrom('TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'),
  pki: fc.constantFrom('government', 'public', 'other', 'untrusted'),
  timestamped: fc.boolean(),
  ltv: fc.boolean(),
  weakAlgorithms: fc.subarray(['SHA-1', 'RSA-1024']),
  revocation: fc.constantFrom('checked', 'not-checked'),
  revoked: fc.boolean(),
  modified: fc.boolean(),
  expiredWithoutPoe: fc.boolean(),
}, { requiredKeys: ['id', 'kind', 'role', 'indication', 'pki', 'timestamped', 'ltv', 'weakAlgorithms', 'revocation', 'revoked', 'modified', 'expiredWithoutPoe'] })
  // As deriveFacts makes them: a document timestamp has no role, a signature has a signer's.
  .map((s) => ({ ...s, role: s.kind === 'document-timestamp' ? 'none' : s.role === 'none' ? 'unknown' : s.role })) as fc.Arbitrary<SignatureFacts>;

const facts: fc.Arbitrary<DocumentFacts> = fc.record({
  version: fc.constant(1 as const),
  agency: fc.option(
    fc.constantFrom(
      { scheme: 'organ-id' as const, id: '000.00.00.H41', key: 'organ-id:000.00.00.H41', name: 'Ủy ban nhân dân tỉnh Nghệ An', source: 'edxml-sender' as const, listed: true },
      { scheme: 'organ-id' as const, id: '000.00.00.H99', key: 'organ-id:000.00.00.H99', source: 'edxml-sender' as const, listed: false },
      { scheme: 'tax-code' as const, id: '0101234567', key: 'tax-code:0101234567', name: 'UBND Tỉnh "Thử", Nghiệm', source: 'certificate' as const },
      { scheme: 'tax-code' as const, id: '0101234567', key: 'tax-code:0101234567', name: 'UBND tỉnh Thử Nghiệm', source: 'certificate' as const },
    ),
    { nil: undefined },
  ),
  documentDate: fc.option(fc.constantFrom('2024-12-31', '2025-06-30', '2025-07-01', '2026-01-15').map((value) => ({ value, source: 'signature-timestamp' as const, signed: true })), { nil: undefined }),
  province: fc.option(
    fc.constantFrom(
      { map: '63' as const, code: '93', name: 'Tỉnh Hậu Giang', key: '63:93', before: '93', source: 'organ-id' as const, confirmed: false },
      { map: '34' as const, code: '92', name: 'Thành phố Cần Thơ', key: '34:92', before: '93', source: 'organ-id' as const, confirmed: false },
      { map: '63' as const, code: '01', name: 'Thành phố Hà Nội', key: '63:01', before: '01', source: 'certificate-st' as const, confirmed: true },
    ),
    { nil: undefined },
  ),
  roles: fc.record({ person: fc.boolean(), organization: fc.boolean(), complete: fc.boolean() }),
  signatures: fc.array(signature, { maxLength: 4 }),
  edxml: fc.option(fc.record({ packageSignature: fc.constantFrom('passed', 'failed', 'indeterminate', 'absent') }), { nil: undefined }),
  einvoice: fc.option(fc.record({ sellerTaxCode: fc.constant('0101234567') }), { nil: undefined }),
}, { requiredKeys: ['version', 'roles', 'signatures'] })
  // Roles are those of the signatures (deriveFacts), so that the counts never contradict each other (metricsFromCsv checks).
  .map((f) => ({ ...f, roles: rolesOf(f.signatures) })) as fc.Arbitrary<DocumentFacts>;

const observation: fc.Arbitrary<Observation> = fc.record({
  indication: fc.constantFrom('TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE', 'NO_SIGNATURE'),
  facts,
});

const by: fc.Arbitrary<Dimension[]> = fc.shuffledSubarray([...DIMENSIONS]);

function aggregateAll(observations: readonly Observation[], dimensions: readonly Dimension[]): Metrics {
  const aggregator = new Aggregator({ by: dimensions });
  for (const o of observations) aggregator.observe(o);
  return aggregator.result();
}

describe('mergeMetrics', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(by, fc.array(observation, { maxLength: 12 }), fc.array(observation, { maxLength: 12 }), (dims, a, b) => {
        const ma = aggregateAll(a, dims);
        const mb = aggregateAll(b, dims);
        expect(mergeMetrics(ma, mb)).toEqual(mergeMetrics(mb, ma));
      }),
      { numRuns: RUNS },
    );
  });

  it('is associative, with the empty aggregation as identity', () => {
    fc.assert(
      fc.property(by, fc.array(observation, { maxLength: 8 }), fc.array(observation, { maxLength: 8 }), fc.array(observation, { maxLength: 8 }), (dims, a, b, c) => {
        const [ma, mb, mc] = [a, b, c].map((o) => aggregateAll(o, dims)) as [Metrics, Metrics, Metrics];
        expect(mergeMetrics(mergeMetrics(ma, mb), mc)).toEqual(mergeMetrics(ma, mergeMetrics(mb, mc)));
        expect(mergeMetrics(ma, aggregateAll([], dims))).toEqual(ma);
      }),
      { numRuns: RUNS },
    );
  });

  it('shards merged in any order equal the whole', () => {
    fc.assert(
      fc.property(
        by,
        fc.array(observation, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.func(fc.integer()),
        (dims, all, cuts, order) => {
          const points = [...new Set(cuts.map((c) => (all.length === 0 ? 0 : c % (all.length + 1))))].sort((x, y) => x - y);
          const bounds = [0, ...points, all.length];
          const shards = bounds.slice(1).map((end, i) => all.slice(bounds[i], end)).map((s) => aggregateAll(s, dims));
          shards.sort((x, y) => order(x.total['documents']) - order(y.total['documents']));
          const merged = shards.reduce((acc, m) => mergeMetrics(acc, m), aggregateAll([], dims));
          expect(merged).toEqual(aggregateAll(all, dims));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('CSV round-trips any metrics, Vietnamese names with commas and quotes included', () => {
    fc.assert(
      fc.property(by, fc.array(observation, { maxLength: 20 }), (dims, all) => {
        const metrics = aggregateAll(all, dims);
        expect(metricsFromCsv(toCsv(metrics))).toEqual(metrics);
      }),
      { numRuns: RUNS },
    );
  });
});
