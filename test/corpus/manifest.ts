/**
 * The real-world corpus: signed files made by other projects' tools and by real products, with the
 * verdict their source projects' own tests state (../shared/real-world/README.md). The files keep their
 * own licences, so they are read from ../shared/real-world/ in place, never copied into this repository;
 * where that folder is absent, the tests that use it skip and say why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKPLACE_SHARED } from '../helpers.js';

export const REAL_WORLD = join(WORKPLACE_SHARED, 'real-world');

export const REAL_WORLD_ABSENT_REASON = `the real-world corpus is read in place from ${REAL_WORLD} (its files keep their own licences and are never copied here), and that folder is absent`;

export type RealWorldVerdict = 'valid' | 'invalid' | 'indeterminate' | 'unknown';

/** What the verdict judges: compare kyso only within this scope (see the corpus README). */
export type RealWorldScope =
  | 'modifications'
  | 'integrity'
  | 'coverage'
  | 'format'
  | 'timestamp'
  | 'crypto-parameters'
  | 'full'
  | 'cert/revocation'
  | 'cert';

export interface RealWorldEntry {
  readonly file: string;
  readonly format: string;
  readonly size: number;
  readonly sha256: string;
  readonly producer?: string;
  readonly kind?: readonly string[];
  readonly expected: {
    readonly verdict: RealWorldVerdict;
    readonly why: string;
    readonly scope: RealWorldScope;
    readonly basis: string;
    readonly evidence?: string;
  };
}

export const realWorldPresent = existsSync(join(REAL_WORLD, 'manifest.json'));

/** Every manifest entry of one format (`pdf`, `xml`, `cms`…), or all of them; empty when the corpus is absent. */
export function realWorldEntries(format?: string): RealWorldEntry[] {
  if (!realWorldPresent) return [];
  const all = JSON.parse(readFileSync(join(REAL_WORLD, 'manifest.json'), 'utf8')) as RealWorldEntry[];
  return format === undefined ? all : all.filter((entry) => entry.format === format);
}

export function realWorldBytes(entry: RealWorldEntry): Uint8Array {
  return new Uint8Array(readFileSync(join(REAL_WORLD, entry.file)));
}
