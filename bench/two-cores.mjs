// Throughput in process once warm, as a long-running document-management server sees it:
// `node bench/two-cores.mjs one` verifies the documents with verify() on the main thread;
// `node bench/two-cores.mjs pool N` streams them through verifyMany on one VerifyPool of N
// threads. Both first run WARM rounds over the documents (a thread's compiler keeps
// optimising for thousands of documents), then time ROUNDS more, and print one JSON line:
// the median milliseconds per document (wall), the process's CPU per document and, on Linux,
// that CPU by kind of thread (threadCpuMsPerDocument, below). In `one` mode it also times, apart, what each report
// would cost to cross from a worker thread to the main thread (crossingMsPerDocument).
// bench/run.mjs runs it with `taskset` so that "one core" is one core: pinned, the main
// thread's compiler and collector threads share that core too, as they would on a
// one-core machine. Nothing here is asserted by tests.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { AT, REPO, SAMPLES, smallPdfFolder } from './corpus.mjs';

const [mode = 'one', threadsArg = '2'] = process.argv.slice(2);
const WARM = Number(process.env.WARM ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const { verify, TrustStore } = await import(join(REPO, 'dist/index.js'));
const node = await import(join(REPO, 'dist/node.js'));
const trust = TrustStore.from(readFileSync(join(SAMPLES, 'pki/kyso-test-root.pem'), 'utf8'));
const at = new Date(AT);
const folder = smallPdfFolder(2000);
const documents = readdirSync(folder).sort().map((name) => new Uint8Array(readFileSync(join(folder, name))));

// Linux: every thread's CPU from /proc, so that a pool's cost over verify() can be told apart:
// the main thread, the threads the pool starts (tids not there before it), and V8's own threads
// (compilers, the collector's helpers; started with the process), which every isolate shares.
const TASKS = '/proc/self/task';
const threadsBeforePool = existsSync(TASKS) ? new Set(readdirSync(TASKS)) : undefined;
function threadCpuMs() {
  const byThread = new Map();
  for (const tid of readdirSync(TASKS)) {
    try {
      const stat = readFileSync(`${TASKS}/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byThread.set(tid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return byThread;
}

const pool = mode === 'pool' ? node.createVerifyPool({ trust, at, threads: Number(threadsArg) }) : undefined;
async function round() {
  if (pool) {
    for await (const report of pool.verifyMany(documents)) void report;
  } else {
    for (const bytes of documents) await verify(bytes, { trust, at, hashFactory: node.nodeHashFactory });
  }
}

const wall = [];
const cpu = [];
let threadsAtWarm;
for (let r = 0; r < WARM + ROUNDS; r++) {
  if (r === WARM && threadsBeforePool) threadsAtWarm = threadCpuMs();
  const start = process.hrtime.bigint();
  const used = process.cpuUsage();
  await round();
  const spent = process.cpuUsage(used);
  if (r >= WARM) {
    wall.push(Number(process.hrtime.bigint() - start) / 1e6 / documents.length);
    cpu.push((spent.user + spent.system) / 1000 / documents.length);
  }
}
// CPU per document over the timed rounds, by kind of thread (before the pool's threads end).
let threadCpu;
if (threadsAtWarm) {
  threadCpu = { main: 0, pool: 0, v8: 0 };
  for (const [tid, ms] of threadCpuMs()) {
    const kind = Number(tid) === process.pid ? 'main' : threadsBeforePool.has(tid) ? 'v8' : 'pool';
    threadCpu[kind] += (ms - (threadsAtWarm.get(tid) ?? 0)) / (ROUNDS * documents.length);
  }
}
await pool?.close();
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

// What a report costs to cross from a worker thread to the main thread, which a pool pays on
// top of verify() and one thread alone never does: V8's serializer over a report just made
// (its strings not yet flattened, as in the worker), then its deserializer (as on the main
// thread). Timed apart from verify(), after the rounds above, on the same warm code.
const crossing = [];
const GROUP = 50;
if (!pool) {
  for (let r = 0; r < ROUNDS; r++) {
    let spent = 0;
    for (let from = 0; from < documents.length; from += GROUP) {
      const reports = [];
      for (const bytes of documents.slice(from, from + GROUP)) reports.push(await verify(bytes, { trust, at, hashFactory: node.nodeHashFactory }));
      // CPU time (wall time would count other processes' turns on this core), over a group:
      // reading the clock costs a system call, as much as a tenth of what is measured.
      const used = process.cpuUsage();
      for (const report of reports) deserialize(serialize(report));
      const { user, system } = process.cpuUsage(used);
      spent += user + system;
    }
    crossing.push(spent / 1000 / documents.length);
  }
}
console.log(JSON.stringify({ mode, threads: pool ? Number(threadsArg) : 1, documents: documents.length, warmRounds: WARM, rounds: ROUNDS, msPerDocument: median(wall), cpuMsPerDocument: median(cpu), ...(crossing.length ? { crossingMsPerDocument: median(crossing) } : {}), ...(threadCpu ? { threadCpuMsPerDocument: threadCpu } : {}) }));
