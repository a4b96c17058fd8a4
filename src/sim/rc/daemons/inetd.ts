/**
 * rc.d/inetd: one listening socket per enabled /etc/inetd.conf service, on
 * every address or on the `-a address` of inetd_flags (inetd.8). SIGHUP
 * re-reads inetd.conf; the bind address is a command-line flag, so a reload
 * keeps the one inetd was started with.
 */
import type { SimCommandContext, SimProcess } from '../../types.js';
import { resolveHost, primaryAddress, type ListenSpec, type Proto } from '../addresses.js';
import { rebind } from '../processes.js';
import { readRcFile, words } from '../rc-conf.js';
import type { BindOutcome, DaemonEnv, RcService } from '../service-types.js';
import { getopts } from '../../commands/freebsd/getopts.js';
import { bindAll } from './bind-all.js';
import { servicePort } from './services-db.js';

function protos(proto: string): Proto[] {
  switch (proto) {
    case 'tcp':
    case 'tcp4':
      return ['tcp4'];
    case 'tcp6':
      return ['tcp6'];
    case 'tcp46':
      return ['tcp4', 'tcp6'];
    case 'udp':
    case 'udp4':
      return ['udp4'];
    case 'udp6':
      return ['udp6'];
    case 'udp46':
      return ['udp4', 'udp6'];
    default:
      return [];
  }
}

/** Sockets for the enabled lines of inetd.conf, bound to `addr` ('*' for all). */
export function inetdWanted(ctx: SimCommandContext, addr: string): ListenSpec[] {
  const where = { fs: ctx.host.fs, root: ctx.root };
  const conf = readRcFile(where, '/etc/inetd.conf') ?? '';
  const services = readRcFile(where, '/etc/services');
  const specs: ListenSpec[] = [];
  for (const raw of conf.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [name = '', , proto = ''] = line.split(/\s+/);
    if (name.includes('/')) continue; // RPC services need rpcbind; not modelled
    for (const p of protos(proto)) {
      const port = servicePort(services, name, p.startsWith('tcp') ? 'tcp' : 'udp');
      if (port === undefined) continue;
      const v6 = p.endsWith('6');
      if (addr !== '*' && addr.includes(':') !== v6) continue;
      specs.push({ proto: p, addr, port });
    }
  }
  return specs;
}

function bindAddress(env: DaemonEnv): string {
  const { opts } = getopts(words(env.vars.get('inetd_flags')), 'a:c:C:dlp:R:s:wW');
  const a = opts.filter((o) => o.flag === 'a').pop()?.arg;
  if (!a) return '*';
  const ctx = env.ctx;
  const r = resolveHost(readRcFile({ fs: ctx.host.fs, root: ctx.root }, '/etc/hosts'), a, {
    hostname: ctx.host.state.hostname,
    address: primaryAddress(ctx.host.state, ctx.jail),
  });
  return r?.ip4[0] ?? r?.ip6[0] ?? a;
}

function bind(env: DaemonEnv, exceptPid?: number): BindOutcome {
  return { listeners: bindAll(env.ctx, inetdWanted(env.ctx, bindAddress(env)), exceptPid).listeners };
}

export const inetdService: RcService = {
  name: 'inetd',
  desc: 'Internet "super-server"',
  rcvar: 'inetd_enable',
  pidfile: '/var/run/inetd.pid',
  command: 'inetd',
  extraCommands: ['reload'],
  bind,
  onReload(env: DaemonEnv, proc: SimProcess) {
    const addrs = [...new Set(proc.listeners.map((l) => l.addr))];
    const addr = addrs.length === 1 ? addrs[0]! : bindAddress(env);
    rebind(proc, bindAll(env.ctx, inetdWanted(env.ctx, addr), proc.pid).listeners);
  },
};
