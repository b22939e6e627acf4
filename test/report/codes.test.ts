/**
 * `MessageCode` is collected from the message tables; these tests keep the two from
 * drifting: every table in src/ is listed in codes.ts, every code a table defines is
 * in the catalogue, and a misspelled code does not compile (checked by `npm run
 * typecheck`, which fails if an `@ts-expect-error` below stops being an error).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../src/index.js';
import { messageCatalogue } from '../../src/report/messages.js';
import type { Message, MessageCode } from '../../src/report/messages.js';
import { REPO } from '../helpers.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('message codes', () => {
  it('every message table in src/ is part of MessageCode', () => {
    const codes = readFileSync(join(REPO, 'src/report/codes.ts'), 'utf8');
    const tables = sourceFiles(join(REPO, 'src')).flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/export const (\w+) = defineMessages\(/g)].map((m) => ({ table: m[1]!, file: relative(REPO, path) })),
    );
    expect(tables.length).toBeGreaterThan(5);
    const missing = tables.filter(({ table }) => !new RegExp(`keyof typeof ${table}\\b`).test(codes));
    expect(missing).toEqual([]);
  });

  it('codes are UPPER_SNAKE', () => {
    const bad = [...messageCatalogue().keys()].filter((code) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(code));
    expect(bad).toEqual([]);
  });

  it('a code from a report narrows in a switch, and a misspelled one does not compile', () => {
    const known: MessageCode = 'CMS_DIGEST_MISMATCH';
    // @ts-expect-error: not a code any table defines
    const misspelled: MessageCode = 'CMS_DIGEST_MISMACH';
    const message = { code: known } as Pick<Message, 'code'>;
    // @ts-expect-error: comparing with a code that does not exist is a type error
    const compared = message.code === 'CMS_DIGEST_MISMACH';
    expect([known, misspelled, compared]).toEqual(['CMS_DIGEST_MISMATCH', 'CMS_DIGEST_MISMACH', false]);
  });
});
