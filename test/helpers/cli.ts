import { mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output, in the given working directory. */
export async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  return cliWithEnv(cwd, {}, ...argv);
}

/** cli() with environment variables (the process's own are never seen). */
export async function cliWithEnv(cwd: string, env: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    isTTY: false,
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/** A scratch project: the shipped inventory/ and playbooks/ copied into a temp dir. */
export function scratchProject(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-'));
  const root = resolve(import.meta.dirname, '../..');
  cpSync(join(root, 'inventory'), join(dir, 'inventory'), { recursive: true });
  cpSync(join(root, 'playbooks'), join(dir, 'playbooks'), { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Parse --json output into events. */
export function events(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
