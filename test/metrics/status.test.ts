/** edXML status messages (QCVN 102 StatusCode, no body) are processing receipts: counted apart, never as documents. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMetricsDocument } from '../../src/metrics/validate.js';
import { run } from '../cli/run.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { AT, REPO, SAMPLES } from '../helpers.js';
import { sampleReport } from './reports.js';

const STATUS_DIR = join(REPO, 'test/fixtures/shared/edxml-samples');
const STATUS = readdirSync(STATUS_DIR)
  .filter((name) => name.startsWith('status_') && name.endsWith('.edxml'))
  .sort()
  .map((name) => join(STATUS_DIR, name));
const OPTIONS = ['--at', '2026-06-01T00:00:00Z', '--trust', `${SAMPLES}pki`, '--format', 'json'];

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}

describe('edXML status messages in metrics', () => {
  it('facts carry the package kind the parser typed', async () => {
    expect((await sampleReport('edxml/signed.edxml')).facts!.edxml).toEqual({ packageSignature: 'passed', kind: 'document', sender: 'organization-signed' });
    const status = await verify(new Uint8Array(readFileSync(STATUS[0]!)), { trust: TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8')), at: AT });
    expect(status.facts!.edxml).toMatchObject({ packageSignature: 'absent', kind: 'status' });
  });

  it('nine status messages (StatusCode 01 … 16) count as status messages and in nothing else; a document beside them counts as one document', async () => {
    expect(STATUS).toHaveLength(9);
    const only = await run(['metrics', ...OPTIONS, ...STATUS]);
    expect(only.code).toBe(0);
    const json = JSON.parse(only.stdout) as { total: Record<string, number> };
    expect(nonZero(json.total)).toEqual({ edxmlStatusMessages: 9 });
    expect(() => checkMetricsDocument(json)).not.toThrow();
    const withDocument = await run(['metrics', ...OPTIONS, ...STATUS, `${SAMPLES}edxml/signed.edxml`]);
    const both = JSON.parse(withDocument.stdout) as { total: Record<string, number> };
    const documentOnly = JSON.parse((await run(['metrics', ...OPTIONS, `${SAMPLES}edxml/signed.edxml`])).stdout) as { total: Record<string, number> };
    expect(both.total).toEqual({ ...documentOnly.total, edxmlStatusMessages: 9 });
    expect(both.total['documents']).toBe(1);
  });

  it('a report written before facts said the kind (no facts.edxml.kind) is still read as a status message', async () => {
    const verified = await run(['verify', '--format', 'jsonl', STATUS[0]!]);
    const [line] = verified.stdout.split('\n').filter((l) => l.startsWith('{') && !l.includes('"record"'));
    const report = JSON.parse(line!) as { facts: { edxml: { kind?: string } } };
    delete report.facts.edxml.kind;
    const dir = mkdtempSync(join(tmpdir(), 'kyso-status-'));
    try {
      writeFileSync(join(dir, 'old.jsonl'), `${JSON.stringify(report)}\n`);
      const counted = JSON.parse((await run(['metrics', '--format', 'json', join(dir, 'old.jsonl')])).stdout) as { total: Record<string, number> };
      expect(nonZero(counted.total)).toEqual({ edxmlStatusMessages: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
