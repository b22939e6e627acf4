/** Test helpers: sample paths and a fixed validation time. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
/**
 * The project's shared data (conformance suites, real edXML packages, the Vietnamese CA
 * certificates), vendored under test/fixtures/shared so that a clone anywhere is
 * self-contained; test/shared-copy.test.ts checks it against ../shared when that exists.
 */
export const SHARED = fileURLToPath(new URL('./fixtures/shared/', import.meta.url));
/** The workplace's read-only shared/ folder beside the clone, when there is one. */
export const WORKPLACE_SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

/** The samples' reference validation time (samples/README.md). */
export const AT = new Date('2026-06-01T00:00:00Z');

export function sample(path: string): Uint8Array {
  return new Uint8Array(readFileSync(SAMPLES + path));
}

export function shared(path: string): Uint8Array {
  return new Uint8Array(readFileSync(SHARED + path));
}

/**
 * One field of a report's or parsed signature's `details`, whatever its kind: tests of
 * a producer check the values it wrote; typed narrowing on `kind` is what consumers
 * use (test/package/consumer checks that).
 */
export function detail(holder: { readonly details?: object | undefined }, key: string): unknown {
  return (holder.details as Record<string, unknown> | undefined)?.[key];
}

/** Every message code anywhere in a report, nested reports and timestamps included (a message is an object with a code and its English text). */
export function messageCodes(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) messageCodes(v, out);
  else if (value && typeof value === 'object') {
    const m = value as { code?: unknown; en?: unknown };
    if (typeof m.code === 'string' && typeof m.en === 'string') out.push(m.code);
    for (const v of Object.values(value)) messageCodes(v, out);
  }
  return out;
}
