/**
 * How `kyso` starts (bin/kyso.js, bin/load-bundle.js, scripts/bundle-cli.mjs): from the
 * bundle's code cache, without Node's streams implementation loaded before the bundle runs.
 * Both are what made the command start fast; a build or loader change that loses either
 * still gives the right verdicts, only slower, so nothing else would notice. Each check runs
 * in a fresh `node` without the test runner's flags, as a user's shell starts it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers.js';

const run = promisify(execFile);

async function freshNode(script: string): Promise<string> {
  const env = { ...process.env };
  // A cache is accepted only by a V8 with the flags it was made under (the build's training run drops NODE_OPTIONS too).
  delete env.NODE_OPTIONS;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, env });
  return stdout.trim();
}

describe('kyso command start', () => {
  it('compiles the bundle from the code cache made when it was built', async () => {
    const out = await freshNode(
      "import { loadBundle } from './bin/load-bundle.js'; const { exports, cacheRejected } = loadBundle((s) => import(s)); console.log(JSON.stringify({ cacheRejected, main: typeof exports.main }));",
    );
    expect(JSON.parse(out)).toEqual({ cacheRejected: false, main: 'function' });
  });

  it('loads the bundle without Node streams having been loaded for it', async () => {
    // Imported with `import … from 'node:fs'`, fs's ES module facade reads every export and its
    // ReadStream getter loads Node's whole streams implementation before any of kyso runs.
    const out = await freshNode(
      "const before = new Set(process.moduleLoadList); await import('./bin/load-bundle.js'); console.log(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m) && /stream/.test(m))));",
    );
    expect(JSON.parse(out)).toEqual([]);
  });

  it('runs `kyso --version` through bin/kyso.js', async () => {
    const { stdout } = await run(process.execPath, [join(REPO, 'bin/kyso.js'), '--version'], { cwd: REPO });
    const { version } = (await import(join(REPO, 'package.json'), { with: { type: 'json' } })).default as { version: string };
    expect(stdout.trim()).toBe(version);
  });
});
