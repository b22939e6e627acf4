/**
 * Rules of design.md that the import graph can prove: the core runs without Node (so
 * it cannot touch files or the network), parsers never call format detection or
 * verify(), and path validation knows nothing about document formats.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

const SRC = join(REPO, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** Node-only entry points and what only they use. */
const NODE_ONLY = [/^node\.ts$/, /^node\//, /^cli\//, /^io\/node-file\.ts$/, /^pki\/node\.ts$/, /^pki\/revocation\/http-fetcher\.ts$/, /^queue\//];

const files = sourceFiles(SRC).map((path) => ({ path, name: relative(SRC, path).replaceAll('\\', '/') }));

describe('architecture', () => {
  it('the core imports no Node built-in (no fs, no network)', () => {
    const offenders = files
      .filter(({ name }) => !NODE_ONLY.some((rule) => rule.test(name)))
      .flatMap(({ path, name }) => importsOf(path).filter((spec) => spec.startsWith('node:') || ['fs', 'http', 'https', 'net', 'path', 'os'].includes(spec)).map((spec) => `${name} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('format parsers never call detection or verify()', () => {
    const offenders = files
      .filter(({ name }) => name.startsWith('formats/') && name !== 'formats/detect.ts')
      .flatMap(({ path, name }) => importsOf(path).filter((spec) => /(^|\/)(detect|verify)\.js$/.test(spec) && !spec.includes('cms/verify.js')).map((spec) => `${name} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('the report layer is plain data: it imports no code from above it (type-only imports aside)', () => {
    const offenders = files
      .filter(({ name }) => name.startsWith('report/'))
      .flatMap(({ path, name }) =>
        [...readFileSync(path, 'utf8').matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)]
          .map((m) => m[1]!)
          .filter((spec) => !spec.startsWith('./'))
          .map((spec) => `${name} → ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('path validation knows nothing about document formats', () => {
    const offenders = files
      .filter(({ name }) => name.startsWith('pki/'))
      .flatMap(({ path, name }) => importsOf(path).filter((spec) => /formats\/|\/cms\/|validation\//.test(spec)).map((spec) => `${name} → ${spec}`));
    expect(offenders).toEqual([]);
  });
});
