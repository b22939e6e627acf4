// Bundles the `kyso` command and its worker thread into dist/bundle/ (run after tsc, by
// `npm run build`). The library entry points (dist/index.js, dist/node.js …) stay
// unbundled for consumers' own bundlers.
//
// The command is two scripts, kyso.script.js (the core: what a PDF or CMS verification runs)
// and kyso-extras.script.js (XML formats, ZIP, metrics, queue), each esbuild's CommonJS bundle
// inside the function expression bin/load-bundle.js compiles, each with a V8 code cache beside
// it (.cache) made here by a training run that verifies sample documents: bin/kyso.js compiles
// the core with its cache (bin/load-bundle.js), so a run starts from bytecode instead of
// parsing and compiling ~1 MB of JavaScript, and the extras only when first needed. Measured
// on the 2-core machine (median of 15 spawns, one small signed PDF): 145 → 105 ms wall, 128 →
// 94 ms CPU for the cache; the split, in instructions executed, 2.7% of a small PDF's run
// (bench/RESULTS.md). A cache V8 does not accept (another Node version or V8 flags) is
// ignored and the script compiles as before; nothing is written at run time. Within each
// script, rarely used parts are modules evaluated only when imported.
//
// The worker thread (tinypool loads it as an ES module) is its own ES module bundle,
// worker.js, with split chunks for the formats.
//
// Packages carried inside the bundles keep their licence texts beside them
// (dist/bundle/THIRD-PARTY-LICENSES.txt). BullMQ/ioredis (only `kyso queue`, loaded on
// demand) and tinypool (its worker entry is a file found beside its own module) stay
// ordinary imports of node_modules.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_ID_MARK, BUNDLE_PARAMETERS } from '../bin/load-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['tinypool', 'bullmq', 'ioredis'],
  legalComments: 'none',
  // Whitespace and syntax only: the command reads, and V8 deserializes, a bundle half the
  // size on every run (2.4 → 1.6 MB; one small PDF through the CLI measured 1.6 ms faster,
  // median of 41 interleaved spawns). Identifiers are kept, so that the stack trace of an
  // internal error still names kyso's own functions (renaming them saved 1.2 ms more).
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
};

const worker = await build({
  ...common,
  entryPoints: { worker: 'dist/node/worker.js' },
  splitting: true,
  format: 'esm',
  // CommonJS packages inside an ES module bundle still call require() for Node built-ins.
  banner: { js: "import { createRequire as __kysoCreateRequire } from 'node:module';\nconst require = __kysoCreateRequire(import.meta.url);" },
});

// Work a run does at start only for features it may not use. commander requires
// child_process at start (for subcommands that are separate programs; kyso has none).
// fflate builds its Huffman and CRC tables when it is evaluated (about 3 ms in a fresh
// process), and its Node build requires worker_threads for its asynchronous API: kyso
// inflates synchronously (fflate's browser build, the same synchronous code), and only
// when a stream or ZIP entry is compressed, which a small classic-xref PDF never is.
const LAZY = {
  child_process: "let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });\n",
  // new Inflate(…) / new Unzlib(…) construct fflate's own object (a constructor may return one).
  fflate: [
    'let fflate;',
    "const load = () => (fflate ??= require('fflate/browser'));",
    'export function Inflate(...args) { return new (load().Inflate)(...args); }',
    'export function Unzlib(...args) { return new (load().Unzlib)(...args); }',
    '',
  ].join('\n'),
};
const lazyLoads = {
  name: 'kyso-lazy',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (args.importer.includes('/node_modules/commander/') ? { path: 'child_process', namespace: 'kyso-lazy' } : undefined));
    b.onResolve({ filter: /^fflate$/ }, (args) => (args.importer.includes('/dist/formats/') ? { path: 'fflate', namespace: 'kyso-lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'kyso-lazy' }, (args) => ({ contents: LAZY[args.path], loader: 'js', resolveDir: root }));
  },
};

// The command is two scripts (bin/load-bundle.js says why): the core, from dist/cli/main.js,
// and the extras, the modules the core reaches only through these dynamic imports. In the
// core each of them is a stub asking the loader for the extras' module (__kysoExtras); in the
// extras every module the core also holds is a stub asking for the core's (__kysoCore), so
// that no module runs twice. The core's modules the extras ask for are listed in the core's
// __kysoModules, each behind require(), which evaluates a module at its first use as the
// import it replaces would have.
const EXTRAS = [
  'dist/formats/xml/index.js',
  'dist/formats/zip/index.js',
  'dist/cli/metrics-command.js',
  'dist/cli/metrics-merge-command.js',
  'dist/cli/queue-command.js',
  'dist/cli/progress.js',
];
const relativePath = (path) => relative(root, path).split(sep).join('/');

/** The lookup table a script exports: each module by path, evaluated at first use. */
const moduleTable = (paths) =>
  `export const __kysoModules = {\n${[...paths].sort().map((path) => `  ${JSON.stringify(path)}: () => require(${JSON.stringify(`./${path}`)}),`).join('\n')}\n};\n`;

const splitCommon = {
  ...common,
  format: 'cjs',
  define: { 'import.meta.url': '__kysoModuleUrl' },
  banner: { js: "const __kysoModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  write: false,
};

/** The core's build; `shared` are the core's modules the extras use (none on the first pass). */
async function buildCore(shared) {
  const toExtras = {
    name: 'kyso-to-extras',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        const path = relativePath(resolve(args.resolveDir, args.path));
        return EXTRAS.includes(path) ? { path, namespace: 'kyso-extras' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'kyso-extras' }, (args) => ({ contents: `module.exports = __kysoExtras(${JSON.stringify(args.path)});\n`, loader: 'js' }));
    },
  };
  const result = await build({
    ...splitCommon,
    stdin: { contents: `export * from './dist/cli/main.js';\n${moduleTable(shared)}`, resolveDir: root, sourcefile: 'kyso-core-entry.js', loader: 'js' },
    plugins: [lazyLoads, toExtras],
  });
  // A static import would load the extras at every start: only import() may reach them.
  for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
    for (const record of imports) {
      if (record.path.startsWith('kyso-extras:') && record.kind !== 'dynamic-import') throw new Error(`${input} imports ${record.path} statically: the extras would load at every start`);
    }
  }
  return result;
}

/** Files of the core's build (not the stubs and shims of other namespaces). */
const fileInputs = (result) => new Set(Object.keys(result.metafile.inputs).filter((input) => !input.includes(':')));

async function buildExtras(coreInputs) {
  const shared = new Set();
  const toCore = {
    name: 'kyso-to-core',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        // The shims of kyso-lazy require packages too (fflate): theirs are shared as well.
        if (args.pluginData === 'kyso-to-core' || (args.namespace !== 'file' && args.namespace !== 'kyso-lazy') || args.kind === 'entry-point') return undefined;
        const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'kyso-to-core' });
        if (found.errors.length > 0 || found.namespace !== 'file' || found.external) return undefined;
        const path = relativePath(found.path);
        if (!coreInputs.has(path)) return undefined;
        shared.add(path);
        return { path, namespace: 'kyso-core' };
      });
      b.onLoad({ filter: /.*/, namespace: 'kyso-core' }, (args) => ({ contents: `module.exports = __kysoCore(${JSON.stringify(args.path)});\n`, loader: 'js' }));
    },
  };
  const result = await build({
    ...splitCommon,
    stdin: { contents: moduleTable(EXTRAS), resolveDir: root, sourcefile: 'kyso-extras-entry.js', loader: 'js' },
    plugins: [lazyLoads, toCore],
  });
  return { result, shared };
}

const firstCore = await buildCore(new Set());
const coreInputs = fileInputs(firstCore);
const extras = await buildExtras(coreInputs);
const command = await buildCore(extras.shared);
const finalInputs = fileInputs(command);
if (finalInputs.size !== coreInputs.size || [...finalInputs].some((input) => !coreInputs.has(input))) throw new Error('the core holds other modules once the extras\' table is added: the split is not stable');

// Code compiled by vm.Script cannot call import() (bin/load-bundle.js): the imports of the
// external packages go through the import() of bin/kyso.js, handed in as __kysoImport.
let imports = 0;
/** The script file's text: ASCII, the build id, the function expression the loader compiles. */
function scriptText(result, name) {
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!code) throw new Error(`bundle incomplete: no ${name}`);
  const text = code.text.replace(/\bimport\("(tinypool|bullmq|ioredis)"\)/g, (_, name) => {
    imports++;
    return `__kysoImport("${name}")`;
  });
  if (/\bimport\(/.test(text)) throw new Error(`${name}: expected import() of tinypool, bullmq and ioredis only (found ${text.match(/\bimport\(/g)?.length ?? 0} others)`);
  // ASCII only, so that bin/load-bundle.js reads the bundle as Latin-1 straight into a one-byte
  // string: UTF-8 decoding of 1.8 MB measured ~2.4 ms of every run. esbuild escapes
  // non-ASCII in strings but leaves it in comments and regular expressions (/[đĐ]/);
  // \uXXXX means the same character in both, and in strings and identifiers too.
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // The build id ties the code cache to this exact script (bin/load-bundle.js compares them).
  const buildId = createHash('sha256').update(ascii).digest('hex');
  // Written as the function expression the loader compiles, parameters and all: wrapping it at
  // run time made V8 flatten a second copy of the source (measured ~5 ms of a run on a slow
  // machine, its memory being fresh pages).
  return { buildId, text: `${BUILD_ID_MARK}${buildId}\n(function (${BUNDLE_PARAMETERS}) {'use strict';${ascii}\n})\n` };
}
const core = scriptText(command, 'kyso.script.js');
const extrasScript = scriptText(extras.result, 'kyso-extras.script.js');
if (imports !== 3) throw new Error(`expected import() of tinypool, bullmq and ioredis, once each (found ${imports})`);
const bundleFile = join(outdir, 'kyso.script.js');
const extrasFile = join(outdir, 'kyso-extras.script.js');
writeFileSync(bundleFile, core.text);
writeFileSync(extrasFile, extrasScript.text);

// Training run, in a fresh process without the caller's V8 flags (a cache is only accepted
// by a process with the same flags): the code small signed PDFs (the core) and XML and ZIP
// documents (the extras) run through is compiled when each cache is taken, so a run finds it
// as bytecode.
const trainer = fileURLToPath(new URL('./train-cli-cache.mjs', import.meta.url));
const env = { ...process.env };
delete env.NODE_OPTIONS;
execFileSync(process.execPath, [trainer, bundleFile, core.buildId, extrasFile, extrasScript.buildId, root], { env, stdio: ['ignore', 'ignore', 'inherit'] });

// One licence text per bundled package, found from the package.json above each input.
const packages = new Map();
for (const input of new Set([...Object.keys(worker.metafile.inputs), ...Object.keys(command.metafile.inputs), ...Object.keys(extras.result.metafile.inputs)])) {
  const at = input.lastIndexOf('node_modules/');
  // Stubs (`kyso-core:…`) stand for a package the other script carries.
  if (at < 0 || input.includes(':')) continue;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  const dir = join(root, input.slice(0, at), 'node_modules', name);
  if (packages.has(dir)) continue;
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  packages.set(dir, {
    name: manifest.name,
    version: manifest.version,
    license: typeof manifest.license === 'string' ? manifest.license : 'see text',
    text: licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() : `(no licence file in the package; package.json says ${manifest.license})`,
  });
}
const sections = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(
  join(outdir, 'THIRD-PARTY-LICENSES.txt'),
  `The files in this folder are kyso's command-line program bundled with these packages from npm:\n\n${sections
    .map((p) => `${'='.repeat(72)}\n${p.name} ${p.version} (${p.license})\n${'='.repeat(72)}\n${p.text}\n`)
    .join('\n')}`,
);
if (!existsSync(`${bundleFile}.cache`) || !existsSync(`${extrasFile}.cache`) || !existsSync(join(outdir, 'worker.js'))) throw new Error('bundle incomplete');
