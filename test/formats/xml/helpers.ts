import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '../../../src/formats/limits.js';
import type { ParseContext } from '../../../src/formats/types.js';
import { portableHashFactory } from '../../../src/io/hash.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, ...parts)));
}

export function context(limits: Partial<ParseContext['limits']> = {}): ParseContext {
  return { hashFactory: portableHashFactory, limits: { ...DEFAULT_LIMITS, ...limits } };
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
