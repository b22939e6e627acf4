// Loads the command's bundle, dist/bundle/kyso.script.js, with the V8 code cache made when
// it was built (scripts/bundle-cli.mjs): a run starts from bytecode instead of parsing and
// compiling the bundle. The cache begins with the build id of the bundle it was made
// from; another bundle's cache is not offered, and one V8 rejects (another Node version,
// other V8 flags) is ignored: the bundle then compiles from source as usual. Nothing is
// written here; the training run in scripts/train-cli-cache.mjs uses this same loader, so
// the compiled source is byte for byte the one the cache was made for.
//
// The command is two scripts. kyso.script.js holds what verifying a PDF or a CMS file runs;
// kyso-extras.script.js the XML formats, ZIP, metrics and queue, and is read and compiled
// (from its own cache) only when one of them is first needed: every run otherwise paid for
// reading, decoding and compiling them (half the bundle). The extras take the modules they
// share with the core from the core itself (__kysoCore), so there is one instance of each:
// one KysoError class, one certificate cache.
//
// Node's built-in modules come from process.getBuiltinModule, not `import … from 'node:fs'`:
// an import makes the ES module loader build a facade of the module, reading every export,
// and fs's ReadStream getter alone loads Node's whole streams implementation (measured 8 ms
// of a small PDF's run on a slow machine).
const { readFileSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const { dirname } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const { Script } = process.getBuiltinModule('node:vm');

export const BUILD_ID_MARK = '// kyso build ';
export const BUILD_ID_LENGTH = 64;
/** The parameters of the function expression the bundle file is (after its build id line). */
export const BUNDLE_PARAMETERS = 'exports, require, module, __filename, __dirname, __kysoImport, __kysoCore, __kysoExtras';

/** The two scripts' files beside each other; a caller (the cache's training run) may name other cache files. */
function bundleFiles(options) {
  const file = options.file ?? fileURLToPath(new URL('../dist/bundle/kyso.script.js', import.meta.url));
  const extrasFile = options.extrasFile ?? `${dirname(file)}/kyso-extras.script.js`;
  return { file, cacheFile: options.cacheFile ?? `${file}.cache`, extrasFile, extrasCacheFile: options.extrasCacheFile ?? `${extrasFile}.cache` };
}

/** One script compiled, from its code cache when the cache was made for this very source. */
function compile(file, cacheFile) {
  // ASCII (scripts/bundle-cli.mjs): Latin-1 is the same text, without UTF-8 decoding.
  const source = readFileSync(file, 'latin1');
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    const buildId = source.startsWith(BUILD_ID_MARK) ? source.slice(BUILD_ID_MARK.length, BUILD_ID_MARK.length + BUILD_ID_LENGTH) : undefined;
    if (buildId !== undefined && cache.length > BUILD_ID_LENGTH && cache.toString('latin1', 0, BUILD_ID_LENGTH) === buildId) cachedData = cache.subarray(BUILD_ID_LENGTH);
  } catch {
    // No cache: compiled from source.
  }
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  return { script, cacheRejected: cachedData === undefined || script.cachedDataRejected === true };
}

/**
 * Runs the bundle and returns its exports. `importModule` is the caller's own import():
 * code compiled by vm.Script cannot call import() without an experimental loader option,
 * so the bundle's few imports of packages (tinypool, BullMQ, ioredis) go through it.
 * `extras()` gives the extras script once something has loaded it (undefined before).
 */
export function loadBundle(importModule, options = {}) {
  const { file, cacheFile, extrasFile, extrasCacheFile } = bundleFiles(options);
  const core = compile(file, cacheFile);
  const module = { exports: {} };
  let extras;
  // A module of the core by its path, evaluated on first use as an import would evaluate it.
  const coreModule = (key) => {
    const load = module.exports.__kysoModules?.[key];
    if (load === undefined) throw new Error(`kyso bundle: the extras need ${key}, which the core does not hold (rebuild with scripts/bundle-cli.mjs)`);
    return load();
  };
  const extrasModule = (key) => {
    if (extras === undefined) {
      const compiled = compile(extrasFile, extrasCacheFile);
      const extrasExports = { exports: {} };
      compiled.script.runInThisContext()(extrasExports.exports, createRequire(extrasFile), extrasExports, extrasFile, dirname(extrasFile), importModule, coreModule, extrasModule);
      extras = { ...compiled, exports: extrasExports.exports };
    }
    const load = extras.exports.__kysoModules?.[key];
    if (load === undefined) throw new Error(`kyso bundle: ${key} is not in the extras script (rebuild with scripts/bundle-cli.mjs)`);
    return load();
  };
  core.script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), importModule, coreModule, extrasModule);
  return { exports: module.exports, script: core.script, cacheRejected: core.cacheRejected, extras: () => extras };
}
