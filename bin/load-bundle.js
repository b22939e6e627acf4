// Loads the command's bundle, dist/bundle/kyso.script.js, with the V8 code cache made when
// it was built (scripts/bundle-cli.mjs): a run starts from bytecode instead of parsing and
// compiling the bundle. The cache begins with the build id of the bundle it was made
// from; another bundle's cache is not offered, and one V8 rejects (another Node version,
// other V8 flags) is ignored: the bundle then compiles from source as usual. Nothing is
// written here; the training run in scripts/train-cli-cache.mjs uses this same loader, so
// the compiled source is byte for byte the one the cache was made for.
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
export const BUNDLE_PARAMETERS = 'exports, require, module, __filename, __dirname, __kysoImport';

/**
 * Runs the bundle and returns its exports. `importModule` is the caller's own import():
 * code compiled by vm.Script cannot call import() without an experimental loader option,
 * so the bundle's few imports of packages (tinypool, BullMQ, ioredis) go through it.
 */
export function loadBundle(importModule, file = fileURLToPath(new URL('../dist/bundle/kyso.script.js', import.meta.url)), cacheFile = `${file}.cache`) {
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
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), importModule);
  return { exports: module.exports, script, cacheRejected: cachedData === undefined || script.cachedDataRejected === true };
}
