/**
 * How the simulated releases' /etc differ. The seed's files are 14.2's
 * (seed-files.ts); 14.1 and older ship an older syslog.conf (without the
 * `daemon.info` line) and inetd.conf (`auth` without `-E`). Synthetic
 * differences, not the real 14.1 -> 14.2 diff: enough for etcupdate(8) to
 * have a file to update in a jail and one to merge with a local edit.
 */
import { INETD_CONF, SYSLOG_CONF } from '../seed-files.js';

const SYSLOG_DAEMON_LINE = 'daemon.info\t\t\t\t\t/var/log/daemon.log\n';
const INETD_AUTH = '#auth\tstream\ttcp\tnowait\troot\tinternal\tauth -E\n';

function olderThan142(release: string): boolean {
  const m = /^(\d+)\.(\d+)-/.exec(release);
  return m !== null && (Number(m[1]) < 14 || (Number(m[1]) === 14 && Number(m[2]) < 2));
}

/** Files (by path) whose content in `release` is not the seed's. */
export function olderReleaseEtc(release: string): Record<string, string> {
  if (!olderThan142(release)) return {};
  return {
    '/etc/syslog.conf': SYSLOG_CONF.replace(SYSLOG_DAEMON_LINE, ''),
    '/etc/inetd.conf': INETD_CONF.replace(INETD_AUTH, '#auth\tstream\ttcp\tnowait\troot\tinternal\tauth\n'),
  };
}
