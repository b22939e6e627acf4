/**
 * Red team: files named like a detached signature and its content (`x.pdf.sig` beside `x.pdf`).
 * test/fixtures/attacks/detached-names/, samples/make-attacks-detached-pairs.sh (openssl cms
 * over pdfsig-made samples; python3 zipfile). A folder walk paired them by name alone and then
 * checked the content only when the signature file was CMS, so:
 * - a signed PDF named contract.pdf.sig passed for a forged contract.pdf beside it, which was
 *   never verified (misnamed/, misnamed-unsigned/);
 * - a detached signature over another one (a.pdf.p7s.p7s) took a.pdf.p7s as its content, and the
 *   broken a.pdf that a.pdf.p7s signs was never verified (chain/).
 * Inside a ZIP nothing was paired, so a genuine pair was INDETERMINATE (zip-pair.zip).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyFile, verifyFiles } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const NAMES = fileURLToPath(new URL('../fixtures/attacks/detached-names/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const verdict = (x: { indication: string; subIndication?: string }) => `${x.indication}/${x.subIndication ?? ''}`;

/** The report as a tree of names and verdicts, each signature with its own. */
function tree(report: DocumentReport & { name?: string; content?: string }): unknown {
  return [
    [report.name, report.content].filter(Boolean).join(' + ') || '.',
    verdict(report),
    report.signatures.map((s) => `${s.id} ${verdict(s)}`),
    ...(report.attachments?.length ? [report.attachments.map(tree)] : []),
  ];
}

async function folder(name: string) {
  const found: Record<string, unknown> = {};
  for await (const result of verifyFiles([join(NAMES, name)], { trust, at: AT, jobs: 1 })) {
    if (!('report' in result)) throw new Error(`not verified: ${result.path}`);
    found[result.path.slice(join(NAMES, name).length + 1)] = [result.content?.slice(join(NAMES, name).length + 1), tree(result.report)];
  }
  return found;
}

describe('files named as a detached pair', () => {
  it('a signed PDF named contract.pdf.sig does not stand for the broken contract.pdf beside it', async () => {
    expect(await folder('misnamed')).toEqual({
      'contract.pdf.sig': ['contract.pdf', ['.', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson TOTAL_PASSED/'], [['detached-content', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson TOTAL_FAILED/HASH_FAILURE']]]]],
    });
    const report = await verifyFile(join(NAMES, 'misnamed/contract.pdf.sig'), { trust, at: AT });
    expect(verdict(report)).toBe('TOTAL_FAILED/HASH_FAILURE');
    expect(report.messages.map((m) => m.code)).toContain('DOC_CONTENT_NOT_SIGNED_BY_THIS_FILE');
  });

  it('nor for an unsigned contract.pdf: nothing signs it, so the pair does not pass', async () => {
    expect(await folder('misnamed-unsigned')).toEqual({
      'contract.pdf.sig': ['contract.pdf', ['.', 'INDETERMINATE/SIGNED_DATA_NOT_FOUND', ['SigPerson TOTAL_PASSED/'], [['detached-content', 'NO_SIGNATURE/', []]]]],
    });
  });

  it('a detached signature over another detached signature does not hide what the inner one signs', async () => {
    expect(await folder('chain')).toEqual({
      'a.pdf.p7s': ['a.pdf', ['.', 'TOTAL_FAILED/HASH_FAILURE', ['signer-1 TOTAL_PASSED/'], [['detached-content', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson TOTAL_FAILED/HASH_FAILURE']]]]],
      // Its content is a pair's signature, which is verified with its own content: this one alone cannot be.
      'a.pdf.p7s.p7s': [undefined, ['.', 'INDETERMINATE/SIGNED_DATA_NOT_FOUND', ['signer-1 INDETERMINATE/SIGNED_DATA_NOT_FOUND']]],
    });
  });
});

describe('a detached pair inside a ZIP is one document, as in a folder', () => {
  const zip = async (name: string) => tree(await verify(new Uint8Array(readFileSync(join(NAMES, name))), { trust, at: AT }));

  it('a genuine pair passes (it was INDETERMINATE: the signature without its content, the text unsigned)', async () => {
    expect(await zip('zip-pair.zip')).toEqual(['.', 'TOTAL_PASSED/', [], [['hop-dong.txt.p7s + hop-dong.txt', 'TOTAL_PASSED/', ['signer-1 TOTAL_PASSED/']]]]);
  });

  it("the PDF's own broken signature is reported under its detached signature", async () => {
    expect(await zip('zip-pair-broken-pdf.zip')).toEqual([
      '.',
      'TOTAL_FAILED/HASH_FAILURE',
      [],
      [['QD.pdf.p7s + QD.pdf', 'TOTAL_FAILED/HASH_FAILURE', ['signer-1 TOTAL_PASSED/'], [['detached-content', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson TOTAL_FAILED/HASH_FAILURE']]]]],
    ]);
  });

  it('a chain of detached signatures: each verified, none taken as another\'s content', async () => {
    expect(await zip('zip-chain.zip')).toEqual([
      '.',
      'TOTAL_FAILED/HASH_FAILURE',
      [],
      [
        ['a.pdf.p7s + a.pdf', 'TOTAL_FAILED/HASH_FAILURE', ['signer-1 TOTAL_PASSED/'], [['detached-content', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson TOTAL_FAILED/HASH_FAILURE']]]],
        ['a.pdf.p7s.p7s', 'INDETERMINATE/SIGNED_DATA_NOT_FOUND', ['signer-1 INDETERMINATE/SIGNED_DATA_NOT_FOUND']],
      ],
    ]);
  });

  it('an entry named .sig that is not CMS pairs with nothing: both are verified on their own', async () => {
    expect(await zip('zip-sig-not-cms.zip')).toEqual([
      '.',
      'TOTAL_FAILED/HASH_FAILURE',
      [],
      [
        ['QD.pdf', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson TOTAL_FAILED/HASH_FAILURE']],
        ['QD.pdf.sig', 'TOTAL_PASSED/', ['SigPerson TOTAL_PASSED/']],
      ],
    ]);
  });
});

describe('a content is never dropped with a signature that is not verified with it', () => {
  // Arrangements of committed samples (review of beecbaa): each folder holds the broken
  // contract.pdf (pdf/tampered.pdf) and something named contract.pdf.p7s or .sig.
  const root = mkdtempSync(join(tmpdir(), 'kyso-names-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const arrange = (name: string, make: (dir: string) => void) => {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'contract.pdf'), sample('pdf/tampered.pdf'));
    make(dir);
    return dir;
  };
  const run = async (paths: string[], options: { exclude?: string[]; include?: string[] } = {}) => {
    const seen: string[] = [];
    for await (const result of verifyFiles(paths, { trust, at: AT, jobs: 1, ...options })) {
      const name = result.path.slice(root.length + 1);
      if ('skipped' in result) seen.push(`${name}: skipped (${result.skipped})`);
      else seen.push('report' in result ? `${name}${result.content ? ` + ${result.content.slice(root.length + 1)}` : ''}: ${verdict(result.report)}` : `${name}: error`);
    }
    return seen;
  };
  const broken = 'TOTAL_FAILED/HASH_FAILURE';

  it('a folder named contract.pdf.p7s: the contract is verified on its own', async () => {
    const dir = arrange('folder', (d) => mkdirSync(join(d, 'contract.pdf.p7s')));
    expect(await run([dir])).toEqual([`folder/contract.pdf: ${broken}`]);
    expect(await run([join(dir, 'contract.pdf'), join(dir, 'contract.pdf.p7s')])).toEqual([`folder/contract.pdf: ${broken}`]);
  });

  it('a link named contract.pdf.p7s (skipped as a duplicate of the file it names): the contract is verified', async () => {
    const dir = arrange('link', (d) => {
      writeFileSync(join(d, 'aaa-good.pdf'), sample('pdf/person-signed.pdf'));
      symlinkSync(join(d, 'aaa-good.pdf'), join(d, 'contract.pdf.p7s'));
    });
    expect(await run([dir])).toEqual(['link/aaa-good.pdf: TOTAL_PASSED/', `link/contract.pdf: ${broken}`, 'link/contract.pdf.p7s: skipped (duplicate)']);
  });

  it('a signature left out by --exclude or --include: the contract is verified', async () => {
    const dir = arrange('excluded', (d) => writeFileSync(join(d, 'contract.pdf.p7s'), 'not a signature'));
    expect(await run([dir], { exclude: ['*.p7s'] })).toEqual(['excluded/contract.pdf.p7s: skipped (excluded)', `excluded/contract.pdf: ${broken}`]);
    expect(await run([dir], { include: ['*.pdf'] })).toEqual(['excluded/contract.pdf.p7s: skipped (not-included)', `excluded/contract.pdf: ${broken}`]);
  });

  it('an unreadable file named contract.pdf.sig: the contract\'s verdict counts', async () => {
    const dir = arrange('unreadable', (d) => writeFileSync(join(d, 'contract.pdf.sig'), 'not a signature'));
    expect(await run([dir])).toEqual([`unreadable/contract.pdf.sig + unreadable/contract.pdf: ${broken}`]);
  });

  it('two signatures claiming one content pair with neither: each is verified alone, the content once', async () => {
    const dir = arrange('two', (d) => {
      copyFileSync(join(NAMES, 'chain/a.pdf.p7s'), join(d, 'contract.pdf.p7s'));
      copyFileSync(join(NAMES, 'chain/a.pdf.p7s'), join(d, 'contract.pdf.sig'));
    });
    expect(await run([dir])).toEqual([`two/contract.pdf: ${broken}`, 'two/contract.pdf.p7s: INDETERMINATE/SIGNED_DATA_NOT_FOUND', 'two/contract.pdf.sig: INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
  });

  it('a detached XML signature named cong-van-303.xml.sig is verified against the file its Reference names', async () => {
    const dir = join(root, 'xml');
    mkdirSync(dir);
    writeFileSync(join(dir, 'cong-van-303.xml'), sample('xml/field/cong-van-303.xml'));
    writeFileSync(join(dir, 'cong-van-303.xml.sig'), sample('xml/field/detached.xml'));
    expect(await run([dir])).toEqual(['xml/cong-van-303.xml.sig + xml/cong-van-303.xml: TOTAL_PASSED/']);
  });
});
