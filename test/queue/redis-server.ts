/**
 * A throwaway redis-server for a test: loopback only, a free port, no persistence,
 * its working folder in a temp dir; stopped by the test. The Debian package
 * `redis-server` is installed by .ci/run.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Kills redis-server outright (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (an append-only file, if any, is replayed). */
  restart(): Promise<void>;
}

export interface RedisServerOptions {
  /** Persistence as the README advises for an audit of record: AOF, appendfsync always. Default off. */
  readonly aof?: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function launch(port: number, dir: string, options: RedisServerOptions): Promise<ChildProcess> {
  const persistence = options.aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', ...persistence, '--dir', dir, '--loglevel', 'warning', '--maxmemory-policy', 'noeviction'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const spawnError = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`cannot start redis-server (install the Debian package redis-server): ${e.message}`))));
  // Ready when the port answers PING.
  const ready = (async () => {
    const { Redis } = await import('ioredis');
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        // not yet listening (or still loading its append-only file)
      } finally {
        probe.disconnect();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`redis-server did not answer: ${output}`);
  })();
  await Promise.race([ready, spawnError]);
  return child;
}

export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kyso-redis-'));
  const port = await freePort();
  let child = await launch(port, dir, options);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      child = await launch(port, dir, options);
    },
  };
}
