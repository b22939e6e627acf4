/** Test helpers: sample paths and a fixed validation time. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

/** The samples' reference validation time (samples/README.md). */
export const AT = new Date('2026-06-01T00:00:00Z');

export function sample(path: string): Uint8Array {
  return new Uint8Array(readFileSync(SAMPLES + path));
}

export function shared(path: string): Uint8Array {
  return new Uint8Array(readFileSync(SHARED + path));
}
