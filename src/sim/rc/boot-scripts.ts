/**
 * rc.d scripts that run once at boot and leave no daemon: their start_cmd
 * replaces rc.subr's "Starting NAME." and process start (libexec/rc/rc.d,
 * freebsd/freebsd-src). Without a model they would be run as shell text
 * that sources /etc/rc.subr, which the simulator does not have.
 */
import type { RcService } from './service-types.js';

const noop = () => ({ ok: true });

/** rc.d/cleanvar @04b24c1: start_cmd cleanvar_start purges /var/run once per boot (not modelled: nothing is printed). */
export const cleanvarService: RcService = {
  name: 'cleanvar',
  desc: 'Purge /var directory',
  rcvar: 'cleanvar_enable',
  pidfile: '/var/run/cleanvar.pid',
  command: 'cleanvar',
  extraCommands: ['reload'],
  commands: { start: noop, stop: noop, reload: noop },
};

/**
 * rc.d/newsyslog @023fc80: `startmsg -n 'Creating and/or trimming log files'`,
 * newsyslog(8) (its rotation is not modelled), `startmsg '.'`; stop_cmd=":".
 */
export const newsyslogService: RcService = {
  name: 'newsyslog',
  desc: 'Logfile rotation',
  rcvar: 'newsyslog_enable',
  pidfile: '/var/run/newsyslog.pid',
  command: 'newsyslog',
  extraCommands: [],
  commands: { start: () => ({ stdout: 'Creating and/or trimming log files.\n', ok: true }), stop: noop },
};
