// Bundles the `kyso` command and its worker thread into dist/bundle/ (run after tsc, by
// `npm run build`). Measured on the 2-core machine: loading ~100 ES modules plus the
// CommonJS ones through Node's CJS-in-ESM translator cost ~150 ms before any work;
// one file with split chunks for the rarely used parts (formats, reports, metrics) starts
// `kyso --version` at ~1.4× `node -e 0` instead of ~2.5×. The library entry points
// (dist/index.js, dist/node.js …) stay unbundled for consumers' own bundlers.
//
// Packages carried inside the bundle keep their licence texts beside it
// (dist/bundle/THIRD-PARTY-LICENSES.txt). BullMQ/ioredis (only `kyso queue`, loaded on
// demand) and tinypool (its worker entry is a file found beside its own module) stay
// ordinary imports of node_modules.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'dist/cli/main.js', worker: 'dist/node/worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['tinypool', 'bullmq', 'ioredis'],
  // CommonJS packages inside an ES module bundle still call require() for Node built-ins.
  banner: { js: "import { createRequire as __kysoCreateRequire } from 'node:module';\nconst require = __kysoCreateRequire(import.meta.url);" },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// One licence text per bundled package, found from the package.json above each input.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) continue;
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
if (!existsSync(join(outdir, 'main.js')) || !existsSync(join(outdir, 'worker.js'))) throw new Error('bundle incomplete');
