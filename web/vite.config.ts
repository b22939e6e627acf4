/**
 * The verification page: a static folder (web/dist) anyone can host, with relative URLs so
 * it works from any path and from a file server with no configuration.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { serviceWorkerSource } from './offline.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Writes sw.js (web/offline.ts) beside the built page, listing every file of the build
 * and named after their contents, so that the page works offline once loaded, reloads
 * included, and a new build replaces the old cache.
 */
function offlineCache(): Plugin {
  return {
    name: 'kyso-offline-cache',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => name !== 'sw.js')
        .sort();
      const hash = createHash('sha256');
      for (const name of files) {
        const item = bundle[name]!;
        hash.update(`${name}\0`);
        hash.update(item.type === 'chunk' ? item.code : item.source);
      }
      const source = serviceWorkerSource(hash.digest('hex').slice(0, 16), files.map((name) => `./${name}`));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  define: { __KYSO_VERSION__: JSON.stringify(pkg.version) },
  plugins: [offlineCache()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be inline script; every browser that runs workers as modules has modulepreload.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  // One worker file: the core loads each format's parser on first use, and a page that
  // must keep working offline once loaded cannot fetch a parser chunk later.
  worker: { format: 'es', rolldownOptions: { output: { codeSplitting: false } } },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
