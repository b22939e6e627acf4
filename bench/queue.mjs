// `npm run bench:queue`: throughput of `kyso queue` with 1 and 2 worker processes on this
// machine, against kyso verifying the same documents in one process without a queue, and the
// queue's overhead per document. Writes its own section of bench/RESULTS.md (between the
// queue markers; the rest of the file is left as it is). Nothing here is asserted by tests.
//
// The corpus is QUEUE_BENCH_DOCS (default 600) distinct one-signature PDFs made by pdfsig
// (`-reason` differs per file, so every file has other bytes: the queue keys results by
// document SHA-256, and identical copies would be counted once, not verified again).
// Redis runs as the README's operations notes advise: AOF on, appendfsync everysec.
// QUEUE_BENCH_ROUNDS (default 3) rounds, medians; CPU time per document from GNU time (the
// machine is shared, so wall-clock rates move with other people's load).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AT, CORPUS, REPO, SAMPLES, nssDatabase } from './corpus.mjs';

const DOCS = Number(process.env.QUEUE_BENCH_DOCS ?? 600);
const ROUNDS = Number(process.env.QUEUE_BENCH_ROUNDS ?? 3);
const KYSO = join(REPO, 'bin/kyso.js');
const ROOT = join(SAMPLES, 'pki/kyso-test-root.pem');
const START = '<!-- bench/queue.mjs: start -->';
const END = '<!-- bench/queue.mjs: end -->';

function distinctPdfs(count) {
  const out = join(CORPUS, `queue-${count}`);
  if (existsSync(out)) return out;
  const partial = `${out}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const nss = nssDatabase();
  for (let i = 0; i < count; i++) {
    const name = `${String(i).padStart(5, '0')}.pdf`;
    execFileSync('faketime', ['-f', '2025-03-01 09:00:00', 'pdfsig', '-nssdir', `sql:${nss}`, '-nick', 'person', '-digest', 'SHA256', '-reason', `Văn bản số ${i}`, '-sign', 'SigPerson', join(SAMPLES, 'pdf/unsigned-fields.pdf'), join(partial, name)], { stdio: 'ignore' });
  }
  renameSync(partial, out);
  return out;
}

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(dir) {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--loglevel', 'warning'], { stdio: 'ignore' });
  const { Redis } = await import('ioredis');
  for (let i = 0; ; i++) {
    const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      break;
    } catch (error) {
      client.disconnect();
      if (i > 100) {
        child.kill('SIGTERM');
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const client = new Redis(port, '127.0.0.1');
  return { url: `redis://127.0.0.1:${port}`, client, stop: () => (client.disconnect(), child.kill('SIGTERM')) };
}

/** Exit of a worker run under GNU time: its user+system CPU seconds. */
function cpuSecondsOf(child, stderr) {
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker exited with ${code}: ${stderr.join('')}`));
      const [user, system] = stderr.join('').trim().split('\n').pop().split(' ').map(Number);
      resolve(user + system);
    }),
  );
}

function worker(args) {
  const child = spawn('/usr/bin/time', ['-f', '%U %S', process.execPath, KYSO, 'queue', 'work', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(d.toString()));
  return cpuSecondsOf(child, stderr);
}

async function redisCpu(client) {
  const info = await client.info('cpu');
  const value = (name) => Number(info.match(new RegExp(`${name}:([0-9.]+)`))?.[1] ?? 0);
  return value('used_cpu_user') + value('used_cpu_sys');
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

// `node bench/queue.mjs --library N`: the library loop over the first N documents in a fresh
// process, so that its CPU time is comparable with a fresh worker's (both pay JIT warm-up).
if (process.argv[2] === '--library') {
  const node = await import(join(REPO, 'dist/node.js'));
  const { TrustStore } = await import(join(REPO, 'dist/index.js'));
  const list = readdirSync(distinctPdfs(DOCS)).sort().slice(0, Number(process.argv[3]));
  const trust = (await TrustStore.bundled()).merge(TrustStore.from(readFileSync(ROOT, 'utf8')));
  for (const name of list) await node.verifyFile(join(CORPUS, `queue-${DOCS}`, name), { trust, at: new Date(AT) });
  process.exit(0);
}

/** CPU seconds (user+system) of the library loop over `count` documents in a fresh process. */
function libraryProcess(count) {
  const child = spawn('/usr/bin/time', ['-f', '%U %S', process.execPath, fileURLToPath(import.meta.url), '--library', String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(d.toString()));
  return cpuSecondsOf(child, stderr);
}

execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
const queueApi = await import(join(REPO, 'dist/queue/index.js'));
const node = await import(join(REPO, 'dist/node.js'));
const { TrustStore } = await import(join(REPO, 'dist/index.js'));
const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;

const folder = distinctPdfs(DOCS);
const files = readdirSync(folder).sort().map((f) => join(folder, f));
const trust = (await TrustStore.bundled()).merge(TrustStore.from(readFileSync(ROOT, 'utf8')));
const at = new Date(AT);
const options = await queueApi.freezeOptions({ kyso: version, at, trust });

/** Without a queue: the library, one document after another on one thread, warm. */
async function library() {
  const verdicts = {};
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const file of files) {
    const report = await node.verifyFile(file, { trust, at });
    verdicts[report.indication] = (verdicts[report.indication] ?? 0) + 1;
  }
  const used = process.cpuUsage(cpu);
  return { perSecond: files.length / (Number(process.hrtime.bigint() - start) / 1e9), cpuMs: (used.user + used.system) / 1000 / files.length, verdicts };
}

const CONFIGS = [
  { workers: 1, fsync: true, concurrency: 1 },
  { workers: 2, fsync: true, concurrency: 1 },
  { workers: 2, fsync: true, concurrency: 2 },
  { workers: 1, fsync: false, concurrency: 1 },
  { workers: 2, fsync: false, concurrency: 1 },
];

const work = mkdtempSync(join(tmpdir(), 'kyso-queue-bench-'));
const redis = await startRedis(work);
const samples = new Map(CONFIGS.map((c) => [c, []]));
const librarySamples = [];
const coldLibraryCpu = [];
let startupCpu = [];
let verdicts = {};
try {
  for (const file of files.slice(0, 20)) await node.verifyFile(file, { trust, at });
  for (let round = 0; round < ROUNDS; round++) {
    const lib = await library();
    librarySamples.push(lib);
    verdicts = lib.verdicts;
    coldLibraryCpu.push((((await libraryProcess(files.length)) - (await libraryProcess(0))) * 1000) / files.length);
    // A worker that finds nothing to do: the start-up and shutdown CPU every run pays once.
    await redis.client.flushall();
    startupCpu.push(await worker(['--redis', redis.url, '--queue', 'empty', '--out', join(work, 'empty'), '--until-drained']));
    for (const config of CONFIGS) {
      const { workers, fsync, concurrency } = config;
      await redis.client.flushall();
      const queue = `bench${workers}${fsync ? 'f' : 'n'}${concurrency}r${round}`;
      let start = process.hrtime.bigint();
      await queueApi.submit(files, { redis: redis.url, queue, options });
      const submitMs = Number(process.hrtime.bigint() - start) / 1e6;
      const out = join(work, queue);
      const redisBefore = await redisCpu(redis.client);
      start = process.hrtime.bigint();
      const cpu = await Promise.all(
        Array.from({ length: workers }, (_, i) => worker(['--redis', redis.url, '--queue', queue, '--out', out, '--shard', `w${i}`, '--until-drained', '--concurrency', String(concurrency), ...(fsync ? [] : ['--no-fsync'])])),
      );
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const redisSeconds = (await redisCpu(redis.client)) - redisBefore;
      const meta = await redis.client.hgetall(`kyso:${queue}:meta`);
      const done = await redis.client.hlen(`kyso:${queue}:results`);
      if (done !== files.length) throw new Error(`${done} of ${files.length} documents reported`);
      // Steady state: first to last commit, without process start-up and the drain check.
      const perSecond = ((done - 1) * 1000) / (Number(meta.lastDoneAt) - Number(meta.firstDoneAt));
      const workerCpuMs = ((cpu.reduce((a, b) => a + b, 0) - workers * median(startupCpu)) * 1000) / done;
      samples.get(config).push({ submitMs, wallMs, perSecond, workerCpuMs, redisCpuMs: (redisSeconds * 1000) / done });
      console.log(config, samples.get(config).at(-1));
    }
  }
} finally {
  redis.stop();
  rmSync(work, { recursive: true, force: true });
}

const lib = { perSecond: median(librarySamples.map((s) => s.perSecond)), cpuMs: median(librarySamples.map((s) => s.cpuMs)), coldCpuMs: median(coldLibraryCpu) };
const rows = CONFIGS.map((config) => {
  const list = samples.get(config);
  const pick = (key) => median(list.map((s) => s[key]));
  return { ...config, perSecond: pick('perSecond'), wallMs: pick('wallMs'), workerCpuMs: pick('workerCpuMs'), redisCpuMs: pick('redisCpuMs'), submitMs: pick('submitMs') };
});
const one = rows[0];
const two = rows[1];
const noFsync = rows[3];
const twoNoFsync = rows[4];
const f = (n, d = 1) => n.toFixed(d);
const cpu = cpus();
const name = (r) => `queue, ${r.workers} worker process${r.workers > 1 ? 'es' : ''}${r.concurrency > 1 ? ` × --concurrency ${r.concurrency}` : ''}${r.fsync ? '' : ', --no-fsync'}`;
const section = [
  START,
  '## Queue: `kyso queue` workers on Redis (bench/queue.mjs)',
  '',
  `Written by \`npm run bench:queue\` on ${new Date().toISOString().slice(0, 10)}: ${files.length} distinct one-signature PDFs signed by pdfsig (${Object.entries(verdicts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')}), medians of ${ROUNDS} rounds; Redis ${execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).match(/v=(\S+)/)?.[1]} on loopback with AOF, appendfsync everysec.`,
  `Machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. The machine is shared with other developers: wall-clock rates move with their load; CPU time per document (the process's own user+system time, GNU time) moves much less.`,
  '',
  '| how | documents/s (steady, first to last commit) | wall time incl. start-up | worker CPU per document | redis-server CPU per document |',
  '|---|---|---|---|---|',
  `| library, one thread, no queue (verifyFile in a loop), warm | ${f(lib.perSecond)} | – | ${f(lib.cpuMs, 2)} ms | – |`,
  `| the same loop in a fresh process (JIT warm-up included, start-up not) | – | – | ${f(lib.coldCpuMs, 2)} ms | – |`,
  ...rows.map((r) => `| ${name(r)} | ${f(r.perSecond)} | ${f(r.wallMs / 1000, 1)} s | ${f(r.workerCpuMs, 2)} ms | ${f(r.redisCpuMs, 2)} ms |`),
  '',
  `- Queue overhead per document, in CPU: ${f(one.workerCpuMs - lib.coldCpuMs, 2)} ms in the worker (1 worker against the library loop, both fresh processes over the same ${files.length} documents: the SHA-256 read of the file, BullMQ's fetch/lock/complete round trips, the result commit and counters, the JSONL append, the shard's metrics) plus ${f(one.redisCpuMs, 2)} ms in redis-server. A worker process's start-up costs ${f(median(startupCpu), 2)} s of CPU once (subtracted above). A long-running worker, warm, should spend about ${f(lib.cpuMs + one.workerCpuMs - lib.coldCpuMs, 1)} ms per such document (warm verification + overhead).`,
  `- In wall time, 1 worker: ${f(1000 / one.perSecond - 1000 / lib.perSecond, 2)} ms per document over the library loop with fdatasync per report, ${f(1000 / noFsync.perSecond - 1000 / lib.perSecond, 2)} ms with --no-fsync (the difference is the disk's flush latency, not CPU).`,
  `- 2 workers against 1: ${f(two.perSecond / one.perSecond, 2)}× with fsync, ${f(twoNoFsync.perSecond / noFsync.perSecond, 2)}× without, on ${cpu.length} shared cores.`,
  `- Submitting: ${f((files.length * 1000) / one.submitMs)} documents/s from one producer (batches of 500).`,
  END,
].join('\n');

const resultsPath = join(REPO, 'bench/RESULTS.md');
const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
const before = previous.includes(START) ? previous.slice(0, previous.indexOf(START)) : `${previous.trimEnd()}\n\n`;
const after = previous.includes(END) ? previous.slice(previous.indexOf(END) + END.length) : '\n';
writeFileSync(resultsPath, `${before}${section}${after}`);
console.log(`\n${section}\n\nwritten to bench/RESULTS.md`);
