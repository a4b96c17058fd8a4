/**
 * One planner per daemon (freebsd.md §6, DESIGN.md §0). Each changes the
 * setting when it differs, and restarts (or reloads) the daemon when it runs
 * and either its setting changed or it still listens on the wildcard or a
 * jail's address (a setting changed earlier without a restart). A daemon
 * that does not run only gets its setting: starting it is not rebind's job.
 */
import { fileFact, type FileFact } from '../facts/file-fact.js';
import { DEFAULT_FILE_MODE } from '../file-edit/plan-file.js';
import { atomicWriteCommand } from '../file-edit/atomic-write.js';
import { emptyParts, mergeParts as merge, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { checkyesno } from '../service/rcvar.js';
import { actionChanges } from '../service/scopes.js';
import { pathScope } from '../scopes.js';
import { rcValueFact, type RcTarget, type RcValue } from '../sysrc/facts.js';
import { planRcSet } from '../sysrc/plan.js';
import { command } from '../../shell/quote.js';
import type { Daemon } from './args.js';
import { sshdCheckedWriteCommand } from './checked-write.js';
import { runState, shownListener, wrongListeners, type RebindContext } from './context.js';
import { inetdFlags, sameWords, syslogdFlags } from './flags.js';
import { checkLockout } from './lockout.js';
import { withInetInterfaces } from './main-cf.js';
import { sessionAddressFact } from './session.js';
import { withListenAddresses } from './sshd-config.js';

export const SSHD_CONFIG = '/etc/ssh/sshd_config';
export const MAIN_CF = '/usr/local/etc/postfix/main.cf';

export const rcTarget = (name: string): RcTarget => ({ name, path: '/etc/rc.conf' });

function rcParts(t: RcTarget, current: RcValue, value: string): PlanParts {
  const { steps, diffs, updates, message } = planRcSet(t, current, value);
  return { steps, diffs, updates, notes: [message] };
}

/** A host rc.d script: it may change anything (service/scopes.ts). */
function serviceStep(daemon: string, action: string, note: string): PlanParts {
  const step = { title: `service ${daemon} ${action}`, command: command('service', daemon, action), changes: actionChanges({ name: daemon }) };
  return { steps: [step], diffs: [], updates: [], notes: [note] };
}

/** Restart when running and needed; a wrong listener of a stopped service is beyond rebind. */
function action(c: RebindContext, daemon: Daemon, settingChanged: boolean, verb: 'onerestart' | 'onereload'): PlanParts {
  const wrong = wrongListeners(c, daemon);
  if (!settingChanged && wrong.length === 0) return emptyParts();
  const state = runState(c, daemon);
  if (state === 'running') return serviceStep(daemon, verb, `${daemon} ${verb === 'onerestart' ? 'restarted' : 'reloaded'}`);
  if (wrong.length > 0) {
    throw new PlanError(`${daemon} listens on ${wrong.map(shownListener).join(', ')} but \`service ${daemon} onestatus\` says it is ${state === 'missing' ? 'not installed' : 'not running'}; stop that process by hand`);
  }
  return { ...emptyParts(), notes: [`${daemon} is not running (the new setting applies when it starts)`] };
}

function flagDaemon(c: RebindContext, daemon: 'syslogd' | 'inetd', want: (current: string) => string): PlanParts {
  const t = rcTarget(`${daemon}_flags`);
  const current = c.facts.get(rcValueFact(t));
  const now = current.set ? current.value : '';
  const next = want(now);
  const changed = !sameWords(now, next);
  const set = changed ? rcParts(t, current, next) : emptyParts();
  return merge(set, action(c, daemon, changed, 'onerestart'));
}

export function planSyslogd(c: RebindContext): PlanParts {
  return flagDaemon(c, 'syslogd', (now) => syslogdFlags(now, c.args.syslogd_mode, c.args.address));
}

export function planInetd(c: RebindContext): PlanParts {
  return flagDaemon(c, 'inetd', (now) => inetdFlags(now, c.args.address));
}

interface Edit {
  path: string;
  before: Extract<FileFact, { kind: 'file' }>;
  content: string;
  command: string;
  note: string;
}

function fileParts(e: Edit): PlanParts {
  const mode = e.before.mode ?? DEFAULT_FILE_MODE;
  return {
    // The temp file beside it is renamed over the path (or removed) within the step.
    steps: [{ title: `write ${e.path}`, command: e.command, changes: [pathScope(e.path)] }],
    diffs: [{ label: e.path, before: e.before.content, after: e.content }],
    updates: [{ spec: fileFact(e.path), value: { ...e.before, kind: 'file', content: e.content, mode } }],
    notes: [e.note],
  };
}

function existingFile(c: RebindContext, path: string): Extract<FileFact, { kind: 'file' }> | undefined {
  const f = c.facts.get(fileFact(path));
  if (f.kind === 'absent') return undefined;
  if (f.kind !== 'file') throw new PlanError(`${path} exists and is not a regular file`);
  return f;
}

/**
 * sshd: ListenAddress lines, then a reload (rc.d/sshd runs `sshd -t` first;
 * SIGHUP makes sshd re-exec and rebind). The new file is itself checked with
 * `sshd -t -f` before it replaces the old one.
 */
export function planSshd(c: RebindContext): PlanParts {
  const before = existingFile(c, SSHD_CONFIG);
  if (!before) throw new PlanError(`${SSHD_CONFIG} does not exist`);
  const kept = [c.args.address, ...c.args.sshd_extra_addresses.filter((a) => a !== c.args.address)];
  const content = withListenAddresses(before.content, kept);
  const changed = content !== before.content;
  const reload = action(c, 'sshd', changed, 'onereload');
  if (!changed && reload.steps.length === 0) return reload;
  checkLockout(c.facts.get(sessionAddressFact()), c.module.connectedAddress, kept);
  if (!changed) return reload;
  const mode = before.mode ?? DEFAULT_FILE_MODE;
  const write = fileParts({
    path: SSHD_CONFIG,
    before,
    content,
    command: sshdCheckedWriteCommand({ path: SSHD_CONFIG, content, mode, owner: before.owner, group: before.group }),
    note: `sshd ListenAddress ${kept.join(', ')}`,
  });
  return merge(write, reload);
}

/** postfix: inet_interfaces, then a restart — reload keeps the old sockets (freebsd.md §6). */
export function planPostfix(c: RebindContext): PlanParts {
  const before = existingFile(c, MAIN_CF);
  if (!before) return { ...emptyParts(), notes: [`postfix is not installed (${MAIN_CF} missing)`] };
  const content = withInetInterfaces(before.content, c.args.postfix_inet_interfaces);
  const changed = content !== before.content;
  const restart = action(c, 'postfix', changed, 'onerestart');
  if (!changed) return restart;
  const mode = before.mode ?? DEFAULT_FILE_MODE;
  const write = fileParts({
    path: MAIN_CF,
    before,
    content,
    command: atomicWriteCommand({ path: MAIN_CF, content, mode, owner: before.owner, group: before.group }),
    note: `postfix inet_interfaces = ${c.args.postfix_inet_interfaces}`,
  });
  return merge(write, restart);
}

/**
 * sendmail: YES runs the MTA on *:25; NO keeps only the submit MTA on
 * 127.0.0.1:25, which takes no address from a jail, so NO and NONE are left
 * as they are and YES becomes NO. The running MTA is stopped while YES is
 * still set (with NO, `onestop` also tries the submit instance, which is not
 * running, and fails), then `start` starts what NO enables.
 */
export function planSendmail(c: RebindContext): PlanParts {
  const t = rcTarget('sendmail_enable');
  const current = c.facts.get(rcValueFact(t));
  const wrong = wrongListeners(c, 'sendmail');
  if (!(current.set && checkyesno(current.value))) {
    if (wrong.length === 0) return emptyParts();
    throw new PlanError(`sendmail listens on ${wrong.map(shownListener).join(', ')} although sendmail_enable is "${current.set ? current.value : ''}"; stop it with \`service sendmail onestop\``);
  }
  const mta = c.host.some((l) => l.command === 'sendmail');
  const set = rcParts(t, current, 'NO');
  if (!mta) return set;
  return merge(serviceStep('sendmail', 'onestop', 'sendmail MTA stopped'), set, serviceStep('sendmail', 'start', 'sendmail started as a localhost-only submit MTA'));
}

export const DAEMON_PLANNERS: Readonly<Record<Daemon, (c: RebindContext) => PlanParts>> = {
  syslogd: planSyslogd,
  inetd: planInetd,
  sshd: planSshd,
  postfix: planPostfix,
  sendmail: planSendmail,
};
