/**
 * The API reference in docs/api is Markdown that TypeDoc generates from the declarations
 * of every entry point of the package (typedoc.json), committed so that the README links
 * to it. Regenerated here into a temporary folder, it must
 * - come out with no warning: typedoc.json asks for a doc comment on every public
 *   declaration and field (validation.notDocumented, treatWarningsAsErrors), and for every
 *   type a public declaration mentions to be exported too;
 * - equal the committed docs/api file for file, so the reference never lags the code.
 * Either failure is fixed the same way: write the missing comment, run `npm run docs`,
 * commit docs/api.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers.js';

const run = promisify(execFile);
const TYPEDOC = join(REPO, 'node_modules', 'typedoc', 'bin', 'typedoc');
const COMMITTED = join(REPO, 'docs', 'api');

let out: string;
/** TypeDoc's warnings and errors, one per line, without colours. */
let problems: string[];

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'kyso-api-docs-'));
  const result = await run(process.execPath, [TYPEDOC, '--out', out], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? String(error) }),
  );
  problems = `${result.stdout}\n${result.stderr}`
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => /^\[(warning|error)\]/.test(line) && !/^\[warning\] Found \d+ errors and \d+ warnings/.test(line));
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the API reference (docs/api)', () => {
  it('every public declaration and field has a doc comment, and every type it mentions is exported', () => {
    expect(problems, 'write the missing doc comments (or export the type), then run `npm run docs`').toEqual([]);
  });

  it('the committed docs/api is what the declarations give (run `npm run docs` and commit docs/api when this fails)', () => {
    const generated = files(out);
    expect(generated.length).toBeGreaterThan(100);
    expect(files(COMMITTED), 'files added or removed: run `npm run docs`').toEqual(generated);
    const stale = generated.filter((file) => readFileSync(join(out, file), 'utf8') !== readFileSync(join(COMMITTED, file), 'utf8'));
    expect(stale, 'docs/api is stale: run `npm run docs` and commit docs/api').toEqual([]);
  });
});
