/**
 * Builds dist/ before the tests: worker threads (the verification pool) and the `kyso`
 * binary (its bundle) run the compiled JavaScript, which must match the sources under test.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // bin/kyso.js runs the bundle made from dist/ (scripts/bundle-cli.mjs).
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle-cli.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
}
