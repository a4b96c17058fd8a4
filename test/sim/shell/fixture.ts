/** A minimal FreeBSD-looking host for interpreter and userland tests. */
import { writeCommandFiles } from '../../../src/sim/command-files.js';
import { SimFs } from '../../../src/sim/fs.js';
import { SimHost } from '../../../src/sim/host.js';
import { emptySimState } from '../../../src/sim/empty-state.js';
import type { SimCommand, SimNode, SimResult, SimState } from '../../../src/sim/types.js';

export const CLOCK = 1732806540; // 2024-11-28 15:09:00 UTC

function dir(mode = 0o755): SimNode {
  return { kind: 'dir', mode, uid: 0, gid: 0, mtime: CLOCK };
}

function file(content: string, mode = 0o644): SimNode {
  return { kind: 'file', content, mode, uid: 0, gid: 0, mtime: CLOCK };
}

export function seedState(): SimState {
  const state = emptySimState({
    hostname: 'host1.example.org',
    release: '14.2-RELEASE',
    fs: {
      '/': dir(),
      '/bin': dir(),
      '/etc': dir(),
      '/tmp': dir(0o1777),
      '/root': dir(0o750),
      '/dev': dir(),
      '/usr': dir(),
      '/var': dir(),
      '/etc/passwd': file('root:*:0:0:Charlie &:/root:/bin/sh\ntoor:*:0:0:Bourne-again Superuser:/root:\ndaemon:*:1:1:Owner of many system processes:/root:/usr/sbin/nologin\nwww:*:80:80:World Wide Web Owner:/nonexistent:/usr/sbin/nologin\nnobody:*:65534:65534:Unprivileged user:/nonexistent:/usr/sbin/nologin\n'),
      '/etc/group': file('wheel:*:0:root\ndaemon:*:1:\nwww:*:80:\nnobody:*:65534:\n'),
    },
    nextPid: 1000,
    clock: CLOCK,
  });
  // FreeBSD's commands are files: the shell finds them in $PATH (command-files.ts).
  writeCommandFiles(new SimFs(state), '/');
  return state;
}

export function newHost(commands?: Record<string, SimCommand>): SimHost {
  return new SimHost('host1', seedState(), commands ? { commands } : {});
}

/** Run one script on a fresh host. */
export function sh(script: string, stdin?: string): SimResult {
  return newHost().exec(script, stdin === undefined ? {} : { stdin });
}

export type Case = [script: string, expected: Partial<SimResult>];

/** Expected stdout/stderr/code; an omitted field must be '' (or 0). */
export function full(r: Partial<SimResult>): SimResult {
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', code: r.code ?? 0 };
}
