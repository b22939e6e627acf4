/** The edXML header's sender OrganId names the agency only under an organisation's signature; anyone else's leaves it to the certificates. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/metrics/aggregate.js';
import { BUNDLED_PLACES } from '../../src/metrics/places.js';
import { deriveFacts } from '../../src/report/facts.js';
import type { DocumentReport } from '../../src/report/types.js';
import { roundTrip, sampleReport } from './reports.js';

describe('who may say which agency an edXML package comes from', () => {
  it('an organisation signature covering the header: the sender OrganId is the agency', async () => {
    const { facts } = await sampleReport('edxml/signed.edxml');
    expect(facts!.agency).toEqual({ scheme: 'organ-id', id: '000.00.00.H99', key: 'organ-id:000.00.00.H99', name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', source: 'edxml-sender', listed: false });
    expect(facts!.edxml).toEqual({ packageSignature: 'passed', kind: 'document', sender: 'organization-signed' });
  });

  it("a person's signature covering the header (made by xmlsec1 with the person key): the OrganId names nobody, the agency is unknown here", async () => {
    for (const path of ['edxml/transit/compact.edxml', 'edxml/transit/header-by-id.edxml']) {
      const report = await sampleReport(path);
      // A document package carrying no document: its package signature alone does not pass it.
      expect(report.indication, path).toBe('NO_SIGNATURE');
      expect(report.signatures.map((s) => [s.signer?.role, s.indication])).toEqual([['person', 'TOTAL_PASSED']]);
      expect(report.details?.kind === 'edxml' && report.details.metadata.senderOrganId).toMatchObject({ value: '000.00.00.H99', covered: true, signedBy: ['sig-1'] });
      expect(report.facts!.agency, path).toBeUndefined();
      expect(report.facts!.edxml).toEqual({ packageSignature: 'passed', kind: 'document', sender: 'other-signed' });
      const metrics = aggregate([report], { by: ['agency'] });
      expect(metrics.groups.map((g) => g.key)).toEqual([{ agency: 'unknown' }]);
    }
  });

  it("the same package with its package signer's role read as a person's: the agency falls back to the carried document's organisation certificate", async () => {
    const report = roundTrip(await sampleReport('edxml/signed.edxml')) as DocumentReport & { signatures: { signer: { role: string } }[] };
    report.signatures[0]!.signer.role = 'person';
    const facts = deriveFacts(report, { places: BUNDLED_PLACES });
    expect(facts.agency).toEqual({ scheme: 'tax-code', id: '0101234567', key: 'tax-code:0101234567', source: 'certificate', name: 'UBND Tỉnh Thử Nghiệm' });
    expect(facts.edxml).toEqual({ packageSignature: 'passed', kind: 'document', sender: 'other-signed' });
  });
});
