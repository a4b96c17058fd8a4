/**
 * rc.d/sendmail: one script, up to three rc.subr instances. sendmail_enable
 * YES runs the MTA on *:25; the default NO still runs the submit MTA on
 * 127.0.0.1:25 (sendmail_submit_enable) plus the queue runner; NONE turns all
 * of them off (freebsd.md §6, rc.d/sendmail @242eb8d).
 */
import { checkYesNo } from '../rc-conf.js';
import type { RcVars } from '../rc-conf-parse.js';
import { RcVarsLayer } from '../rc-vars-layer.js';
import type { RcService } from '../service-types.js';
import { bindAll } from './bind-all.js';

const base = {
  command: 'sendmail',
  extraCommands: [] as string[],
};

export const sendmailMta: RcService = {
  ...base,
  name: 'sendmail',
  rcvar: 'sendmail_enable',
  pidfile: '/var/run/sendmail.pid',
  bind: (env, exceptPid) => ({ listeners: bindAll(env.ctx, [{ proto: 'tcp4', addr: '*', port: 25 }], exceptPid).listeners }),
};

export const sendmailSubmit: RcService = {
  ...base,
  name: 'sendmail_submit',
  rcvar: 'sendmail_submit_enable',
  pidfile: '/var/run/sendmail.pid',
  bind: (env, exceptPid) => {
    const { listeners } = bindAll(env.ctx, [{ proto: 'tcp4', addr: '127.0.0.1', port: 25 }], exceptPid);
    return listeners.length ? { listeners } : { error: '' };
  },
};

export const sendmailMspQueue: RcService = {
  ...base,
  name: 'sendmail_msp_queue',
  rcvar: 'sendmail_msp_queue_enable',
  pidfile: '/var/spool/clientmqueue/sm-client.pid',
  user: 'smmsp',
};

/** The rcvars rc.d/sendmail computes before running each instance. */
export function sendmailVars(vars: RcVars): RcVars {
  const set = new Map<string, string>();
  const get = (k: string) => set.get(k) ?? vars.get(k);
  if (/^none$/i.test(get('sendmail_enable') ?? '')) {
    for (const k of ['sendmail_enable', 'sendmail_submit_enable', 'sendmail_outbound_enable', 'sendmail_msp_queue_enable']) set.set(k, 'NO');
  }
  if (checkYesNo(get('sendmail_enable'))) {
    set.set('sendmail_submit_enable', 'NO');
    set.set('sendmail_outbound_enable', 'NO');
  }
  if (checkYesNo(get('sendmail_submit_enable'))) set.set('sendmail_outbound_enable', 'NO');
  // A layer over the shared variables, not a copy of their few hundred entries for every run.
  if (set.size === 0) return vars;
  const layer = new RcVarsLayer(vars);
  for (const [k, v] of set) layer.set(k, v);
  return layer;
}

/** Instances run after the main one, only when their rcvar is on (as the script checks). */
export const sendmailExtraInstances: RcService[] = [sendmailSubmit, sendmailMspQueue];
