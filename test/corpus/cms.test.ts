/**
 * The real-world CMS corpus (../shared/real-world, read in place): kyso must judge each
 * file within the scope its source states (the corpus README). None of these signers
 * chains to a bundled anchor, so "valid" here means intact and cryptographically valid,
 * never TOTAL_FAILED.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT } from '../helpers.js';
import { realWorldBytes, realWorldEntries, realWorldPresent, REAL_WORLD_ABSENT_REASON, type RealWorldEntry } from './manifest.js';

const entries = realWorldEntries('cms');

let bundled: TrustStore;
beforeAll(async () => {
  bundled = await TrustStore.bundled();
});

function documentCodes(report: DocumentReport): string[] {
  return report.messages.map((m) => m.code);
}

/**
 * Where kyso and the file's source differ, and why. Each entry is a fact about kyso or
 * the file, asserted exactly, not a tolerance.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, { readonly reason: string; readonly expect: (report: DocumentReport) => void }>> = {
  'wbond+asn1crypto/tests/fixtures/cms-signed-indefinite-length.der': {
    reason:
      'openssl reads past a non-zero byte after the indefinite-length SignedData and then fails the content digest; kyso refuses the broken structure first (TOTAL_FAILED/FORMAT_FAILURE): both say invalid',
    expect: (report) => {
      expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
      expect(documentCodes(report)).toContain('CMS_TRAILING_BYTES');
    },
  },
  'FatturaElettronica+FatturaElettronica.NET/Test/Samples/IT02182030391_31_tampered.xml.p7m': {
    reason:
      'the tampering cut the BER structure short (an end-of-contents is missing), so kyso refuses it as broken (TOTAL_FAILED/FORMAT_FAILURE) where the source’s library throws a signature exception: both say invalid',
    expect: (report) => {
      expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'FORMAT_FAILURE']);
      expect(documentCodes(report)).toContain('CMS_NOT_DER');
    },
  },
};

function expectWithinScope(entry: RealWorldEntry, report: DocumentReport): void {
  const { verdict: expected } = entry.expected;
  const signatures = report.signatures;
  expect(report.format).toBe('cms');
  expect(signatures.length).toBeGreaterThan(0);
  if (expected === 'valid') {
    expect(report.indication).not.toBe('TOTAL_FAILED');
    for (const signature of signatures) {
      expect([signature.intact, signature.valid]).toEqual(['passed', 'passed']);
      // Their anchors are not bundled: trusted is never claimed.
      expect(signature.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    }
  } else if (expected === 'invalid') {
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(signatures.some((s) => s.intact === 'failed' || s.valid === 'failed')).toBe(true);
  } else {
    // `unknown`: detached signatures whose content is not in the corpus.
    expect(signatures.map((s) => `${s.indication}/${s.subIndication}`)).toEqual(signatures.map(() => 'INDETERMINATE/SIGNED_DATA_NOT_FOUND'));
  }
}

describe.skipIf(!realWorldPresent)(`real-world CMS (${realWorldPresent ? `${entries.length} files` : REAL_WORLD_ABSENT_REASON})`, () => {
  it('the corpus has the 8 CMS files this test was written for', () => {
    expect(entries.length).toBe(8);
  });

  it.each(entries.map((entry) => [entry.file, entry] as const))('%s', async (file, entry) => {
    const report = await verify(realWorldBytes(entry), { trust: bundled, at: AT });
    const known = KNOWN_DIFFERENCES[file];
    if (known) known.expect(report);
    else expectWithinScope(entry, report);
  });
});
