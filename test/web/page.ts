/**
 * Harness for the web page tests: builds web/ with Vite into a temporary folder, serves it
 * from a loopback server this process starts, and drives Debian's chromium through
 * playwright-core with a fresh, empty profile. Every request the browser makes is logged.
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { REPO } from '../helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ABSENT_REASON = `the web page tests drive Debian's chromium at ${CHROMIUM} (installed by .ci/run), and it is absent`;
/** Screenshots of each test, kept as artifacts (gitignored). */
export const ARTIFACTS = join(REPO, 'test/web/artifacts');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface Site {
  readonly url: string;
  readonly dir: string;
  /** Paths the server answered, in order. */
  readonly served: string[];
  close(): Promise<void>;
}

/** Builds the page as `npm run web:build` does, into a fresh temporary folder. */
export async function buildSite(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kyso-web-'));
  await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  return dir;
}

/** A static file server on 127.0.0.1 with an ephemeral port, for the built folder only. */
export async function serve(dir: string): Promise<Site> {
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    served.push(path);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    dir,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The browser keeps connections alive; a closed site must answer nothing at all.
        server.closeAllConnections();
      }),
  };
}

export interface Browser {
  readonly context: BrowserContext;
  /** Every URL any page or worker of the context requested. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kyso-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return {
    context,
    requests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
