/**
 * The README's revocation-modes table and the JSON that `kyso verify --format json` writes
 * use the same words: each row's case is run through the CLI, and the status word the
 * report gives is the one the README's row starts with, for the mode tested.
 *
 * Documents: samples/pki-edge/good-stale-dss.pdf (signed by the pki-edge good leaf, its DSS
 * carrying only the CA's out-of-date CRL) and good.txt.p7s (no revocation data at all),
 * both by openssl through samples/make-pki.sh; samples/cms/revoked.txt.p7s with the
 * intermediate's CRL for a revocation.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { CliJsonOutput, DocumentReport } from '../../src/index.js';
import { run } from '../cli/run.js';
import { REPO, SAMPLES } from '../helpers.js';

const EDGE = `${SAMPLES}pki-edge/`;
const work = mkdtempSync(join(tmpdir(), 'kyso-revocation-words-'));
const userStore = join(work, 'user-store');
copyFileSync(`${EDGE}good.txt.p7s`, join(work, 'good.txt.p7s'));
copyFileSync(`${EDGE}content.txt`, join(work, 'good.txt'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Seen {
  readonly verdict: string;
  readonly status: string | undefined;
  readonly codes: readonly string[];
}

async function verifyJson(file: string, trust: string, at: string, ...extra: string[]): Promise<Seen> {
  const { stdout } = await run(['verify', '--no-default-trust', '--trust-store', userStore, '--trust', trust, '--at', at, '--format', 'json', '--jobs', '1', ...extra, file]);
  const document = (JSON.parse(stdout) as CliJsonOutput).documents[0] as DocumentReport;
  const signature = document.signatures[0]!;
  return {
    verdict: [signature.indication, signature.subIndication].filter(Boolean).join('/'),
    status: signature.revocation[0]?.status,
    codes: signature.messages.map((m) => m.code),
  };
}

const EDGE_AT = '2025-06-01T00:00:00Z';
const staleEmbedded = (...extra: string[]) => verifyJson(`${EDGE}good-stale-dss.pdf`, `${EDGE}root.pem`, EDGE_AT, ...extra);
const noData = (...extra: string[]) => verifyJson(join(work, 'good.txt.p7s'), `${EDGE}root.pem`, EDGE_AT, ...extra);

/** The README table's row whose first cell contains `row`, split into its cells. */
function readmeRow(row: string): string[] {
  const line = readFileSync(join(REPO, 'README.md'), 'utf8')
    .split('\n')
    .find((l) => l.trim().startsWith('|') && (l.split('|')[1] ?? '').includes(row));
  expect(line, row).toBeDefined();
  return line!.split('|').slice(2, -1).map((cell) => cell.trim());
}
const MODES = { off: 0, 'if-available': 1, require: 2 } as const;

function expectRow(row: string, mode: keyof typeof MODES, seen: Seen): void {
  const cell = readmeRow(row)[MODES[mode]]!;
  const word = cell === 'same' ? readmeRow(row)[MODES['if-available']]! : cell;
  expect(word.startsWith(`\`${seen.status}\``), `${row} / ${mode}: README says "${word}", the JSON says ${seen.status}`).toBe(true);
}

describe('the README revocation table says what the JSON says', () => {
  test('only out-of-date data embedded in the document: unknown, passes with its own warning under if-available; TRY_LATER under require', async () => {
    const ifAvailable = await staleEmbedded();
    expect(ifAvailable).toMatchObject({ verdict: 'TOTAL_PASSED', status: 'unknown' });
    expect(ifAvailable.codes).toContain('PKI_REVOCATION_STALE_EMBEDDED');
    expectRow('only out-of-date data embedded in the document', 'if-available', ifAvailable);
    const required = await staleEmbedded('--revocation-mode', 'require');
    expect(required).toMatchObject({ verdict: 'INDETERMINATE/TRY_LATER', status: 'unknown' });
    expectRow('only out-of-date data embedded in the document', 'require', required);
  });

  test('the same out-of-date CRL supplied by the caller as well: asked for, so TRY_LATER naming its nextUpdate', async () => {
    const supplied = await staleEmbedded('--revocation', `${EDGE}ca-stale.crl`);
    expect(supplied).toMatchObject({ verdict: 'INDETERMINATE/TRY_LATER', status: 'unknown' });
    expect(supplied.codes).toContain('PKI_REVOCATION_STALE');
    expectRow('only out-of-date data, supplied by the caller', 'if-available', supplied);
    expectRow('only out-of-date data, supplied by the caller', 'require', await staleEmbedded('--revocation', `${EDGE}ca-stale.crl`, '--revocation-mode', 'require'));
  });

  test('no revocation data at all: not-checked (the soft pass) under if-available, unknown and TRY_LATER under require, not-checked under off', async () => {
    const soft = await noData();
    expect(soft).toMatchObject({ verdict: 'TOTAL_PASSED', status: 'not-checked' });
    expect(soft.codes).toContain('PKI_REVOCATION_NOT_FOUND');
    expectRow('no CRL/OCSP at all', 'if-available', soft);
    const required = await noData('--revocation-mode', 'require');
    expect(required).toMatchObject({ verdict: 'INDETERMINATE/TRY_LATER', status: 'unknown' });
    expectRow('no CRL/OCSP at all', 'require', required);
    const off = await noData('--revocation-mode', 'off');
    expect(off).toMatchObject({ verdict: 'TOTAL_PASSED', status: 'not-checked' });
    expectRow('no CRL/OCSP at all', 'off', off);
  });

  test('a CRL listing the signer: revoked', async () => {
    const revoked = await verifyJson(`${SAMPLES}cms/revoked.txt.p7s`, `${SAMPLES}pki`, '2026-06-01T00:00:00Z', '--revocation', `${SAMPLES}ca/intermediate.crl`);
    expect(revoked).toMatchObject({ verdict: 'TOTAL_FAILED/REVOKED', status: 'revoked' });
    expectRow('listing it as revoked', 'if-available', revoked);
  });
});
