/**
 * The package as a user gets it: `npm pack` on a copy of the repository (prepack builds
 * dist/ there), then the tarball's contents, publint and arethetypeswrong, a consumer
 * project compiled against it under moduleResolution node16 and bundler with
 * skipLibCheck false, and the README's library and DMS examples extracted and run as written.
 * Everything runs offline: the consumer's dependencies are links into node_modules.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, SAMPLES } from '../helpers.js';

const run = promisify(execFile);
const BIN = join(REPO, 'node_modules', '.bin');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

let work: string;
let tarball: string;
let packed: { path: string }[];
let consumer: string;
/** kyso's runtime dependencies (and theirs), as `npm install kyso` puts them beside it. */
let runtime: string[];
/** What tsc printed for the consumer under each configuration ('' when it compiled cleanly). */
const compiled = { node16: '', bundler: '' };

async function tsc(config: string): Promise<string> {
  const result = await run(process.execPath, [TSC, '-p', config], { cwd: consumer }).catch((error: { stdout: string }) => ({ stdout: error.stdout || String(error) }));
  return result.stdout;
}

/** The copy of the repository that is packed: what `files` may pick from, plus what the build needs. */
const STAGED = ['package.json', 'README.md', 'LICENSE', 'NOTICE', 'bin', 'certs', 'src', 'scripts', 'tsconfig.json', 'tsconfig.build.json'];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kyso-package-'));
  const stage = join(work, 'stage');
  mkdirSync(stage);
  for (const entry of STAGED) cpSync(join(REPO, entry), join(stage, entry), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(stage, 'node_modules'), 'dir');
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: stage, maxBuffer: 64 * 1024 * 1024 });
  const [result] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, result!.filename);
  packed = result!.files;

  // The consumer: the tarball unpacked as node_modules/kyso, kyso's runtime dependencies linked in.
  consumer = join(work, 'consumer');
  cpSync(join(REPO, 'test/package/consumer'), consumer, { recursive: true });
  const modules = join(consumer, 'node_modules');
  mkdirSync(join(modules, 'kyso'), { recursive: true });
  await run('tar', ['xzf', tarball, '-C', join(modules, 'kyso'), '--strip-components=1']);
  const { stdout: deps } = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO });
  const linked = (runtime = deps.split('\n').filter((path) => path.includes('node_modules')).map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)));
  for (const name of [...linked, '@types/node']) {
    if (existsSync(join(modules, name))) continue;
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', name), join(modules, name), 'dir');
  }
  // One compilation per configuration serves every test below (tsc is the slow part).
  writeFileSync(join(consumer, 'src', 'dms.ts'), readmeExample('dms'));
  writeFileSync(join(consumer, 'src', 'library.ts'), readmeExample('library'));
  [compiled.node16, compiled.bundler] = await Promise.all([tsc('tsconfig.node16.json'), tsc('tsconfig.bundler.json')]);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds only dist/, bin/, certs/, README, LICENSE, NOTICE and package.json', () => {
    const top = new Set(packed.map((file) => file.path.split('/')[0]));
    expect([...top].sort()).toEqual(['LICENSE', 'NOTICE', 'README.md', 'bin', 'certs', 'dist', 'package.json']);
    const offenders = packed.filter((file) => /(^|\/)(test|tests|fixtures|samples|real-world|shared)\//.test(file.path) || (/\.ts$/.test(file.path) && !file.path.endsWith('.d.ts')));
    expect(offenders).toEqual([]);
  });

  it('carries no install script: the tarball holds dist/ already', () => {
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules/kyso/package.json'), 'utf8')) as { scripts?: Record<string, string> };
    const lifecycle = Object.keys(manifest.scripts ?? {}).filter((name) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(name));
    expect(lifecycle).toEqual([]);
    // The repository keeps `prepare`, so `npm install` on a clone builds dist/ for `npx kyso`.
    expect((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['prepare']).toBe('npm run build');
  });

  it('its runtime dependencies run no install script either (BullMQ, whose msgpackr builds a native add-on, is an optional peer)', () => {
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules/kyso/package.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    expect(Object.keys(manifest['dependencies'] ?? {})).not.toContain('bullmq');
    expect(Object.keys(manifest['dependencies'] ?? {})).not.toContain('ioredis');
    expect(manifest['peerDependenciesMeta']).toEqual({ bullmq: { optional: true }, ioredis: { optional: true } });
    const scripted = runtime.filter((name) => {
      const dependency = JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; gypfile?: boolean };
      return dependency.gypfile === true || ['preinstall', 'install', 'postinstall'].some((script) => dependency.scripts?.[script] !== undefined);
    });
    expect(runtime.length).toBeGreaterThan(5);
    expect(scripted).toEqual([]);
  });

  it('without BullMQ and ioredis, kyso/queue and `kyso queue` say what to install', async () => {
    expect(existsSync(join(consumer, 'node_modules/bullmq'))).toBe(false);
    const script = "const q = await import('kyso/queue'); await q.queueStatus({ redis: 'redis://127.0.0.1:9' }).catch((e) => console.log(e.code, e.message));";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    expect(stdout.trim()).toBe('ERR_KYSO_MISSING_DEPENDENCY kyso/queue needs its optional peer dependencies BullMQ and ioredis: npm install bullmq@^6.7.6 ioredis@^5.11.1');
    const cli = await run(process.execPath, ['node_modules/kyso/bin/kyso.js', 'queue', 'status', '--redis', 'redis://127.0.0.1:9'], { cwd: consumer }).catch((error: { code: number; stderr: string }) => error);
    expect(cli).toMatchObject({ code: 3, stderr: 'kyso: kyso/queue needs its optional peer dependencies BullMQ and ioredis: npm install bullmq@^6.7.6 ioredis@^5.11.1\n' });
  });

  it('has source maps that resolve: every map inlines the sources it names', () => {
    const dist = join(consumer, 'node_modules/kyso/dist');
    const maps = packed.filter((file) => file.path.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(50);
    const broken = maps.filter((file) => {
      const map = JSON.parse(readFileSync(join(consumer, 'node_modules/kyso', file.path), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      return map.sourcesContent?.length !== map.sources.length || map.sourcesContent.some((text) => typeof text !== 'string' || text.length === 0);
    });
    expect(broken.map((file) => file.path)).toEqual([]);
    expect(readdirSync(dist)).toContain('index.js');
  });

  it('its declarations speak to a reader: no pointers to notes outside the package, no issue numbers', () => {
    const offenders = packed
      .filter((file) => file.path.endsWith('.d.ts'))
      .flatMap((file) => {
        const text = readFileSync(join(consumer, 'node_modules/kyso', file.path), 'utf8');
        return [...text.matchAll(/design\.md|domain\.md|issue[- ]\d+/g)].map((m) => `${file.path}: ${m[0]}`);
      });
    expect(offenders).toEqual([]);
  });

  it('NOTICE names every bundled certificate', () => {
    const notice = readFileSync(join(REPO, 'NOTICE'), 'utf8');
    const index = JSON.parse(readFileSync(join(REPO, 'certs/index.json'), 'utf8')) as { file: string; sha256: string }[];
    const missing = index.filter((entry) => !notice.includes(`certs/${entry.file}`) || !notice.includes(entry.sha256));
    expect(missing).toEqual([]);
  });

  it('publint finds nothing, not even a suggestion', async () => {
    const { stdout } = await run(join(BIN, 'publint'), ['run', tarball, '--strict', '--level', 'suggestion']);
    expect(stdout).toContain('All good!');
  });

  it('arethetypeswrong finds no problem for ESM consumers (node16, bundler)', async () => {
    // esm-only: kyso ships no CommonJS build (README, "CommonJS"); node10 resolution and require() are out of scope.
    // attw exits non-zero on any problem the profile counts, which rejects here.
    const { stdout } = await run(join(BIN, 'attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-color']);
    for (const entry of ['"kyso"', '"kyso/node"', '"kyso/errors"', '"kyso/browser"', '"kyso/queue"', '"kyso/metrics"']) {
      const row = stdout.split('\n').find((line) => line.includes(`${entry} `));
      // node16 from ESM, then bundler: both green; the CommonJS columns are marked (ignored).
      expect(row, entry).toMatch(/🟢 \(ESM\)\s*│\s*🟢\s*│/);
    }
  });
});

describe('a consumer project compiled against the tarball (skipLibCheck: false)', () => {
  it('compiles under moduleResolution node16, using typed details of every format and the JSONL line type', () => {
    expect(compiled.node16).toBe('');
  });

  it('compiles under moduleResolution bundler', () => {
    expect(compiled.bundler).toBe('');
  });

  it('a misspelled message code does not compile (the @ts-expect-error in typed.ts is needed)', () => {
    expect(readFileSync(join(consumer, 'src/typed.ts'), 'utf8')).toMatch(/@ts-expect-error[^\n]*\n\s*case 'CMS_DIGEST_MISMACH'/);
    // An unused @ts-expect-error is itself an error, so the clean compilations above prove the misspelling was refused.
    expect(compiled.node16).not.toContain('TS2578');
  });

  it('runs: each format narrows to its details, and CommonJS reaches kyso through import()', async () => {
    const { stdout } = await run(process.execPath, ['out/typed.js', SAMPLES], { cwd: consumer });
    expect(stdout.trim().split('\n')).toEqual([
      'pdf/person-then-organization.pdf: TOTAL_PASSED | pdf revisions=3 empty= | pdf field=SigPerson page=0 revision=2/3 reason=Ky duyet level=B-B ; pdf field=SigOrganization page=0 revision=3/3 reason=Dong dau level=B-B',
      'cms/rsa-sha256.txt.p7s: TOTAL_PASSED | cms detached=true | cms detached=true',
      'xml/xades-baseline-b.xml: TOTAL_PASSED | xml root=VanBan | xml references=2 c14n=http://www.w3.org/2001/10/xml-exc-c14n#',
      'edxml/signed.edxml: TOTAL_PASSED | edxml subject=V/v thử nghiệm chữ ký số trên văn bản điện tử signed=true package=valid | edxml package=valid',
      'tampered: ✘ tampered: FAILED (TOTAL_FAILED/HASH_FAILURE) — detached CMS signature | changed=true | true',
      'jsonl: {"documents":1,"errors":1,"failed":0}',
      'options error: ERR_KYSO_INVALID_OPTIONS',
    ]);
    const cjs = await run(process.execPath, ['out/legacy.cjs', SAMPLES], { cwd: consumer });
    expect(cjs.stdout.trim()).toBe('cjs: TOTAL_PASSED');
  });
});

/** The first ```ts block after `<!-- example: NAME -->` in the README. */
function readmeExample(name: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`<!-- example: ${name} -->`);
  if (start < 0) throw new Error(`README has no example ${name}`);
  const block = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(start));
  if (!block) throw new Error(`README example ${name} has no ts block`);
  return block[1]!;
}

describe('the README examples run as written', () => {
  it('"Library": verifies hop-dong.pdf with the bundled store and prints the summary in Vietnamese', async () => {
    expect(readFileSync(join(consumer, 'src/library.ts'), 'utf8')).toBe(readmeExample('library'));
    expect(compiled.node16).toBe('');
    cpSync(join(SAMPLES, 'pdf/person-then-organization.pdf'), join(consumer, 'hop-dong.pdf'));
    const { stdout } = await run(process.execPath, ['out/library.js'], { cwd: consumer });
    // Signed under kyso's test PKI, which the bundled (real Vietnamese) store does not trust.
    expect(stdout.split('\n')[0]).toBe('? hop-dong.pdf: CHƯA XÁC ĐỊNH (INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND) — PDF');
  });

  it('"Use it in your DMS": an upload handler verifies a Buffer with the bundled store, stores the JSON, answers with the summary', async () => {
    expect(readFileSync(join(consumer, 'src/dms.ts'), 'utf8')).toBe(readmeExample('dms'));
    expect(compiled.node16).toBe('');

    const server = spawn(process.execPath, ['out/dms.js'], { cwd: consumer, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        server.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /listening on (http:\S+)/.exec(seen);
          if (match) resolve(match[1]!);
        });
        server.on('exit', (code) => reject(new Error(`the example exited with ${code}: ${seen}`)));
      });
      const body = readFileSync(join(SAMPLES, 'pdf/person-then-organization.pdf'));
      const response = await fetch(`${url}/upload?name=h%E1%BB%A3p-%C4%91%E1%BB%93ng.pdf`, { method: 'POST', body });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { indication: string; summary: string; stored: string };
      // Signed under kyso's test PKI, which the bundled (real Vietnamese) store does not trust.
      expect(answer.indication).toBe('INDETERMINATE');
      expect(answer.summary.split('\n')[0]).toBe('? hợp-đồng.pdf: CHƯA XÁC ĐỊNH (INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND) — PDF');
      const stored = JSON.parse(readFileSync(join(consumer, answer.stored), 'utf8')) as { indication: string; size: number };
      expect(stored).toMatchObject({ indication: 'INDETERMINATE', size: body.length });
    } finally {
      server.kill();
    }
  });
});
