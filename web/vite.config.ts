/**
 * The verification page: a static folder (web/dist) anyone can host, with relative URLs so
 * it works from any path and from a file server with no configuration.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root,
  base: './',
  define: { __KYSO_VERSION__: JSON.stringify(pkg.version) },
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
