/**
 * The rc.d scripts the simulator knows, and running one: `/etc/rc.d/NAME
 * verb`. Scripts without a model behave as a plain rc.subr script with
 * rcvar NAME_enable and no sockets; rc.d/jail is the jail engineer's rcJail.
 */
import type { SimCommandContext, SimResult } from '../types.js';
import { rcJail } from '../commands/jail/rc-jail.js';
import { cleanvarService, newsyslogService } from './boot-scripts.js';
import { inetdService } from './daemons/inetd.js';
import { runNetif } from './netif.js';
import { nginxService } from './daemons/nginx.js';
import { postfixService } from './daemons/postfix.js';
import { sendmailExtraInstances, sendmailMta, sendmailVars } from './daemons/sendmail.js';
import { sshdService } from './daemons/sshd.js';
import { syslogdService } from './daemons/syslogd.js';
import { checkYesNo } from './rc-conf.js';
import { rcVarsFor, runRcCommand } from './rc-subr.js';
import type { RcService } from './service-types.js';

const cronService: RcService = {
  name: 'cron',
  desc: 'Daemon to execute scheduled commands',
  rcvar: 'cron_enable',
  pidfile: '/var/run/cron.pid',
  command: 'cron',
  extraCommands: [],
};

export const rcServices: Record<string, RcService> = {
  syslogd: syslogdService,
  sshd: sshdService,
  inetd: inetdService,
  postfix: postfixService,
  sendmail: sendmailMta,
  cron: cronService,
  nginx: nginxService,
  cleanvar: cleanvarService,
  newsyslog: newsyslogService,
};

/** The model for an rc.d script name, or a generic rc.subr script. */
export function rcServiceFor(name: string): RcService {
  return (
    rcServices[name] ?? {
      name,
      rcvar: `${name}_enable`,
      pidfile: `/var/run/${name}.pid`,
      command: name,
      extraCommands: [],
    }
  );
}

/** Run `script verb args...` for the rc.d script `name`. */
export function runRcScript(ctx: SimCommandContext, name: string, script: string, args: string[]): SimResult {
  const [verb = '', ...rest] = args;
  // rc.d/jail is run_rc_command-based: `enabled` is rc.subr's, before any jail logic.
  if (name === 'jail' && verb === 'enabled') return runRcCommand(ctx, rcServiceFor(name), verb, script);
  if (name === 'jail') return rcJail(ctx, verb, rest);
  // rc.d/netif takes interface names after the verb (netif.ts).
  if (name === 'netif') return runNetif(ctx, script, args);
  if (name !== 'sendmail') return runRcCommand(ctx, rcServiceFor(name), verb, script);
  // rc.d/sendmail runs run_rc_command once per enabled instance, then the queue runner.
  const vars = sendmailVars(rcVarsFor(ctx, 'sendmail'));
  const results = [runRcCommand(ctx, sendmailMta, verb, script, vars)];
  for (const svc of sendmailExtraInstances) {
    if (svc.name === 'sendmail_submit' && !checkYesNo(vars.get(svc.rcvar))) continue;
    results.push(runRcCommand(ctx, svc, verb, script, vars));
  }
  return {
    stdout: results.map((r) => r.stdout).join(''),
    stderr: results.map((r) => r.stderr).join(''),
    code: Math.max(...results.map((r) => r.code)),
  };
}
