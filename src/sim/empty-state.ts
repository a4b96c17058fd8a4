import type { SimState } from './types.js';

/**
 * A host with nothing on it but "/": the base that seeds, release archives
 * and test fixtures fill in. Fields given in `fields` replace the defaults.
 */
export function emptySimState(fields: Partial<SimState> = {}): SimState {
  const clock = fields.clock ?? 0;
  return {
    version: 1,
    hostname: '',
    release: '',
    fs: { '/': { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: clock } },
    sysctl: {},
    interfaces: [],
    processes: [],
    jails: [],
    mounts: [],
    datasets: [],
    packages: {},
    nextPid: 1,
    nextJid: 1,
    ...fields,
    clock,
  };
}
