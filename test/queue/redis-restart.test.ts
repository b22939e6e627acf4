/**
 * The README's claim for an audit of record: with AOF and appendfsync always, a Redis
 * that dies mid-run and comes back loses no document and reports none twice, and the
 * workers carry on by themselves.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles, isDocumentFile } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { freezeOptions, queueStatus, runWorker, submit } from '../../src/queue/index.js';
import type { ShardLine } from '../../src/queue/index.js';
import { AT, SAMPLES } from '../helpers.js';
import type { RedisServer } from './redis-server.js';
import { startRedis } from './redis-server.js';

let redis: RedisServer | undefined;
const work = mkdtempSync(join(tmpdir(), 'kyso-queue-restart-'));

afterAll(async () => {
  delete process.env['KYSO_QUEUE_TEST_DELAY_MS'];
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('kyso queue when Redis restarts', () => {
  it('Redis killed mid-run and restarted (AOF, appendfsync always): the worker waits, then every document has exactly one report', async () => {
    redis = await startRedis({ aof: true });
    for (const folder of ['cms', 'xml']) cpSync(join(SAMPLES, folder), join(work, 'corpus', folder), { recursive: true });
    const documents: string[] = [];
    for (const file of await collectFiles([join(work, 'corpus')])) if (await isDocumentFile(file)) documents.push(file);
    expect(documents.length).toBeGreaterThan(20);
    const connection = { redis: redis.url, queue: 'restart' };
    const trust = (await TrustStore.bundled()).merge(TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8')));
    await submit(documents, { ...connection, options: await freezeOptions({ kyso: '0.0.0-test', at: AT, trust }) });

    process.env['KYSO_QUEUE_TEST_DELAY_MS'] = '50';
    const out = join(work, 'out');
    const running = runWorker({ ...connection, out, kyso: '0.0.0-test', shard: 'w', lockMs: 2000, untilDrained: true, fsync: false });
    let status = await queueStatus(connection);
    for (let i = 0; i < 600 && status.done < 8; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await queueStatus(connection);
    }
    expect(status.pending).toBeGreaterThan(10);
    await redis.kill();
    await new Promise((r) => setTimeout(r, 1500));
    await redis.restart();
    const summary = await running;
    delete process.env['KYSO_QUEUE_TEST_DELAY_MS'];

    const lines = readdirSync(out)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ShardLine));
    expect(lines.length).toBe(documents.length);
    expect(new Set(lines.map((l) => l.queue.key)).size).toBe(documents.length);
    expect(new Set(lines.map((l) => l.path))).toEqual(new Set(documents));
    expect(summary.written).toBe(documents.length);
    expect(await queueStatus(connection)).toMatchObject({ done: documents.length, failed: 0, pending: 0, aliases: 0 });
  }, 120_000);
});
