/** A minimal simulated host for calling the jail commands directly. */
import { SimFs } from '../../../src/sim/fs.js';
import { emptySimState } from '../../../src/sim/empty-state.js';
import type { RunOptions, SimCommand, SimCommandContext, SimResult, SimState } from '../../../src/sim/types.js';

export function minimalState(): SimState {
  const state = emptySimState({
    hostname: 'host1.example.org',
    release: '14.2-RELEASE',
    interfaces: [
      { name: 'em0', mtu: 1500, inet: [{ addr: '192.0.2.23', prefixLen: 24 }], inet6: [] },
      { name: 'lo0', mtu: 16384, inet: [{ addr: '127.0.0.1', prefixLen: 8 }], inet6: [] },
    ],
    mounts: [{ from: '/dev/ada0p2', on: '/', fstype: 'ufs', options: ['local', 'soft-updates'] }],
    packages: { '': {} },
    nextPid: 100,
    clock: 1_700_000_000,
  });
  const fs = new SimFs(state);
  for (const d of ['/etc', '/var', '/var/run', '/usr', '/usr/jails', '/tmp', '/etc/jail.conf.d']) fs.mkdir(d);
  return state;
}

/** Make a jail root with the directories jail(8) mounts on. */
export function makeJailRoot(state: SimState, path: string): void {
  const fs = new SimFs(state);
  for (const d of ['', '/dev', '/proc', '/etc', '/bin', '/root']) fs.mkdir(path + d, { parents: true });
}

export interface RunCall {
  script: string;
  options: RunOptions | undefined;
}

export interface Harness {
  state: SimState;
  fs: SimFs;
  calls: RunCall[];
  /** What the fake nested shell answers for a script (default: success, no output). */
  answer: (script: string, options?: RunOptions) => SimResult;
  call(cmd: SimCommand, argv: string[], extra?: Partial<SimCommandContext>): SimResult;
}

export function harness(state: SimState = minimalState()): Harness {
  const fs = new SimFs(state);
  const h: Harness = {
    state,
    fs,
    calls: [],
    answer: () => ({ stdout: '', stderr: '', code: 0 }),
    call(cmd, argv, extra = {}) {
      const ctx: SimCommandContext = {
        argv,
        stdin: '',
        env: {},
        cwd: '/',
        root: '/',
        host: {
          name: state.hostname,
          state,
          fs,
          newPid: () => state.nextPid++,
        },
        run: (script, options) => {
          h.calls.push({ script, options });
          return h.answer(script, options);
        },
        ...extra,
      };
      return cmd(ctx);
    },
  };
  return h;
}
