/** The fidelity tables' host: a fresh FreeBSD 14.2 host, driven only through SimHost.exec (shell + command). */
import { SimHost } from '../../../src/sim/host.js';
import type { SimResult } from '../../../src/sim/types.js';
import { simHost } from '../../helpers/sim-host.js';

export const WWW_CONF = 'www {\n  path = /usr/jail/www;\n  host.hostname = www.example.org;\n  ip4.addr = 192.0.2.10;\n  persist;\n}\n';

export function fidelityHost(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  h.fs.mkdir('/usr/jail/www', { parents: true });
  h.fs.writeFile('/etc/jail.conf', WWW_CONF);
  return h;
}

/** One row: shell text run after `setup`, and the exact result freebsd.md gives. */
export interface Row {
  doc: string;
  setup?: string;
  run: string;
  expect: SimResult;
}

export const out = (stdout: string, code = 0): SimResult => ({ stdout, stderr: '', code });
export const err = (stderr: string, code = 1, stdout = ''): SimResult => ({ stdout, stderr, code });

export function runRow(row: Row): SimResult {
  const h = fidelityHost();
  if (row.setup) {
    const s = h.exec(row.setup);
    if (s.code !== 0) throw new Error(`setup failed: ${JSON.stringify(s)}`);
  }
  return h.exec(row.run);
}
