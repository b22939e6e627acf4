/**
 * Anchor constraints through the public ways in (issue 9, item 3): a trust anchor's own
 * certificate constrains every path by default, and a caller who really wants one anchor
 * read as name and key only says so for that anchor — in the TrustStore (verify(), the
 * worker threads, the queue's frozen options) and on the command line.
 *
 * The document is samples/pki-edge/nc-excluded.txt.p7s (openssl cms, samples/make-pki.sh),
 * signed by a leaf whose name the nameConstraints of its root `nc-root` exclude.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fromWorkerConfig, toWorkerConfig } from '../../src/node/config.js';
import { verifyFiles } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { freezeOptions, optionsHash, thawOptions } from '../../src/queue/options.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { run } from '../cli/run.js';
import { SAMPLES } from '../helpers.js';

const EDGE = `${SAMPLES}pki-edge/`;
const DOCUMENT = `${EDGE}nc-excluded.txt.p7s`;
const CONTENT = new Uint8Array(readFileSync(`${EDGE}content.txt`));
const NC_ROOT = readFileSync(`${EDGE}nc-root.pem`, 'utf8');
const OTHER_ROOT = readFileSync(`${EDGE}root.pem`, 'utf8');
const AT = new Date('2025-06-01T00:00:00Z');
const work = mkdtempSync(join(tmpdir(), 'kyso-anchor-constraints-'));
const emptyUserStore = join(work, 'user-store');
// Each .p7s beside its content under the name kyso looks for (x.txt.p7s → x.txt).
const FILES = ['nc-excluded', 'good'].map((name) => {
  copyFileSync(`${EDGE}${name}.txt.p7s`, join(work, `${name}.txt.p7s`));
  copyFileSync(`${EDGE}content.txt`, join(work, `${name}.txt`));
  return join(work, `${name}.txt.p7s`);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function verdict(trust: TrustStore): Promise<DocumentReport> {
  return verify(new Uint8Array(readFileSync(DOCUMENT)), { trust, at: AT, content: CONTENT });
}

describe('an anchor whose certificate excludes the signer’s name', () => {
  test('enforced by default: the signature is INDETERMINATE on the anchor’s nameConstraints (ETSI CHAIN_CONSTRAINTS_FAILURE)', async () => {
    const report = await verdict(TrustStore.from(NC_ROOT));
    expect(report.indication).toBe('INDETERMINATE');
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE', trusted: 'failed' });
  });

  test('trusted as name and key only, for that anchor alone, the same signature passes', async () => {
    const store = TrustStore.empty().withNameAndKeyAnchors(NC_ROOT);
    expect(store.nameAndKeyAnchors).toHaveLength(1);
    expect(store.anchors).toHaveLength(1);
    const report = await verdict(store);
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', trusted: 'passed' });
  });

  test('another anchor read as name and key does not loosen this one', async () => {
    const report = await verdict(TrustStore.from(NC_ROOT).withNameAndKeyAnchors(OTHER_ROOT));
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
  });

  test('the bundled Vietnamese anchors stay enforced beside a name-and-key anchor', async () => {
    const store = (await TrustStore.bundled()).withNameAndKeyAnchors(NC_ROOT);
    expect(store.nameAndKeyAnchors).toHaveLength(1);
    expect(store.entries.filter((e) => e.bundled && e.constraints !== undefined)).toEqual([]);
  });
});

describe('the trust store keeps the reading per anchor', () => {
  test('merging a name-and-key anchor with an enforced copy of it enforces it (the stricter reading wins)', () => {
    const loose = TrustStore.empty().withNameAndKeyAnchors(NC_ROOT);
    expect(loose.merge(TrustStore.from(NC_ROOT)).nameAndKeyAnchors).toHaveLength(0);
    expect(TrustStore.from(NC_ROOT).merge(loose).nameAndKeyAnchors).toHaveLength(0);
    expect(loose.merge(TrustStore.empty().withNameAndKeyAnchors(NC_ROOT)).nameAndKeyAnchors).toHaveLength(1);
    expect(loose.withAnchors(NC_ROOT).nameAndKeyAnchors).toHaveLength(0);
  });

  test('an explicit withNameAndKeyAnchors for a certificate the store already enforces reads it as name and key', () => {
    expect(TrustStore.from(NC_ROOT).withNameAndKeyAnchors(NC_ROOT).nameAndKeyAnchors).toHaveLength(1);
  });

  test('an intermediate merged with a name-and-key anchor becomes that anchor', () => {
    const store = TrustStore.empty().withIntermediates(NC_ROOT).merge(TrustStore.empty().withNameAndKeyAnchors(NC_ROOT));
    expect(store.entries).toMatchObject([{ role: 'anchor', constraints: 'name-and-key' }]);
  });

  test('verify() refuses a trust source whose nameAndKeyAnchors is not a list of certificates', async () => {
    const trust = { anchors: [], intermediates: [], nameAndKeyAnchors: 'nc-root.pem' } as unknown as TrustStore;
    await expect(verify(CONTENT, { trust })).rejects.toMatchObject({ code: 'ERR_KYSO_INVALID_OPTIONS' });
  });
});

describe('the reading crosses to worker threads and into the queue', () => {
  test('a worker thread verifies with the anchor read as the caller asked', async () => {
    const options = { trust: TrustStore.empty().withNameAndKeyAnchors(NC_ROOT), at: AT };
    expect(fromWorkerConfig(toWorkerConfig(options)!).trust?.nameAndKeyAnchors).toHaveLength(1);
    const results = [];
    for await (const result of verifyFiles(FILES, { ...options, jobs: 2 })) results.push(result);
    expect(results.map((r) => ('report' in r ? r.report.signatures[0]?.subIndication ?? r.report.indication : 'error'))).toEqual([
      'TOTAL_PASSED',
      'NO_CERTIFICATE_CHAIN_FOUND',
    ]);
  });

  test('frozen queue options carry the name-and-key anchors, and hash apart from enforced ones', async () => {
    const loose = await freezeOptions({ kyso: '0.0.0-test', at: AT, trust: TrustStore.empty().withNameAndKeyAnchors(NC_ROOT) });
    const strict = await freezeOptions({ kyso: '0.0.0-test', at: AT, trust: TrustStore.from(NC_ROOT) });
    expect(loose.nameAndKeyAnchors).toHaveLength(1);
    expect(strict).not.toHaveProperty('nameAndKeyAnchors');
    expect(optionsHash(loose)).not.toBe(optionsHash(strict));
    const thawed = await thawOptions(loose, '0.0.0-test');
    expect((thawed.trust as TrustStore).nameAndKeyAnchors).toHaveLength(1);
  });
});

describe('kyso verify --trust-name-and-key', () => {
  const cli = (...trust: string[]) =>
    run(['verify', '--no-default-trust', '--trust-store', emptyUserStore, ...trust, '--at', AT.toISOString(), '--format', 'json', '--jobs', '1', FILES[0]!]);

  test('--trust enforces the anchor’s constraints; --trust-name-and-key reads that anchor as name and key only', async () => {
    const strict = await cli('--trust', `${EDGE}nc-root.pem`);
    expect(strict.code).toBe(2);
    expect(JSON.parse(strict.stdout).documents[0].signatures[0].subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
    const loose = await cli('--trust-name-and-key', `${EDGE}nc-root.pem`);
    expect(loose.stderr).toBe('');
    expect(loose.code).toBe(0);
    expect(JSON.parse(loose.stdout).documents[0].indication).toBe('TOTAL_PASSED');
  });

  test('kyso metrics takes the same option: the name-and-key reading changes what is counted as passed', async () => {
    const counted = async (...trust: string[]) => {
      const { code, stdout } = await run(['metrics', '--no-default-trust', ...trust, '--at', AT.toISOString(), '--format', 'json', '--by', '', '--jobs', '1', ...FILES]);
      expect(code).toBe(0);
      return (JSON.parse(stdout) as { total: Record<string, number> }).total;
    };
    expect(await counted('--trust', `${EDGE}nc-root.pem`)).toMatchObject({ documents: 2, signed: 2, allSignaturesPassed: 0 });
    expect(await counted('--trust-name-and-key', `${EDGE}nc-root.pem`)).toMatchObject({ documents: 2, signed: 2, allSignaturesPassed: 1 });
  });
});
