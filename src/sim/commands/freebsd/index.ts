import type { SimCommand } from '../../types.js';
import { crontab } from './crontab.js';
import { ifconfig } from './ifconfig.js';
import { nginx } from './nginx.js';
import { pfctlCommand } from '../pf/pfctl.js';
import { etcupdateCommand } from '../update/etcupdate.js';
import { freebsdUpdateCommand } from '../update/freebsd-update.js';
import { pw } from './pw.js';
import { poweroff, shutdown } from './shutdown.js';
import { rcorder } from './rcorder.js';
import { rcScriptCommand, service } from './service.js';
import { sockstat } from './sockstat.js';
import { sshd } from './sshd.js';
import { sysctl } from './sysctl.js';
import { sysrc } from './sysrc.js';

/** rc.d scripts reachable by path (`/etc/rc.d/sshd restart`). */
const RC_D_PATHS = [
  '/etc/rc.d/sshd',
  '/etc/rc.d/syslogd',
  '/etc/rc.d/inetd',
  '/etc/rc.d/sendmail',
  '/etc/rc.d/cron',
  '/etc/rc.d/ntpd',
  '/etc/rc.d/jail',
  '/etc/rc.d/netif',
  '/etc/rc.d/cleanvar',
  '/etc/rc.d/newsyslog',
  '/usr/local/etc/rc.d/postfix',
  '/usr/local/etc/rc.d/nginx',
];

/** FreeBSD-specific commands (sysrc, service, sockstat, sysctl, ifconfig, ...). */
export const freebsdCommands: Record<string, SimCommand> = {
  sysrc,
  '/usr/sbin/sysrc': sysrc,
  service,
  '/usr/sbin/service': service,
  sockstat,
  '/usr/bin/sockstat': sockstat,
  sysctl,
  '/sbin/sysctl': sysctl,
  ifconfig,
  '/sbin/ifconfig': ifconfig,
  pfctl: pfctlCommand,
  '/sbin/pfctl': pfctlCommand,
  'freebsd-update': freebsdUpdateCommand,
  '/usr/sbin/freebsd-update': freebsdUpdateCommand,
  etcupdate: etcupdateCommand,
  '/usr/sbin/etcupdate': etcupdateCommand,
  sshd,
  '/usr/sbin/sshd': sshd,
  pw, '/usr/sbin/pw': pw,
  crontab,
  '/usr/bin/crontab': crontab,
  nginx,
  '/usr/local/sbin/nginx': nginx,
  shutdown,
  '/sbin/shutdown': shutdown,
  poweroff,
  '/sbin/poweroff': poweroff,
  rcorder,
  '/sbin/rcorder': rcorder,
  ...Object.fromEntries(RC_D_PATHS.map((p) => [p, rcScriptCommand(p)])),
};
