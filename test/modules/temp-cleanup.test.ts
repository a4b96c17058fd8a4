/**
 * Interrupted steps leave no temp file (issue 12): the EXIT trap does not
 * run when a signal kills the shell (SIGPIPE on a closed output, SIGHUP when
 * a pty's connection drops), so every atomic write traps those signals into
 * an `exit`. Run with dash (Debian's /bin/sh; FreeBSD's sh runs EXIT traps
 * the same way on `exit`), killing the step's shell right after mktemp.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A write step cut off by `signal` after its temp file exists: its exit status and what is left in the directory. */
function cutOff(prefix: string, signal: string): { status: number | null; left: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'jf-trap-'));
  dirs.push(dir);
  const step = `${prefix}t=$(mktemp ${dir}/.jailfleet.XXXXXX) && kill -${signal} $$ && mv -f "$t" ${dir}/target`;
  const run = spawnSync('dash', ['-c', step], { encoding: 'utf8' });
  return { status: run.status, left: readdirSync(dir) };
}

describe('temp files of an interrupted write', () => {
  it.each([
    ['HUP', 129],
    ['INT', 130],
    ['PIPE', 141],
    ['TERM', 143],
  ])('are removed when SIG%s ends the step (exit %i)', (signal, code) => {
    expect(cutOff(TEMP_CLEANUP, signal)).toEqual({ status: code, left: [] });
  });

  it('without the traps the temp file stays behind (what the traps fix)', () => {
    const { left } = cutOff(`trap '[ -z "$t" ] || rm -f "$t"' EXIT; `, 'TERM');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.jailfleet\./);
  });
});
