/**
 * What `service NAME onestatus` reads and what `service NAME onestart` (or
 * stop, restart, reload) may change — shared with rebind, which starts and
 * checks host daemons the same way.
 */
import { JAILS, jailScope, MOUNTS, NET, pathScope, RC_CONF_FILES, RC_DEFAULTS, serviceScope } from '../scopes.js';
import type { Scope } from '../types.js';

export interface ServiceRef {
  name: string;
  jail?: string;
}

/**
 * rc.subr's status: the script (base or local_startup), the rc.conf files
 * and rc.conf.d that say where the pid file is and which program to look
 * for, and the process itself (service:). A script installed or a pidfile
 * variable set by an earlier task is seen. In a jail, all of that is the
 * jail's.
 */
export function statusReads(s: ServiceRef): Scope[] {
  if (s.jail !== undefined) return [serviceScope(s.jail, s.name), jailScope(s.jail)];
  return [
    serviceScope(undefined, s.name),
    pathScope(`/etc/rc.d/${s.name}`),
    pathScope(`/usr/local/etc/rc.d/${s.name}`),
    ...RC_CONF_FILES.map(pathScope),
    pathScope(`/etc/rc.conf.d/${s.name}`),
    pathScope(`/usr/local/etc/rc.conf.d/${s.name}`),
    pathScope(RC_DEFAULTS),
  ];
}

/**
 * On the host an rc.d script is code run as root, and it writes wherever it
 * likes: rc.d/sshd's start generates host keys in /etc/ssh, rc.d/sendmail's
 * rebuilds /etc/mail/aliases.db and the .cf files, rc.d/jail starts jails,
 * rc.d/sysctl sets sysctls, ports' scripts initialise data directories. No
 * list is complete: undefined (everything).
 *
 * In a jail the same code can only reach the jail: its files and processes
 * (`jail:`, which meets every path, nullfs mounts included), its entry in
 * the jail table (a non-persistent jail ends with its last process), its
 * sockets (`net`), and mounts if the jail may mount.
 */
export function actionChanges(s: ServiceRef): Scope[] | undefined {
  if (s.jail === undefined) return undefined;
  return [jailScope(s.jail), JAILS, serviceScope(s.jail, s.name), NET, MOUNTS];
}
