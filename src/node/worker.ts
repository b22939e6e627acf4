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
import { verifyPath } from './verify-file.js';
import { nodeCryptoEngine } from './crypto-engine.js';
import { setCryptoEngine } from '../pki/crypto-engine.js';

setCryptoEngine(nodeCryptoEngine);

export type WorkerTask = { readonly kind: 'file'; readonly path: string; readonly content?: string } | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly content?: Uint8Array };

let options: VerifyOptions | undefined;

function configured(): VerifyOptions {
  options ??= fromWorkerConfig(Tinypool.workerData as WorkerConfig);
  return options;
}

export default async function run(task: WorkerTask): Promise<FileResult | DocumentReport> {
  if (task.kind === 'file') return verifyPath(task.path, task.content, configured());
  return verify(task.bytes, { ...configured(), ...(task.content ? { content: task.content } : {}) });
}
