/**
 * The worker-thread side of the pool: verification options arrive once, as the pool's
 * workerData (a WorkerConfig), and each task is one file or one byte array.
 */
import Tinypool from 'tinypool';
import type { DocumentReport } from '../report/types.js';
import { verify } from '../verify.js';
import type { VerifyOptions } from '../options.js';
import { fromWorkerConfig, type WorkerConfig } from './config.js';
import type { FileResult } from './verify-file.js';
import { openInWorker, readAlready, verifyPath } from './verify-file.js';
import { nodeCryptoEngine } from './crypto-engine.js';
import { setCryptoEngine } from '../pki/crypto-engine.js';

setCryptoEngine(nodeCryptoEngine);

/** One file to verify, and for a detached signature its content file. */
export interface FileTask {
  readonly path: string;
  readonly content?: string;
  /** The file, read whole by the thread that sent the task (readAhead), and the size fstat gave it. */
  readonly read?: { readonly bytes: Uint8Array; readonly size: number };
}

/** One document in memory, and for a detached signature its content. */
export interface BytesTask {
  readonly bytes: Uint8Array;
  readonly content?: Uint8Array;
}

/**
 * A task: one file or one byte array, or a batch of them (answered with an array, in
 * order). Batches spread the pool's per-task cost (a message each way, a memory reading,
 * a wake-up) over several small documents.
 */
export type WorkerTask =
  | ({ readonly kind: 'file' } & FileTask)
  | ({ readonly kind: 'bytes' } & BytesTask)
  | { readonly kind: 'files'; readonly files: readonly FileTask[] }
  | { readonly kind: 'many'; readonly documents: readonly BytesTask[] };

let options: VerifyOptions | undefined;

function configured(): VerifyOptions {
  options ??= fromWorkerConfig(Tinypool.workerData as WorkerConfig);
  return options;
}

function verifyBytes(task: BytesTask): Promise<DocumentReport> {
  return verify(task.bytes, { ...configured(), ...(task.content ? { content: task.content } : {}) });
}

type TaskResult = FileResult | DocumentReport | FileResult[] | DocumentReport[];

/** The task before this one: tasks run in turn (the pool hands a thread its next task early, see TASKS_PER_THREAD). */
let previous: Promise<unknown> = Promise.resolve();

export default function run(task: WorkerTask): Promise<TaskResult> {
  const result = previous.then(() => runNow(task));
  previous = result.catch(() => undefined);
  return result;
}

async function runNow(task: WorkerTask): Promise<TaskResult> {
  switch (task.kind) {
    case 'file':
      return verifyPath(task.path, task.content, configured(), openInWorker);
    case 'bytes':
      return verifyBytes(task);
    case 'files': {
      const results: FileResult[] = [];
      for (const file of task.files) results.push(await verifyPath(file.path, file.content, configured(), file.read ? readAlready(file.path, file.read) : openInWorker));
      return results;
    }
    case 'many': {
      const results: DocumentReport[] = [];
      for (const document of task.documents) results.push(await verifyBytes(document));
      return results;
    }
  }
}
