/**
 * What the producers' corpus tests (test/corpus/producers-*.test.ts) share: the committed
 * outputs of samples/producers/<folder>/out/, each document's verdicts in one comparable
 * form, and the verdicts they pin most.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, SAMPLES, sample } from '../helpers.js';

/** The folder of a producer's committed outputs, and a reader of each by name. */
export function producerOutputs(folder: string): { readonly dir: string; readonly read: (name: string) => Uint8Array } {
  const dir = `${SAMPLES}producers/${folder}/`;
  return { dir, read: (name) => new Uint8Array(readFileSync(dir + name)) };
}

/** The document's verdict, then each signature's, as `INDICATION/SUB` (SUB empty when none). */
export function verdicts(document: DocumentReport): string[] {
  return [document, ...document.signatures].map((r) => `${r.indication}/${r.subIndication ?? ''}`);
}

/** The codes of every signature's messages, in order. */
export const signatureCodes = (document: DocumentReport): string[] => document.signatures.flatMap((s) => s.messages.map((m) => m.code));

export const PASSED = 'TOTAL_PASSED/';
export const NO_CHAIN = 'INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND';
export const SHA1 = 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE';
export const FORMAT = 'TOTAL_FAILED/FORMAT_FAILURE';

/** A producer output's verdicts trusting the test root only, then with the intermediate the producer left out given as help. */
export interface TwoStoreVerdicts {
  readonly root: readonly string[];
  readonly intermediate: readonly string[];
}

/** The test root alone, and with the intermediate given as help (made once, when the tests start). */
export function testTrustStores(): { readonly rootOnly: () => TrustStore; readonly withIntermediate: () => TrustStore } {
  let rootOnly: TrustStore | undefined;
  let withIntermediate: TrustStore | undefined;
  beforeAll(() => {
    rootOnly = TrustStore.from(sample('pki/kyso-test-root.pem'));
    withIntermediate = rootOnly.withIntermediates(sample('ca/intermediate.pem'));
  });
  return { rootOnly: () => rootOnly!, withIntermediate: () => withIntermediate! };
}

/**
 * The tests every such folder has, inside its describe: the committed outputs are exactly the
 * pinned ones, and each gives its verdicts under both stores.
 */
export function pinsEveryOutput(folder: string, producer: string, expected: Readonly<Record<string, TwoStoreVerdicts>>, trust: ReturnType<typeof testTrustStores>): void {
  const { dir, read } = producerOutputs(folder);
  it('has a verdict for every committed output', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
  });
  it.each(Object.entries(expected))('%s, trusting the test root only', async (name, verdictsOf) => {
    expect(verdicts(await verify(read(name), { trust: trust.rootOnly(), at: AT }))).toEqual(verdictsOf.root);
  });
  it.each(Object.entries(expected))(`%s, with the intermediate ${producer} left out given as help`, async (name, verdictsOf) => {
    expect(verdicts(await verify(read(name), { trust: trust.withIntermediate(), at: AT }))).toEqual(verdictsOf.intermediate);
  });
}
