// `npm run bench:pdf-revisions`: the change analysis of a PDF with many objects and
// revisions (1,000 pages, about 2,900 objects, five pdfsig signatures: six revisions)
// against pdfsig on the same file in the same run. Writes its own section of
// bench/RESULTS.md (bench/results-file.mjs). Nothing here is asserted by tests.
//
//   ROUNDS=7                   rounds per measurement (median; peak is the largest)
//   BASE=/path/to/other/kyso   also time another build of kyso (a checkout with `npm run
//                              build` done), interleaved with this one: before/after in one run
//   BASE_NAME='…'              what that build is, for the table (default: BASE build)
//
// The machine is shared, so besides wall time each row gives the process's CPU time (user +
// system, GNU time), which other processes' load moves much less.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { AT, REPO, SAMPLES, nodeEnvironments, nssDatabase, pagesPdf } from './corpus.mjs';
import { writeSection } from './results-file.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const BASE = process.env.BASE;
const BASE_NAME = process.env.BASE_NAME ?? 'BASE build';
const GNU_TIME = '/usr/bin/time';
if (!existsSync(GNU_TIME)) throw new Error('GNU time (/usr/bin/time) is needed for CPU time and peak memory');

execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
const file = pagesPdf(1000, 5);
const root = join(SAMPLES, 'pki/kyso-test-root.pem');
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

const tools = [
  { name: 'pdfsig', command: 'pdfsig', args: ['-nssdir', `sql:${nssDatabase()}`, file], accept: (r) => /Signature is Valid/.test(r.stdout) },
];
// kyso once per environment Node may run in (bench/corpus.mjs: nodeEnvironments), the other build beside it.
const environments = nodeEnvironments();
for (const { name: where, env } of environments) {
  const suffix = environments.length > 1 ? `, ${where}` : '';
  tools.push({ name: `kyso verify${suffix}`, command: 'node', args: [join(REPO, 'bin/kyso.js'), 'verify', '--no-default-trust', '--trust', root, '--at', AT, file], env, accept: (r) => r.status === 0 });
  if (BASE) {
    tools.push({ name: `kyso verify (${BASE_NAME})${suffix}`, command: 'node', args: [join(BASE, 'bin/kyso.js'), 'verify', '--no-default-trust', '--trust', root, '--at', AT, file], env, accept: (r) => r.status === 0 });
  }
}

/** One run under GNU time: wall ms, CPU ms (user + system), peak MiB. */
function once(tool) {
  const start = process.hrtime.bigint();
  const result = spawnSync(GNU_TIME, ['-f', '%U %S %M', tool.command, ...tool.args], { encoding: 'utf8', maxBuffer: 1 << 28, env: tool.env ?? process.env });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (!tool.accept(result)) throw new Error(`${tool.name} gave an unexpected result:\n${result.stdout}\n${result.stderr}`);
  const [user, system, peakKiB] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000, peak: peakKiB / 1024, stdout: result.stdout };
}

// Rounds interleave the tools, so that a burst of load elsewhere hits all of them alike.
const runs = new Map(tools.map((tool) => [tool, []]));
for (const tool of tools) once(tool); // warm the page cache and the NSS database
for (let round = 0; round < ROUNDS; round++) for (const tool of tools) runs.get(tool).push(once(tool));

/** verifyFile in a fresh process: the first call (cold: JIT warm-up, no start-up) and the median of later ones (warm). */
function inProcess(repo) {
  const script = `
    const { readFileSync } = await import('node:fs');
    const { TrustStore } = await import(${JSON.stringify(join(repo, 'dist/index.js'))});
    const { verifyFile } = await import(${JSON.stringify(join(repo, 'dist/node.js'))});
    const trust = TrustStore.from(readFileSync(${JSON.stringify(root)}, 'utf8'));
    const times = [];
    let cpu0 = process.cpuUsage();
    let firstCpu;
    for (let i = 0; i < 8; i++) {
      const start = performance.now();
      const report = await verifyFile(${JSON.stringify(file)}, { trust, at: new Date(${JSON.stringify(AT)}) });
      times.push(performance.now() - start);
      if (i === 0) { const u = process.cpuUsage(cpu0); firstCpu = (u.user + u.system) / 1000; }
      if (report.indication !== 'TOTAL_PASSED') throw new Error(report.indication);
    }
    console.log(JSON.stringify({ first: times[0], firstCpu, warm: times.slice(1).sort((a, b) => a - b)[3] }));`;
  const result = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}
const library = [{ name: 'kyso library', ...inProcess(REPO) }];
if (BASE) library.push({ name: `kyso library (${BASE_NAME})`, ...inProcess(BASE) });

const peer = runs.get(tools[0]);
const peerWall = median(peer.map((r) => r.wall));
const peerCpu = median(peer.map((r) => r.cpu));
const f = (value, digits = 0) => value.toFixed(digits);
const cpu = cpus();
const kysoVerdict = runs.get(tools[1]).at(-1).stdout.split('\n')[0].replace(REPO, '');
const section = [
  '## Multi-revision PDF: change analysis against pdfsig (bench/pdf-revisions.mjs)',
  '',
  `Written by \`npm run bench:pdf-revisions\` on ${new Date().toISOString().slice(0, 10)}: pages-1000-signatures-5.pdf (1,000 pages, about 2,900 objects, five pdfsig signatures: six revisions), ${ROUNDS} interleaved rounds, medians; peak = largest maximum resident set. Machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${f(totalmem() / 2 ** 30)} GiB, Node ${process.version}. The machine is shared: CPU time moves less with other processes' load than wall time.`,
  '',
  '| tool | wall | CPU (user+sys) | peak | wall / pdfsig | CPU / pdfsig |',
  '|---|---|---|---|---|---|',
  ...tools.map((tool) => {
    const r = runs.get(tool);
    const wall = median(r.map((x) => x.wall));
    const cpuMs = median(r.map((x) => x.cpu));
    return `| ${tool.name} | ${f(wall)} ms | ${f(cpuMs)} ms | ${f(Math.max(...r.map((x) => x.peak)))} MiB | ${f(wall / peerWall, 2)}× | ${f(cpuMs / peerCpu, 2)}× |`;
  }),
  '',
  '| in process (verifyFile, fresh process) | first call, wall | first call, CPU | warm (median of 7 more) |',
  '|---|---|---|---|',
  ...library.map((l) => `| ${l.name} | ${f(l.first)} ms | ${f(l.firstCpu)} ms | ${f(l.warm)} ms |`),
  '',
  `kyso's verdict: ${kysoVerdict}`,
].join('\n');

writeSection('bench/pdf-revisions.mjs', section);
console.log(`\n${section}\n\nwritten to bench/RESULTS.md`);
