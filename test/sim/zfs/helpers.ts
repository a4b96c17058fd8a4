/** A fresh simulated FreeBSD host with a `zroot` pool, driven through the shell as jailfleet drives it. */
import { createPool } from '../../../src/sim/commands/zfs/index.js';
import { SimHost } from '../../../src/sim/host.js';
import type { SimResult } from '../../../src/sim/types.js';
import { simHost } from '../../helpers/sim-host.js';

export function zfsHost(hostname = 'host1', address = '192.0.2.23'): SimHost {
  const host = simHost(hostname, { hostname, address });
  createPool(host.state, host.fs, 'zroot');
  return host;
}

export function sh(host: SimHost, script: string, stdin?: string): SimResult {
  return host.exec(script, stdin === undefined ? {} : { stdin });
}

export const ok = (stdout = ''): SimResult => ({ stdout, stderr: '', code: 0 });
export const err = (stderr: string, code = 1, stdout = ''): SimResult => ({ stdout, stderr, code });
