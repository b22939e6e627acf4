/**
 * How `kyso` starts (bin/kyso.js, bin/load-bundle.js, scripts/bundle-cli.mjs): from the
 * bundle's code cache, without Node's streams implementation loaded before the bundle runs,
 * and without the extras script (XML, ZIP, metrics, queue) when a PDF is all it verifies.
 * These are what made the command start fast; a build or loader change that loses one
 * still gives the right verdicts, only slower, so nothing else would notice. Each check runs
 * in a fresh `node` without the test runner's flags, as a user's shell starts it. And since
 * the extras take the modules they share from the core, the bundle must say exactly what the
 * library (dist/, the code the other tests run) says, for the formats and commands that
 * cross from one script to the other.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AT, REPO } from '../helpers.js';

const run = promisify(execFile);

/** The command's arguments in English, with the test anchor only, at the tests' validation time. */
function withTrust(args: readonly string[]): string[] {
  return [args[0]!, '--lang', 'en', '--no-default-trust', '--trust', 'samples/pki/kyso-test-root.pem', '--at', AT.toISOString(), ...args.slice(1)];
}

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

  it('verifies a PDF without reading the extras script, and compiles the extras from their own cache once needed', async () => {
    const script = [
      "import { loadBundle } from './bin/load-bundle.js';",
      'const bundle = loadBundle((s) => import(s));',
      'const quiet = { stdout: () => undefined, stderr: () => undefined };',
      `const pdf = await bundle.exports.main(['verify', '--no-default-trust', '--trust', 'samples/pki/kyso-test-root.pem', '--at', '${AT.toISOString()}', 'samples/pdf/person-signed.pdf'], quiet);`,
      'const afterPdf = bundle.extras() === undefined;',
      `const xml = await bundle.exports.main(['verify', '--no-default-trust', '--trust', 'samples/pki/kyso-test-root.pem', '--at', '${AT.toISOString()}', 'samples/edxml/signed.edxml'], quiet);`,
      'console.log(JSON.stringify({ pdf, afterPdf, xml, extrasCacheRejected: bundle.extras()?.cacheRejected }));',
    ].join('\n');
    expect(JSON.parse(await freshNode(script))).toEqual({ pdf: 0, afterPdf: true, xml: 0, extrasCacheRejected: false });
  });

  it.each([
    ['edXML, XML, a ZIP of PDFs, as JSON', ['verify', '--format', 'json', 'samples/edxml/signed.edxml', 'samples/edxml/tampered-subject.edxml', 'samples/xml/organization.xml', 'samples/pdf/encrypted-user-password-two-copies.zip']],
    ['metrics over edXML packages', ['metrics', '--format', 'json', 'samples/edxml']],
    // The extras' usage error reaches the core's handler as the core's own error class.
    ['a usage error inside the extras', ['metrics', '--by', 'nonsense', 'samples/edxml']],
  ])('the bundle says what the library says: %s', async (_, args) => {
    const run = (entry: string): Promise<string> =>
      freshNode(
        [
          "const out = { stdout: '', stderr: '' };",
          'const io = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) };',
          entry,
          `out.code = await main(${JSON.stringify(withTrust(args))}, io);`,
          'console.log(JSON.stringify(out));',
        ].join('\n'),
      );
    const bundled = await run("const { loadBundle } = await import('./bin/load-bundle.js'); const { main } = loadBundle((s) => import(s)).exports;");
    const library = await run("const { main } = await import('./dist/cli/main.js');");
    expect(bundled).toBe(library);
    expect((JSON.parse(bundled) as { stdout: string }).stdout.length + (JSON.parse(bundled) as { stderr: string }).stderr.length).toBeGreaterThan(0);
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
