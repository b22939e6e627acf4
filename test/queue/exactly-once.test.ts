/**
 * The queue's exactly-once rules, one at a time, on a real redis-server with workers in
 * this process: resubmission, identical bytes under two paths, a dead writer's shard
 * tail, unreadable documents, and frozen options.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { KysoIoError } from '../../src/errors.js';
import { bytesSource } from '../../src/io/byte-source.js';
import { verifyFile } from '../../src/node.js';
import { fileReader, freezeOptions, optionsHash, queueStatus, runWorker, submit } from '../../src/queue/index.js';
import type { DocumentReader, ShardLine } from '../../src/queue/index.js';
import { queueKeys } from '../../src/queue/keys.js';
import { FrozenOptionsMismatch, thawOptions } from '../../src/queue/options.js';
import { repairShard } from '../../src/queue/shard.js';
import { AT, SAMPLES } from '../helpers.js';
import type { RedisServer } from './redis-server.js';
import { startRedis } from './redis-server.js';

let redis: RedisServer | undefined;
let work: string;

beforeAll(async () => {
  redis = await startRedis();
  work = mkdtempSync(join(tmpdir(), 'kyso-queue-unit-'));
});

afterAll(async () => {
  await redis?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function frozenTrust(): Promise<TrustStore> {
  return (await TrustStore.bundled()).merge(TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8')));
}

async function frozen(at = AT) {
  return freezeOptions({ kyso: '0.0.0-test', at, trust: await frozenTrust() });
}

function shardLines(out: string): ShardLine[] {
  return readdirSync(out)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(join(out, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ShardLine),
    );
}

describe('kyso queue, exactly once', () => {
  it('a corpus submitted again after it is done gets no second report; the same bytes under another path are one document (an alias)', async () => {
    const queue = 'again';
    const dir = join(work, queue);
    mkdirSync(dir);
    copyFileSync(`${SAMPLES}pdf/person-signed.pdf`, join(dir, 'a.pdf'));
    copyFileSync(`${SAMPLES}pdf/person-signed.pdf`, join(dir, 'copy-of-a.pdf'));
    copyFileSync(`${SAMPLES}xml/organization.xml`, join(dir, 'b.xml'));
    const refs = ['a.pdf', 'copy-of-a.pdf', 'b.xml'].map((n) => join(dir, n));
    const options = await frozen();
    const connection = { redis: redis!.url, queue };
    const out = join(dir, 'out');

    expect(await submit(refs, { ...connection, options })).toEqual({ submitted: 3, optionsHash: optionsHash(options) });
    const first = await runWorker({ ...connection, out, kyso: '0.0.0-test', shard: 'first', lockMs: 1000, untilDrained: true, fsync: false });
    expect(first).toEqual({ shard: 'first', written: 2, duplicates: 1 });

    await submit(refs, { ...connection, options });
    const second = await runWorker({ ...connection, out, kyso: '0.0.0-test', shard: 'second', lockMs: 1000, untilDrained: true, fsync: false });
    expect(second).toEqual({ shard: 'second', written: 0, duplicates: 3 });

    const lines = shardLines(out);
    expect(lines.map((l) => l.path).sort()).toEqual([refs[0], refs[2]]);
    expect(lines.map((l) => l.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(await queueStatus(connection)).toMatchObject({ done: 2, aliases: 1, failed: 0, pending: 0, shards: { live: 0, sealed: 2, awaitingRepair: 0 } });
  });

  it('a pluggable reader: references of another scheme (an object store, here in memory) are read through a DocumentReader and verified like files', async () => {
    const queue = 'object-store';
    const connection = { redis: redis!.url, queue };
    const out = join(work, queue);
    // What an S3 reader would be: bytes by key, no local path; a .p7s brings its content.
    const bucket = new Map<string, Uint8Array>([
      ['vanban/person-signed.pdf', new Uint8Array(readFileSync(`${SAMPLES}pdf/person-signed.pdf`))],
      ['vanban/rsa-sha256.txt.p7s', new Uint8Array(readFileSync(`${SAMPLES}cms/rsa-sha256.txt.p7s`))],
      ['vanban/rsa-sha256.txt', new Uint8Array(readFileSync(`${SAMPLES}cms/rsa-sha256.txt`))],
    ]);
    const opened: string[] = [];
    const memoryReader: DocumentReader = {
      handles: (ref) => ref.startsWith('mem://'),
      async open(ref) {
        opened.push(ref);
        const key = ref.slice('mem://'.length);
        const bytes = bucket.get(key);
        if (!bytes) throw new KysoIoError(`cannot read ${ref}: no such object`);
        const content = key.endsWith('.p7s') ? bucket.get(key.slice(0, -'.p7s'.length)) : undefined;
        return { source: bytesSource(bytes), ...(content ? { content: bytesSource(content) } : {}), close: async () => undefined };
      },
    };
    const refs = ['mem://vanban/person-signed.pdf', 'mem://vanban/rsa-sha256.txt.p7s', 'mem://vanban/missing.pdf'];
    await submit(refs, { ...connection, options: await frozen(), attempts: 1 });
    const summary = await runWorker({ ...connection, out, kyso: '0.0.0-test', lockMs: 1000, untilDrained: true, fsync: false, readers: [memoryReader, fileReader] });
    expect(summary).toMatchObject({ written: 2, duplicates: 0 });
    expect(opened.sort()).toEqual([...refs].sort());
    const lines = shardLines(out);
    expect(lines.map((l) => [l.path, l.indication]).sort()).toEqual([
      ['mem://vanban/person-signed.pdf', 'TOTAL_PASSED'],
      ['mem://vanban/rsa-sha256.txt.p7s', 'TOTAL_PASSED'],
    ]);
    // The same bytes read from a file give the same report.
    const fromFile = await verifyFile(`${SAMPLES}pdf/person-signed.pdf`, { trust: (await frozenTrust()), at: AT });
    const fromStore = lines.find((l) => l.path === refs[0])!;
    expect(fromStore.sha256).toBe(fromFile.sha256);
    expect(fromStore.signatures).toEqual(JSON.parse(JSON.stringify(fromFile.signatures)));
    const status = await queueStatus(connection);
    expect(status).toMatchObject({ done: 2, failed: 1, pending: 0 });
    expect(status.deadLetters).toMatchObject([{ ref: 'mem://vanban/missing.pdf', cause: 'unreadable' }]);
  });

  it('a reader that never answers fails its job on time, as unreadable, whether it stalls opening or reading; the worker goes on', async () => {
    const queue = 'stalled-reader';
    const connection = { redis: redis!.url, queue };
    const pdf = new Uint8Array(readFileSync(`${SAMPLES}pdf/person-signed.pdf`));
    const closed: string[] = [];
    const never = new Promise<never>(() => undefined);
    const stallingReader: DocumentReader = {
      handles: (ref) => ref.startsWith('slow://'),
      async open(ref) {
        if (ref === 'slow://never-opens.pdf') return never;
        const good = bytesSource(pdf);
        // Its size is known, its bytes never come (a connection that stalls mid-transfer).
        const source = ref === 'slow://never-reads.pdf' ? { size: pdf.length, read: () => never } : good;
        return { source, close: async () => void closed.push(ref) };
      },
    };
    const refs = ['slow://never-opens.pdf', 'slow://never-reads.pdf', 'slow://fine.pdf'];
    await submit(refs, { ...connection, options: await frozen(), attempts: 1 });
    const summary = await runWorker({ ...connection, out: join(work, queue), kyso: '0.0.0-test', lockMs: 1000, untilDrained: true, fsync: false, readTimeoutMs: 300, readers: [stallingReader] });
    expect(summary).toMatchObject({ written: 1 });
    const status = await queueStatus(connection);
    expect(status).toMatchObject({ done: 1, failed: 2, pending: 0 });
    expect([...status.deadLetters].sort((a, b) => a.ref.localeCompare(b.ref))).toMatchObject([
      { ref: 'slow://never-opens.pdf', cause: 'unreadable', reason: 'cannot read slow://never-opens.pdf: its reader gave no answer within 300 ms' },
      { ref: 'slow://never-reads.pdf', cause: 'unreadable', reason: 'cannot read slow://never-reads.pdf: its reader gave no answer within 300 ms' },
    ]);
    // What was opened is released, the stalled one too.
    expect(closed.sort()).toEqual(['slow://fine.pdf', 'slow://never-reads.pdf']);
  });

  it('a reader’s document without a local path is verified on a worker thread, which the time limit ends', async () => {
    const queue = 'reader-timeout';
    const connection = { redis: redis!.url, queue };
    const bytes = new Uint8Array(readFileSync(`${SAMPLES}cms/rsa-sha256.txt.p7s`));
    const content = new Uint8Array(readFileSync(`${SAMPLES}cms/rsa-sha256.txt`));
    const memoryReader: DocumentReader = {
      handles: (ref) => ref.startsWith('mem://'),
      open: async () => ({ source: bytesSource(bytes), content: bytesSource(content), close: async () => undefined }),
    };
    await submit(['mem://rsa-sha256.txt.p7s'], { ...connection, options: await frozen(), attempts: 2, backoffMs: 10 });
    // 1 ms is less than any thread needs to start: had it run on the worker's own thread, the
    // timer could not have fired before a verification that never yields to it.
    await runWorker({ ...connection, out: join(work, queue), kyso: '0.0.0-test', lockMs: 1000, untilDrained: true, fsync: false, timeoutMs: 1, readers: [memoryReader] });
    expect((await queueStatus(connection)).deadLetters).toMatchObject([{ cause: 'timeout', attempts: 2, reason: 'verification took longer than 1 ms; its thread was ended' }]);
  });

  it('other options are another result: the same document verified at another time is reported again', async () => {
    const queue = 'other-options';
    const ref = `${SAMPLES}cms/rsa-sha256.txt.p7s`;
    const connection = { redis: redis!.url, queue };
    const out = join(work, queue);
    await submit([ref], { ...connection, options: await frozen() });
    await submit([ref], { ...connection, options: await frozen(new Date('2030-01-01T00:00:00Z')) });
    expect(await runWorker({ ...connection, out, kyso: '0.0.0-test', lockMs: 1000, untilDrained: true, fsync: false })).toMatchObject({ written: 2, duplicates: 0 });
    const lines = shardLines(out);
    expect(lines.map((l) => l.validationTime).sort()).toEqual(['2026-06-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z']);
    expect(lines[0]!.queue.key.split(':')[0]).toBe(lines[1]!.queue.key.split(':')[0]);
    expect(lines[0]!.queue.key).not.toBe(lines[1]!.queue.key);
  });

  it('a document that cannot be read is retried with backoff, then dead-lettered as unreadable', async () => {
    const queue = 'unreadable';
    const connection = { redis: redis!.url, queue };
    const missing = join(work, 'no-such-file.pdf');
    await submit([missing], { ...connection, options: await frozen(), attempts: 2, backoffMs: 10 });
    const failures: boolean[] = [];
    await runWorker({ ...connection, out: join(work, queue), kyso: '0.0.0-test', lockMs: 1000, untilDrained: true, fsync: false, log: (e) => void (e.type === 'failed' && failures.push(e.final)) });
    expect(failures).toEqual([false, true]);
    const status = await queueStatus(connection);
    expect(status).toMatchObject({ done: 0, failed: 1, pending: 0 });
    expect(status.deadLetters).toMatchObject([{ ref: missing, cause: 'unreadable', attempts: 2 }]);
    expect(status.deadLetters[0]!.reason).toMatch(/^cannot read .*no-such-file\.pdf: ENOENT/);
  });

  it('a verification past the time limit ends its thread; the job is retried, then dead-lettered as timeout, and the worker goes on', async () => {
    const queue = 'timeout';
    const connection = { redis: redis!.url, queue };
    await submit([`${SAMPLES}cms/rsa-sha256.txt.p7s`], { ...connection, options: await frozen(), attempts: 2, backoffMs: 10 });
    // 1 ms is less than any thread needs to start, so every try runs out of time.
    await runWorker({ ...connection, out: join(work, queue), kyso: '0.0.0-test', lockMs: 1000, untilDrained: true, fsync: false, timeoutMs: 1 });
    expect((await queueStatus(connection)).deadLetters).toMatchObject([{ cause: 'timeout', attempts: 2, reason: 'verification took longer than 1 ms; its thread was ended' }]);
  });

  it('a worker of another kyso version refuses the job (dead letter "refused") instead of verifying differently', async () => {
    const queue = 'version';
    const connection = { redis: redis!.url, queue };
    await submit([`${SAMPLES}cms/rsa-sha256.txt.p7s`], { ...connection, options: await frozen() });
    await runWorker({ ...connection, out: join(work, queue), kyso: '9.9.9', lockMs: 1000, untilDrained: true, fsync: false });
    expect((await queueStatus(connection)).deadLetters).toMatchObject([{ cause: 'refused', reason: 'submitted with kyso 0.0.0-test, this worker runs kyso 9.9.9' }]);
  });

  it('repair cuts a dead writer’s partial line and its uncommitted last line, keeps committed lines, and recounts the metrics', async () => {
    const queue = 'repair';
    const keys = queueKeys(queue);
    const dir = join(work, queue);
    mkdirSync(dir);
    const client = new Redis(redis!.url);
    try {
      const line = (key: string) => `${JSON.stringify({ kyso: 'x', validationTime: 'x', path: key, indication: 'TOTAL_PASSED', signatures: [], roles: {}, queue: { key, job: `j-${key}`, shard: 's' } })}\n`;
      const first = line('k1');
      const second = line('k2');
      await client.hset(keys.results, 'k1', `s 0 j-k1`);
      // k2 was appended but its commit never happened; then half a third line.
      writeFileSync(join(dir, 's.jsonl'), `${first}${second}{"kyso":"x","valid`);
      expect(await repairShard(dir, 's', client, keys)).toBe(second.length + '{"kyso":"x","valid'.length);
      expect(readFileSync(join(dir, 's.jsonl'), 'utf8')).toBe(first);
      expect(JSON.parse(readFileSync(join(dir, 's.metrics.json'), 'utf8'))).toMatchObject({ schema: 'kyso.metrics/1', total: { documents: 1 } });
      // Committed by this shard at this offset: kept.
      await client.hset(keys.results, 'k2', `s ${first.length} j-k2`);
      writeFileSync(join(dir, 's.jsonl'), `${first}${second}`);
      expect(await repairShard(dir, 's', client, keys)).toBe(0);
      // Committed, but by another shard (a re-delivery won the race): cut.
      await client.hset(keys.results, 'k2', `t 0 j-k2`);
      expect(await repairShard(dir, 's', client, keys)).toBe(second.length);
    } finally {
      client.disconnect();
    }
  });
});

describe('frozen verification options', () => {
  it('carry the trust material, not paths; the hash follows every field', async () => {
    const options = await frozen();
    expect(options.bundled).toMatch(/^[0-9a-f]{64}$/);
    expect(options.anchors).toHaveLength(1);
    expect(options.at).toBe('2026-06-01T00:00:00.000Z');
    expect(optionsHash(options)).toBe(optionsHash(await frozen()));
    expect(optionsHash(options)).not.toBe(optionsHash(await frozen(new Date('2026-06-01T00:00:01Z'))));
    expect(optionsHash(options)).not.toBe(optionsHash({ ...options, revocationMode: 'require' }));
  });

  it('without the bundled anchors, only the given ones travel', async () => {
    const trust = TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8'));
    const options = await freezeOptions({ kyso: '1', at: AT, trust });
    expect(options.bundled).toBeNull();
    const thawed = await thawOptions(options, '1');
    expect((thawed.trust as TrustStore).size).toBe(1);
  });

  it('a worker with other bundled anchors refuses them', async () => {
    const options = { ...(await frozen()), bundled: '0'.repeat(64) };
    await expect(thawOptions(options, '0.0.0-test')).rejects.toThrow(FrozenOptionsMismatch);
  });
});
