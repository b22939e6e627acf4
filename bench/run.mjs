// `npm run bench`: kyso against its peers and against the hashing floor, on the same files in
// the same run, written to its own section of bench/RESULTS.md (bench/results-file.mjs: the
// sections other benchmarks write, e.g. bench/queue.mjs, are kept). Builds the corpus first (bench/corpus.mjs) and
// kyso itself (npm run build). Medians of ROUNDS runs; peak memory is the process's maximum
// resident set as GNU time reports it. Nothing here is asserted by tests.
//
//   ROUNDS=5            rounds per measurement (default 5; the 2,000-file pdfsig run is done once)
//   BENCH_QUICK=1       skip the 1 GB PDF and the 2,000-file pdfsig loop
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeSection } from './results-file.mjs';
import { AT, CORPUS, REPO, SAMPLES, bigPdf, nodeEnvironments, nssDatabase, pagesPdf, revisionsPdf, sampleFiles, sizeOf, smallPdfFolder } from './corpus.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const QUICK = process.env.BENCH_QUICK === '1';
const KYSO = join(REPO, 'bin/kyso.js');
const ROOT = join(SAMPLES, 'pki/kyso-test-root.pem');
const INTERMEDIATE = join(SAMPLES, 'ca/intermediate.pem');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
const { verify, TrustStore } = await import(join(REPO, 'dist/index.js'));
const node = await import(join(REPO, 'dist/node.js'));
const trust = TrustStore.from(readFileSync(ROOT, 'utf8'));
const at = new Date(AT);

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const lines = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};

/**
 * Runs a command ROUNDS times: median wall time (ms), median CPU time (user + system, ms:
 * what the command itself costs, which moves much less than wall time on a shared machine)
 * and the largest peak RSS (MiB).
 */
function measure(command, args, { rounds = ROUNDS, accept = () => true, env = process.env } = {}) {
  const times = [];
  const cpu = [];
  let peak = 0;
  let last;
  for (let r = 0; r < rounds; r++) {
    const wrapped = GNU_TIME ? [GNU_TIME, ['-f', '%M %U %S', command, ...args]] : [command, args];
    const start = process.hrtime.bigint();
    last = spawnSync(wrapped[0], wrapped[1], { encoding: 'utf8', maxBuffer: 1 << 28, env });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!accept(last)) throw new Error(`${command} ${args.join(' ')} gave an unexpected result:\n${last.stdout}\n${last.stderr}`);
    if (GNU_TIME) {
      const [kib, user, system] = last.stderr.trim().split('\n').pop().split(' ').map(Number);
      peak = Math.max(peak, kib / 1024);
      cpu.push((user + system) * 1000);
    }
  }
  return { ms: median(times), cpuMs: GNU_TIME ? median(cpu) : undefined, peakMiB: GNU_TIME ? peak : undefined, result: last };
}

const kysoVerify = (...files) => [KYSO, 'verify', '--no-default-trust', '--trust', ROOT, '--at', AT, ...files];
const mib = (value) => (value === undefined ? 'n/a' : value.toFixed(0));
const ms = (value) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const cpuMs = (m) => (m.cpuMs === undefined ? 'n/a' : ms(m.cpuMs));
const cpuRatio = (a, b) => (a.cpuMs === undefined || !b.cpuMs ? 'n/a' : ratio(a.cpuMs, b.cpuMs));
const pdfsigValid = (result) => /Signature is Valid/.test(result.stdout);

function machine() {
  const cpu = cpus();
  const tool = (command, args) => {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    return `${result.stdout}${result.stderr}`.split('\n').find((l) => l.trim()) ?? 'not found';
  };
  return [
    `${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node ${process.version}; ${tool('openssl', ['version'])}; ${tool('pdfsig', ['-v'])}; ${tool('xmlsec1', ['--version'])}`,
  ];
}

out(`## Against the peers and the floor (bench/run.mjs)`);
out();
out(`Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. ${ROUNDS} rounds, medians; peak = maximum resident set size of the process.`);
out(`Machine: ${machine().join('. ')}.`);
out(`The machine is shared: other processes may have been running, so compare ratios within one run, not across runs.`);
out();

// 1. Big signed PDFs: the floor is reading and hashing the file once.
out(`### Big signed PDFs (one pdfsig signature over a large embedded file)`);
out();
out(`Wall time, and in brackets CPU time (user + system).`);
out();
out(`| file | size | openssl dgst -sha256 (floor) | pdfsig | kyso verify (CLI, whole process) | kyso / floor | kyso / pdfsig | peak: pdfsig / kyso |`);
out(`|---|---|---|---|---|---|---|---|`);
for (const megabytes of QUICK ? [200] : [200, 1000]) {
  const file = bigPdf(megabytes);
  // Warm the page cache so every tool reads from memory, as the floor does.
  measure('openssl', ['dgst', '-sha256', file], { rounds: 1 });
  const floor = measure('openssl', ['dgst', '-sha256', file]);
  const peer = measure('pdfsig', ['-nssdir', `sql:${nssDatabase()}`, file], { accept: pdfsigValid });
  // Over the default 512 MiB document limit the CLI refuses the file: the library, limit raised, in a fresh process.
  const kyso = megabytes > 500 ? measure('node', [join(REPO, 'bench/verify-big.mjs'), file], { accept: (r) => r.status === 0 }) : measure('node', kysoVerify(file), { accept: (r) => r.status === 0 });
  const both = (m) => `${ms(m.ms)} (${cpuMs(m)})`;
  out(`| big-${megabytes}.pdf${megabytes > 500 ? ' (kyso: bench/verify-big.mjs, the library with the size limit raised)' : ''} | ${(sizeOf(file) / 2 ** 20).toFixed(0)} MiB | ${both(floor)} | ${both(peer)} | ${both(kyso)} | ${ratio(kyso.ms, floor.ms)} (${cpuRatio(kyso, floor)}) | ${ratio(kyso.ms, peer.ms)} (${cpuRatio(kyso, peer)}) | ${mib(peer.peakMiB)} / ${mib(kyso.peakMiB)} MiB |`);
}
out();

// 2. Start-up: what one small document costs through the CLI.
out(`### Start-up and one small PDF through the CLI`);
out();
const small = join(SAMPLES, 'pdf/person-signed.pdf');
// More rounds than elsewhere: each run is short, and the median needs them on a shared machine.
const startRounds = Math.max(ROUNDS, 11);
const environments = nodeEnvironments();
const onePeer = measure('pdfsig', ['-nssdir', `sql:${nssDatabase()}`, small], { rounds: startRounds, accept: pdfsigValid });
out(`| command | Node's environment | wall, median | / node -e 0 | CPU, median | / node -e 0 | peak |`);
out(`|---|---|---|---|---|---|---|`);
for (const { name: where, env } of environments) {
  const bare = measure('node', ['-e', '0'], { rounds: startRounds, env });
  const version = measure('node', [KYSO, '--version'], { rounds: startRounds, env });
  const one = measure('node', kysoVerify(small), { rounds: startRounds, accept: (r) => r.status === 0, env });
  for (const [name, m] of [['node -e 0', bare], ['kyso --version', version], ['kyso verify person-signed.pdf', one]]) {
    out(`| ${name} | ${where} | ${ms(m.ms)} | ${ratio(m.ms, bare.ms)} | ${cpuMs(m)} | ${cpuRatio(m, bare)} | ${mib(m.peakMiB)} MiB |`);
  }
}
out(`| pdfsig person-signed.pdf | — | ${ms(onePeer.ms)} | — | ${cpuMs(onePeer)} | — | ${mib(onePeer.peakMiB)} MiB |`);
out();

// 3. Many revisions and objects: the change analysis.
out(`### Multi-revision PDF (1,000 pages, about 2,900 objects, 6 revisions: 5 pdfsig signatures)`);
out();
const revisions = revisionsPdf();
// Seven rounds at least: a run takes a tenth of a second, and its ratio sits near the target.
const revisionRounds = Math.max(ROUNDS, 7);
const revisionsPeer = measure('pdfsig', ['-nssdir', `sql:${nssDatabase()}`, revisions], { rounds: revisionRounds, accept: pdfsigValid });
const revisionsKyso = environments.map(({ name, env }) => ({ name, m: measure('node', kysoVerify(revisions), { rounds: revisionRounds, env }) }));
out(`| tool | Node's environment | median | peak |`);
out(`|---|---|---|---|`);
out(`| pdfsig | — | ${ms(revisionsPeer.ms)} | ${mib(revisionsPeer.peakMiB)} MiB |`);
for (const { name, m } of revisionsKyso) out(`| kyso verify | ${name} | ${ms(m.ms)} (${ratio(m.ms, revisionsPeer.ms)} pdfsig) | ${mib(m.peakMiB)} MiB |`);
out(`kyso's verdict: ${revisionsKyso[0].m.result.stdout.split('\n')[0]}`);
out();

// 4. A folder of small signed PDFs.
const folder = smallPdfFolder(2000);
const folderFiles = readdirSync(folder).sort().map((name) => join(folder, name));
out(`### A folder of ${folderFiles.length} small signed PDFs`);
out();
const folderKyso = measure('node', [...kysoVerify(folder), '--format', 'jsonl'], { rounds: Math.min(ROUNDS, 3) });
out(`| how | wall time | per document | CPU time | peak |`);
out(`|---|---|---|---|---|`);
out(`| kyso verify <folder> (one process, default --jobs on 2 cores: one worker thread, the second once the run proves long) | ${ms(folderKyso.ms)} | ${(folderKyso.ms / folderFiles.length).toFixed(2)} ms | ${cpuMs(folderKyso)} | ${mib(folderKyso.peakMiB)} MiB |`);
if (!QUICK) {
  const start = process.hrtime.bigint();
  for (const file of folderFiles) spawnSync('pdfsig', ['-nssdir', `sql:${nssDatabase()}`, file], { stdio: 'ignore' });
  const peerMs = Number(process.hrtime.bigint() - start) / 1e6;
  out(`| pdfsig once per file (one round) | ${ms(peerMs)} | ${(peerMs / folderFiles.length).toFixed(2)} ms | — | — |`);
  out(`kyso on the folder is ${(peerMs / folderKyso.ms).toFixed(1)}× faster than pdfsig once per file.`);
}
out();

// 5. In process: the library as a document-management system calls it.
out(`### In process (library, warm): small signed PDFs`);
out();
// All 2,000 documents, not the first 300: each verifyMany call starts its own pool, and on 300
// documents the two threads' start-up and their first, cold (not yet optimised) documents were
// most of the time measured, against a main thread already warm from the rounds before. The
// steady-state column leaves the first quarter of the reports out, so it is what two cores
// sustain once running; the whole-run column keeps start-up in.
const inProcess = folderFiles;
const inProcessBytes = inProcess.map((file) => new Uint8Array(readFileSync(file)));
const sequentialTimes = [];
const sequentialCpu = [];
const inProcessRounds = Math.min(ROUNDS, 3);
for (let r = 0; r <= inProcessRounds; r++) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const bytes of inProcessBytes) await verify(bytes, { trust, at, hashFactory: node.nodeHashFactory });
  const used = process.cpuUsage(cpu);
  if (r > 0) {
    sequentialTimes.push(Number(process.hrtime.bigint() - start) / 1e6 / inProcessBytes.length);
    sequentialCpu.push((used.user + used.system) / 1000 / inProcessBytes.length);
  }
}
const oneCore = median(sequentialTimes);
out(`${inProcess.length} documents of the folder above, as bytes in memory; kyso/node (node:crypto engine). verify(): ${inProcessRounds} rounds after a warm-up round, median. verifyMany: a new pool per run (as every call makes one), ${inProcessRounds} runs, median; steady state = from the ${inProcess.length >> 2}th report to the last.`);
out();
out(`| how | wall time per document, whole run | throughput against one core | steady state per document | throughput against one core |`);
out(`|---|---|---|---|---|`);
out(`| verify() one at a time, main thread (warm) | ${oneCore.toFixed(2)} ms (CPU ${median(sequentialCpu).toFixed(2)} ms) | 1.00× | — | — |`);
for (const concurrency of [1, 2]) {
  const times = [];
  const steady = [];
  for (let r = 0; r < inProcessRounds; r++) {
    const start = process.hrtime.bigint();
    let count = 0;
    let quarter = 0n;
    for await (const _ of node.verifyMany(inProcessBytes, { concurrency, trust, at })) {
      void _;
      if (++count === inProcess.length >> 2) quarter = process.hrtime.bigint();
    }
    const end = process.hrtime.bigint();
    times.push(Number(end - start) / 1e6 / inProcess.length);
    steady.push(Number(end - quarter) / 1e6 / (inProcess.length - (inProcess.length >> 2)));
  }
  out(`| verifyMany, concurrency ${concurrency} (${concurrency > 1 ? `${concurrency - 1} thread, ${concurrency} once the run proves long` : '1 thread'}) | ${median(times).toFixed(2)} ms (pool start-up included) | ${ratio(oneCore, median(times))} | ${median(steady).toFixed(2)} ms | ${ratio(oneCore, median(steady))} |`);
}
out();
// Once warm, as a long-running service sees it (bench/two-cores.mjs): "one core" pinned with
// taskset, so that the compiler and collector threads share that core as on a one-core machine.
const TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const warmRun = (cores, args) => {
  const command = TASKSET ? 'taskset' : 'node';
  const run = spawnSync(command, [...(TASKSET ? ['-c', cores, 'node'] : []), join(REPO, 'bench/two-cores.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ROUNDS: String(Math.min(ROUNDS, 3)) } });
  return JSON.parse(run.stdout.trim().split('\n').pop());
};
const warmOne = warmRun('0', ['one']);
const warmPoolOne = warmRun('0', ['pool', '1']);
const warmPoolTwo = warmRun('0,1', ['pool', '2']);
// The machine's own ceiling for two cores: two processes, each verify() on its own pinned
// core, at the same time and sharing nothing (no thread hands a document or a report to another).
const warmApart = TASKSET
  ? await Promise.all(
      ['0', '1'].map(
        (core) =>
          new Promise((resolve) => {
            let stdout = '';
            const child = spawn('taskset', ['-c', core, 'node', join(REPO, 'bench/two-cores.mjs'), 'one'], { env: { ...process.env, ROUNDS: String(Math.min(ROUNDS, 3)) } });
            child.stdout.on('data', (chunk) => (stdout += chunk));
            child.on('close', () => resolve(JSON.parse(stdout.trim().split('\n').pop())));
          }),
      ),
    )
  : undefined;
out(`Warm (bench/two-cores.mjs: ${warmOne.warmRounds} rounds over the ${warmOne.documents} documents first, then ${warmOne.rounds} timed, median)${TASKSET ? ', each process pinned with taskset to the cores named' : ' (taskset missing: not pinned)'}:`);
out();
out(`| how | cores | per document | CPU per document | of which: main thread / pool's threads / V8's own threads | throughput against verify() on one core |`);
out(`|---|---|---|---|---|---|`);
const byThread = (m) => (m.threadCpuMsPerDocument === undefined ? '—' : ['main', 'pool', 'v8'].map((kind) => m.threadCpuMsPerDocument[kind].toFixed(3)).join(' / ') + ' ms');
for (const [name, cores, m] of [['verify() one at a time, main thread', 1, warmOne], ['createVerifyPool, 1 thread', 1, warmPoolOne], ['createVerifyPool, 2 threads', 2, warmPoolTwo]]) {
  out(`| ${name} | ${cores} | ${m.msPerDocument.toFixed(3)} ms | ${m.cpuMsPerDocument.toFixed(3)} ms | ${byThread(m)} | ${ratio(warmOne.msPerDocument, m.msPerDocument)} |`);
}
if (warmApart) {
  // Two processes in parallel: their throughputs add up.
  const apart = 1 / warmApart.reduce((sum, m) => sum + 1 / m.msPerDocument, 0);
  out(`| two processes apart, verify() on one pinned core each (the machine's ceiling) | 2 | ${apart.toFixed(3)} ms | ${(warmApart.reduce((sum, m) => sum + m.cpuMsPerDocument, 0) / 2).toFixed(3)} ms | — | ${ratio(warmOne.msPerDocument, apart)} |`);
}
out(`Two cores against one, the same pool: ${ratio(warmPoolOne.msPerDocument, warmPoolTwo.msPerDocument)}.`);
if (warmOne.crossingMsPerDocument !== undefined) {
  // A pool's two threads keep both cores busy, so every millisecond a report spends crossing
  // threads is a millisecond no document is verified: the best a pool can do against verify()
  // on one core is the machine's two-core ceiling scaled by verify / (verify + crossing).
  const crossing = warmOne.crossingMsPerDocument;
  const ceiling = warmApart ? warmOne.msPerDocument / (1 / warmApart.reduce((sum, m) => sum + 1 / m.msPerDocument, 0)) : 2;
  const bound = (ceiling * warmOne.cpuMsPerDocument) / (warmOne.cpuMsPerDocument + crossing);
  out(`A report crossing from a worker to the main thread (V8's serializer over a fresh report, then its deserializer; CPU, the same documents on one thread): ${crossing.toFixed(3)} ms a document. With nothing else to pay, two threads could reach at most ${ceiling.toFixed(2)}× × ${warmOne.cpuMsPerDocument.toFixed(3)} / (${warmOne.cpuMsPerDocument.toFixed(3)} + ${crossing.toFixed(3)}) = ${bound.toFixed(2)}× verify() on one core.`);
  // What the pool really costs a document, every thread counted (one thread, one core: nothing
  // idles), bounds two threads the same way, and the split says where the difference goes.
  const poolBound = (ceiling * warmOne.cpuMsPerDocument) / warmPoolOne.cpuMsPerDocument;
  out(`The pool's own cost (one thread on one core, every thread's CPU): ${warmPoolOne.cpuMsPerDocument.toFixed(3)} ms a document against ${warmOne.cpuMsPerDocument.toFixed(3)} for verify(), so two threads that kept both cores busy could reach ${ceiling.toFixed(2)}× × ${warmOne.cpuMsPerDocument.toFixed(3)} / ${warmPoolOne.cpuMsPerDocument.toFixed(3)} = ${poolBound.toFixed(2)}×.`);
}
out();
// The event loop while verifyMany runs (issue 12's target: no block over 50 ms).
const loops = [];
for (let r = 0; r < Math.min(ROUNDS, 3); r++) {
  const run = spawnSync('node', [join(REPO, 'bench/verify-many-loop.mjs'), '1000', '2'], { encoding: 'utf8' });
  loops.push(JSON.parse(run.stdout.trim().split('\n').pop()));
}
const loopMedian = (key) => median(loops.map((l) => l[key]));
out(`Event loop while \`verifyMany\` verifies 1,000 documents of every format (2 worker threads, bench/verify-many-loop.mjs, \`perf_hooks.monitorEventLoopDelay\`, ${loops.length} runs, median): longest block ${loopMedian('eventLoopMaxMs')} ms after the first report, ${loopMedian('eventLoopMaxWithStartupMs')} ms with the pool's start-up, p99 ${loopMedian('eventLoopP99Ms')} ms; ${loopMedian('perSecond')} documents/s.`);
out();

// 6. .p7s and XML in process, against the C tools once per file.
out(`### Detached CMS and XML: kyso in process against the C tools once per file`);
out();
out(`| group | files | peer, per file | kyso library, per document | kyso / peer |`);
out(`|---|---|---|---|---|`);
const groups = [
  {
    name: 'CMS (.p7s)',
    peer: 'openssl cms -verify',
    files: sampleFiles('cms', '.p7s'),
    run: (file) => spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file, '-content', file.slice(0, -4), '-CAfile', ROOT, '-certfile', INTERMEDIATE, '-out', '/dev/null'], { stdio: 'ignore' }),
    kyso: (file) => node.verifyFile(file, { trust, at }),
  },
  {
    name: 'XML',
    peer: 'xmlsec1 --verify',
    files: sampleFiles('xml', '.xml'),
    run: (file) => spawnSync('xmlsec1', ['--verify', '--trusted-pem', ROOT, '--untrusted-pem', INTERMEDIATE, '--id-attr:Id', 'VanBan', file], { stdio: 'ignore' }),
    kyso: (file) => node.verifyFile(file, { trust, at }),
  },
];
for (const group of groups) {
  const peerTimes = [];
  const kysoTimes = [];
  for (let r = 0; r <= ROUNDS; r++) {
    let start = process.hrtime.bigint();
    for (const file of group.files) group.run(file);
    if (r > 0) peerTimes.push(Number(process.hrtime.bigint() - start) / 1e6 / group.files.length);
    start = process.hrtime.bigint();
    for (const file of group.files) await group.kyso(file);
    if (r > 0) kysoTimes.push(Number(process.hrtime.bigint() - start) / 1e6 / group.files.length);
  }
  const p = median(peerTimes);
  const k = median(kysoTimes);
  out(`| ${group.name} | ${group.files.length} | ${group.peer}: ${p.toFixed(2)} ms | ${k.toFixed(2)} ms | ${ratio(k, p)} |`);
}
out();
// 7. Scale: how kyso's cost grows, each axis alone, in process (warm) so that start-up does not hide it.
out(`### Scale: how the cost grows (library, warm, median per document)`);
out();
async function perDocument(file, rounds = ROUNDS) {
  const times = [];
  let report;
  for (let r = 0; r <= rounds; r++) {
    const start = process.hrtime.bigint();
    report = await node.verifyFile(file, { trust, at });
    if (r > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(times), report };
}
out(`| axis | input | kyso | per unit |`);
out(`|---|---|---|---|`);
for (const megabytes of [16, 64, 200]) {
  const { ms: t } = await perDocument(bigPdf(megabytes), 3);
  out(`| file size | ${megabytes} MiB, 1 signature | ${ms(t)} | ${(t / megabytes).toFixed(2)} ms/MiB |`);
}
for (const signatures of [1, 2, 5]) {
  const { ms: t, report } = await perDocument(pagesPdf(10, signatures));
  out(`| signatures (revisions) | 10 pages, ${signatures} signature${signatures > 1 ? 's' : ''} (${report.indication}) | ${ms(t)} | ${(t / signatures).toFixed(2)} ms/signature |`);
}
for (const pages of [100, 300, 1000]) {
  const { ms: t, report } = await perDocument(pagesPdf(pages, 2), 3);
  out(`| objects | ${pages} pages (~${pages * 3} objects), 2 signatures (${report.indication}) | ${ms(t)} | ${((t / pages) * 1000).toFixed(0)} µs/page |`);
}
for (const count of [100, 500, 2000]) {
  const files = readdirSync(folder).sort().slice(0, count).map((name) => join(folder, name));
  const run = measure('node', [...kysoVerify(...files), '--format', 'jsonl'], { rounds: Math.min(ROUNDS, 3) });
  out(`| folder size (CLI, one process) | ${count} small PDFs | ${ms(run.ms)}, peak ${mib(run.peakMiB)} MiB | ${(run.ms / count).toFixed(2)} ms/file |`);
}
out();

writeSection('bench/run.mjs', lines.join('\n'), { first: true });
console.log(`\nwritten to bench/RESULTS.md (corpus in ${CORPUS})`);
