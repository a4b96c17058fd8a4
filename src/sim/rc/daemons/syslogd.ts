/**
 * rc.d/syslogd: `-s` still opens UDP 514 (udp4 and udp6 `*:514`), `-ss`
 * opens no network socket, `-b addr[:port]` (repeatable) binds just those,
 * `-4`/`-6` restrict the family (syslogd.8, freebsd.md §6). Its pidfile is
 * /var/run/syslog.pid, as rc.d/syslogd names it.
 */
import { isIPv4, type ListenSpec } from '../addresses.js';
import { words } from '../rc-conf.js';
import type { BindOutcome, DaemonEnv, RcService } from '../service-types.js';
import { getopts } from '../../commands/freebsd/getopts.js';
import { bindAll } from './bind-all.js';

export function syslogdWanted(flags: string[]): ListenSpec[] {
  const { opts } = getopts(flags, '468Aa:b:cCdf:FHkl:M:m:nNoO:p:P:S:sTuv');
  const secure = opts.filter((o) => o.flag === 's').length;
  if (secure >= 2) return [];
  const only4 = opts.some((o) => o.flag === '4');
  const only6 = opts.some((o) => o.flag === '6');
  const binds = opts.filter((o) => o.flag === 'b').map((o) => o.arg ?? '');
  if (binds.length === 0) {
    const specs: ListenSpec[] = [];
    if (!only4) specs.push({ proto: 'udp6', addr: '*', port: 514 });
    if (!only6) specs.push({ proto: 'udp4', addr: '*', port: 514 });
    return specs;
  }
  return binds.map((b) => {
    const v6 = /^\[(.*)\](?::(\d+))?$/.exec(b);
    if (v6) return { proto: 'udp6' as const, addr: v6[1]!, port: Number(v6[2] ?? 514) };
    const [addr = '', port] = b.split(':');
    const a = addr === '' || addr === '*' ? '*' : addr;
    return { proto: isIPv4(a) || a === '*' ? ('udp4' as const) : ('udp6' as const), addr: a, port: Number(port ?? 514) };
  });
}

function bind(env: DaemonEnv, exceptPid?: number): BindOutcome {
  const { listeners } = bindAll(env.ctx, syslogdWanted(words(env.vars.get('syslogd_flags'))), exceptPid);
  return { listeners };
}

export const syslogdService: RcService = {
  name: 'syslogd',
  rcvar: 'syslogd_enable',
  pidfile: '/var/run/syslog.pid',
  command: 'syslogd',
  extraCommands: ['reload'],
  bind,
};
