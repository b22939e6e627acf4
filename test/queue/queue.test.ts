/**
 * kyso queue end to end: a real redis-server, several worker processes, one of them
 * killed mid-run and restarted, one document that kills whichever worker meets it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { documentKey, fileReader, queueStatus } from '../../src/queue/index.js';
import type { QueueStatus, ShardLine } from '../../src/queue/index.js';
import { REPO, SAMPLES } from '../helpers.js';
import type { RedisServer } from './redis-server.js';
import { startRedis } from './redis-server.js';

const AT = '2026-06-01T00:00:00Z';
const QUEUE = 'audit';
const WORKERS = 3;

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function jsonl<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

/** The report without what the run adds around it. */
function bare(line: Record<string, unknown>): Record<string, unknown> {
  const { kyso: _k, validationTime: _v, path: _p, queue: _q, ...report } = line;
  return report;
}

let redis: RedisServer | undefined;
let work: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  redis = await startRedis();
  work = mkdtempSync(join(tmpdir(), 'kyso-queue-'));
  for (const folder of ['cms', 'pdf', 'xml', 'edxml']) cpSync(join(SAMPLES, folder), join(work, 'corpus', folder), { recursive: true });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await redis?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kyso queue on a real redis-server', () => {
  it('every document is reported exactly once across killed and restarted workers; a worker-crashing document is dead-lettered and the run finishes; shard metrics merge to the single-process counts', async () => {
    const corpus = join(work, 'corpus');
    const out = join(work, 'out');
    const crashPath = join(corpus, 'xml', 'organization.xml');
    const opened = await fileReader.open(crashPath);
    const crashKey = await documentKey(opened);
    await opened.close();

    // The reference: one process over the same corpus.
    const single = await run('verify', '--format', 'jsonl', '--trust', `${SAMPLES}pki`, '--at', AT, corpus);
    const reference = new Map(jsonl<Record<string, unknown> & { path: string; record?: string }>(single.stdout).filter((line) => line.record !== 'summary').map((line) => [line.path, line]));
    // The sample folders' documents, as kyso verify walks them (a detached pair is one).
    const documents = reference.size;
    expect(documents).toBeGreaterThan(20);

    const submitted = await run('queue', 'submit', '--redis', redis!.url, '--queue', QUEUE, '--trust', `${SAMPLES}pki`, '--at', AT, corpus);
    expect(submitted.stderr).toBe('');
    expect(JSON.parse(submitted.stdout)).toMatchObject({ submitted: documents, validationTime: '2026-06-01T00:00:00.000Z' });

    // The test is the workers' supervisor: a worker that dies is started again, as systemd would.
    const exits: { slot: number; code: number | null; signal: string | null }[] = [];
    const current: ChildProcess[] = [];
    let finished = 0;
    let allDone: () => void = () => undefined;
    let broken: (error: Error) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      allDone = resolve;
      broken = reject;
    });
    const startWorker = (slot: number) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/queue/kyso-cli.ts', 'queue', 'work', '--redis', redis!.url, '--queue', QUEUE, '--out', out, '--lock-ms', '3000', '--until-drained'], {
        cwd: REPO,
        env: { ...process.env, KYSO_QUEUE_TEST_CRASH_KEY: crashKey, KYSO_QUEUE_TEST_DELAY_MS: '100' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.add(child);
      current[slot] = child;
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (code, signal) => {
        children.delete(child);
        exits.push({ slot, code, signal });
        if (code === 0) {
          if (++finished === WORKERS) allDone();
        } else if (signal === 'SIGKILL') {
          startWorker(slot);
        } else {
          broken(new Error(`worker ${slot} exited with ${code}: ${stderr}`));
        }
      });
    };
    for (let slot = 0; slot < WORKERS; slot++) startWorker(slot);

    // Kill one worker outright once the run is under way, while documents are still pending.
    let atKill: QueueStatus | undefined;
    for (let i = 0; i < 600 && !atKill; i++) {
      const status = await queueStatus({ redis: redis!.url, queue: QUEUE });
      if (status.done >= 8) {
        current[0]!.kill('SIGKILL');
        atKill = status;
      } else {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(atKill?.pending).toBeGreaterThan(10);
    await done;

    // The crash document killed a worker on each of its deliveries (two, or one if our kill hit it first).
    const kills = exits.filter((e) => e.signal === 'SIGKILL').length;
    expect(kills).toBeGreaterThanOrEqual(2);

    const status = await queueStatus({ redis: redis!.url, queue: QUEUE });
    expect(status).toMatchObject({ done: documents - 1, failed: 1, pending: 0, aliases: 0, etaSeconds: 0 });
    expect(status.shards).toMatchObject({ live: 0, awaitingRepair: 0 });
    expect(status.shards.sealed).toBe(WORKERS + kills);
    expect(status.deadLetters).toMatchObject([{ ref: crashPath, cause: 'worker-lost', reason: 'job stalled more than allowable limit' }]);

    const text = await run('queue', 'status', '--redis', redis!.url, '--queue', QUEUE, '--lang', 'vi');
    expect(text.stdout).toContain(`Hàng đợi audit: ${documents - 1} đã xong, 1 thất bại, 0 đang chờ`);
    expect(text.stdout).toContain(`${crashPath} — tiến trình xác minh dừng đột ngột ở mọi lần giao việc`);

    // Exactly one report per document, equal to the single-process report.
    const shardFiles = readdirSync(out).filter((f) => f.endsWith('.jsonl'));
    const lines = shardFiles.flatMap((f) => jsonl<ShardLine>(readFileSync(join(out, f), 'utf8')));
    expect(lines.length).toBe(documents - 1);
    expect(new Set(lines.map((l) => l.queue.key)).size).toBe(documents - 1);
    expect(new Set(lines.map((l) => l.path))).toEqual(new Set([...reference.keys()].filter((p) => p !== crashPath)));
    for (const line of lines) {
      expect(line.validationTime).toBe('2026-06-01T00:00:00.000Z');
      expect(bare(line as unknown as Record<string, unknown>), line.path).toEqual(bare(reference.get(line.path)!));
    }

    // `kyso metrics merge` over the shards gives what `kyso metrics` gives over a
    // single-process run of the same corpus (without the dead-lettered document), in
    // every grouping. A shard cannot see the packages of other shards, so shard metrics
    // count a package's extracted attachment (pdf/person-then-organization.pdf is
    // edxml/signed.edxml's) apart: --count-extracted-copies asks kyso metrics the same.
    const singleJsonl = join(work, 'single.jsonl');
    writeFileSync(singleJsonl, single.stdout.split('\n').filter((line) => line.length > 0 && (JSON.parse(line) as { path?: string }).path !== crashPath).join('\n'));
    for (const by of ['province', 'agency,province,month', 'year', '']) {
      const whole = await run('metrics', '--by', by, '--format', 'json', '--count-extracted-copies', singleJsonl);
      const merged = await run('metrics', 'merge', '--by', by, '--format', 'json', out);
      expect(merged.stderr).toBe('');
      expect(JSON.parse(merged.stdout), `--by ${by}`).toEqual(JSON.parse(whole.stdout));
    }
    const csv = await run('metrics', 'merge', '--format', 'csv', out);
    expect(csv.stdout).toBe((await run('metrics', '--format', 'csv', '--count-extracted-copies', singleJsonl)).stdout);
    expect(JSON.parse((await run('metrics', 'merge', '--by', '', '--format', 'json', out)).stdout)).toMatchObject({ total: { documents: documents - 1 } });
  }, 240_000);
});
