// bench/RESULTS.md is shared by several benchmarks: each one owns the part between its
// own markers and rewrites only that, so running one never erases another's numbers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS = join(fileURLToPath(new URL('.', import.meta.url)), 'RESULTS.md');

/** Replaces the section of `script` (e.g. `bench/run.mjs`) in RESULTS.md, or appends it. */
export function writeSection(script, text, { first = false } = {}) {
  const start = `<!-- ${script}: start -->`;
  const end = `<!-- ${script}: end -->`;
  const section = `${start}\n${text.trim()}\n${end}`;
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  let next;
  if (previous.includes(start) && previous.includes(end)) {
    next = `${previous.slice(0, previous.indexOf(start))}${section}${previous.slice(previous.indexOf(end) + end.length)}`;
  } else if (first) {
    // Right under the title, before the other benchmarks' sections.
    const title = previous.match(/^# .*\n+/)?.[0] ?? '# Benchmark results\n\n';
    next = `${title}${section}\n\n${previous.slice(title.length).trimStart()}`;
  } else {
    next = `${previous.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(RESULTS, next);
}
