/** Runs `kyso` in-process and captures what it prints. */
import { main, type CliIo } from '../../src/cli/main.js';

export async function run(argv: readonly string[], extra: Partial<CliIo> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...extra });
  return { code, stdout, stderr };
}
