/**
 * ansible-playbook on the lab under time -v. Each run gets a fresh
 * ControlPath directory (no multiplexed connection survives from the previous
 * run, as none does for jailfleet) and its ssh masters are told to exit after.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runTimed } from './timed-child.js';
import { problemText, type ToolRun } from './tool-run.js';

const run = promisify(execFile);

export const ANSIBLE_PLAYBOOK = '/usr/bin/ansible-playbook';

export interface AnsibleRunInput {
  repo: string;
  labDir: string;
  playbook: string;
  inventory: string;
  forks: number;
  /** Any address of the lab: `ssh -O exit` needs a host argument. */
  someAddress: string;
  limit?: string;
  verbose?: boolean;
}

export interface AnsibleRun extends ToolRun {
  stdout: string;
}

export async function runAnsible(input: AnsibleRunInput): Promise<AnsibleRun> {
  const controlDir = await mkdtemp(join(input.labDir, 'cp-'));
  const env = {
    ...process.env,
    ANSIBLE_CONFIG: join(input.repo, 'bench', 'ansible.cfg'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
    ANSIBLE_LOCAL_TEMP: join(input.labDir, 'ansible-local'),
    ANSIBLE_NOCOLOR: '1',
  };
  const args = ['-i', input.inventory, '-f', String(input.forks), input.playbook];
  if (input.limit) args.push('--limit', input.limit);
  if (input.verbose) args.push('-vvv');
  try {
    const r = await runTimed(ANSIBLE_PLAYBOOK, args, { cwd: join(input.repo, 'bench'), env });
    const recap = parseRecap(r.stdout);
    const failed = recap.filter((s) => s.failed > 0 || s.unreachable > 0).length;
    return {
      wallMs: r.wallMs,
      maxRssKb: r.maxRssKb,
      cpuS: r.userS + r.sysS,
      exitCode: r.code,
      hosts: recap.length,
      changedHosts: recap.filter((s) => s.changed > 0).length,
      failedHosts: failed,
      problem: problemText(r.code, failed, r.stdout, r.stderr),
      stdout: r.stdout,
    };
  } finally {
    await exitMasters(controlDir, input.someAddress);
    await rm(controlDir, { recursive: true, force: true });
  }
}

/** Exec channels per host, counted from -vvv output ("SSH: EXEC" per ssh invocation). */
export function countSshExecs(stdout: string, address: string): number {
  return stdout.split('\n').filter((l) => l.startsWith(`<${address}> SSH: EXEC`)).length;
}

interface RecapLine {
  host: string;
  changed: number;
  failed: number;
  unreachable: number;
}

function parseRecap(stdout: string): RecapLine[] {
  const at = stdout.lastIndexOf('PLAY RECAP');
  if (at < 0) return [];
  const out: RecapLine[] = [];
  for (const line of stdout.slice(at).split('\n')) {
    const m = /^(\S+)\s+:\s+ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/.exec(line);
    if (m) out.push({ host: m[1]!, changed: Number(m[2]), unreachable: Number(m[3]), failed: Number(m[4]) });
  }
  return out;
}

/** ControlPersist masters outlive ansible-playbook by 60 s; stop them now. */
async function exitMasters(controlDir: string, address: string): Promise<void> {
  const sockets = await readdir(controlDir).catch(() => [] as string[]);
  await Promise.all(
    sockets.map((s) => run('ssh', ['-O', 'exit', '-o', `ControlPath=${join(controlDir, s)}`, address]).catch(() => undefined)),
  );
}
