/**
 * Stopping a jail from what runs, not from a file (issue 12). jail(8) -r
 * tears a jail down by the configuration it reads: after an operator edited
 * /etc/jail.conf.d/NAME.conf, `service jail stop` removed the edited address
 * and left the real one on the interface, and every later start failed with
 * "SIOCAIFADDR: File exists". So the stop goes by the running jail (`jls`:
 * name, root, addresses) and the host's view of it (`ifconfig -a`,
 * `mount`):
 *  1. exec.prestop on the host and exec.stop inside the jail — the
 *     playbook's (default `/bin/sh /etc/rc.shutdown`), under `jexec -l` as
 *     exec.clean would; a failing exec.stop is reported, not fatal: jail -R
 *     ends the jail's processes anyway, as jail(8) does after stop.timeout;
 *  2. `jail -R NAME`: the kernel removal alone, no configuration read. A
 *     jail without `persist` may be gone already: it goes with its last
 *     process (jail(8) "persist"), which exec.stop may have stopped, and
 *     then only what jail(8) set up for it is left to undo;
 *  3. each address the jail held comes off the interface that holds it,
 *     unless the host owns it (running-addresses.ts);
 *  4. everything mounted below the jail's root is unmounted, deepest first,
 *     except ZFS datasets (they mount themselves and are the jail's data)
 *     and mount points the host's /etc/fstab names (the host mounts those);
 *  5. /var/run/jail_NAME.id goes (rc.d/jail removes it on stop), then
 *     exec.poststop.
 * The mounts are found when the step runs: `mount` is not among the facts.
 */
import { quote } from '../../shell/quote.js';
import { fileFact, type FileFact } from '../facts/file-fact.js';
import { rcAllFact } from '../ip-alias/facts.js';
import type { PlanParts } from '../plan-parts.js';
import { JAILS, MOUNTS, NET, pathScope } from '../scopes.js';
import type { FactReader, FactSpec, ModuleContext, Scope, Step } from '../types.js';
import type { JailArgs } from './args.js';
import { confPath, effectiveParam, fstabPath } from './conf-render.js';
import { interfacesFact } from './host-net.js';
import { mountTableFact } from './mount-table.js';
import type { RunningJail } from './jls-fact.js';
import { addressTeardown, claimedByArgs, claimedByConf, type AddressTeardown } from './running-addresses.js';
import { fstabPaths } from './run-scopes.js';
import { unmountBelowLines } from './unmount-below.js';

export const HOST_FSTAB = '/etc/fstab';

/** What a stop reads besides jls and the jail's own files. */
export function teardownFacts(): FactSpec[] {
  return [interfacesFact(), rcAllFact(), fileFact(HOST_FSTAB), mountTableFact()];
}

type ParamValue = JailArgs['params'][string];

function commandsOf(v: ParamValue | undefined): string[] {
  if (v === undefined || typeof v === 'boolean') return [];
  return (Array.isArray(v) ? v : [v]).map(String).filter((s) => s.trim() !== '');
}

/** jail.conf booleans: `exec.clean = 'false'` (or 0) turns it off; absent is off. */
function isOff(v: ParamValue | undefined): boolean {
  if (v === undefined) return true;
  return v === false || v === 0 || v === 'false' || v === '0';
}

const text = (f: FileFact): string | undefined => (f.kind === 'file' ? f.content : undefined);

function under(path: string, root: string): boolean {
  const dir = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(dir);
}

/** Mount points below the root that the host's /etc/fstab mounts: left alone. */
function hostMountsUnder(fstab: string | undefined, root: string): { points: string[]; sources: string[] } {
  const points: string[] = [];
  const sources: string[] = [];
  for (const line of (fstab ?? '').split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const [from, on] = line.trim().split(/\s+/);
    if (on === undefined || !under(on, root)) continue;
    points.push(on);
    if (from?.startsWith('/')) sources.push(from);
  }
  return { points, sources };
}

export interface StopPlanInput {
  a: JailArgs;
  running: RunningJail;
  addresses: AddressTeardown;
  /** Host /etc/fstab mount points below the root: not unmounted. */
  keepMounts: string[];
  /** Host paths the jail reaches through its mounts (exec.stop may write there). */
  reached: string[];
}

/** Everything below the root but ZFS datasets (they mount themselves and are the jail's data) and `keep`. */
function unmountLines(root: string, keep: string[]): string[] {
  const skip = ['  case ${jf_t%%[!a-z0-9]*} in zfs) continue ;; esac', ...(keep.length ? [`  case $jf_on in ${keep.map(quote).join('|')}) continue ;; esac`] : [])];
  return unmountBelowLines(root, skip, true);
}

/**
 * What the conf's own exec.poststop does for a vnet jail (conf-render.ts),
 * as jail -R reads no conf: the epair goes (the kernel returned epairNb to
 * the host with the jail's vnet; destroying one end destroys both).
 */
function vnetStopLines(a: JailArgs): string[] {
  if (!a.vnet) return [];
  const end = quote(`epair${a.vnet.unit}a`);
  return [`if ifconfig ${end} >/dev/null 2>&1; then ifconfig ${end} destroy || exit 1; fi`];
}

export function stopScript(s: StopPlanInput): string {
  const n = quote(s.running.name);
  const param = (name: string) => effectiveParam(s.a, name);
  const jailUser = param('exec.jail_user');
  const user = typeof jailUser === 'string' ? ` -U ${quote(jailUser)}` : '';
  const jexec = `jexec${isOff(param('exec.clean')) ? '' : ' -l'}${user} ${n}`;
  const hook = (name: string): string[] =>
    commandsOf(param(name)).map((c) => `/bin/sh -c ${quote(c)} || { printf 'jail %s: ${name} failed\\n' ${n} >&2; exit 1; }`);
  return [
    ...hook('exec.prestop'),
    ...commandsOf(param('exec.stop')).map(
      (c) => `${jexec} /bin/sh -c ${quote(c)} || printf 'jail %s: exec.stop exited %s; removing the jail anyway\\n' ${n} "$?" >&2`,
    ),
    `if jls -j ${n} >/dev/null 2>&1 && ! jail -R ${n} && jls -j ${n} >/dev/null 2>&1; then exit 1; fi`,
    `if jls -j ${n} >/dev/null 2>&1; then printf 'jail %s: still running after jail -R\\n' ${n} >&2; exit 1; fi`,
    ...s.addresses.remove.map((r) => `ifconfig ${quote(r.iface)} inet ${quote(r.addr)} -alias || exit 1`),
    ...unmountLines(s.running.path, s.keepMounts),
    `rm -f ${quote(`/var/run/jail_${s.running.name}.id`)}`,
    ...vnetStopLines(s.a),
    ...hook('exec.poststop'),
  ].join('\n');
}

/** Host commands (exec.prestop/poststop) may change anything. */
export function stopChanges(s: StopPlanInput): Scope[] | undefined {
  if (commandsOf(s.a.params['exec.prestop']).length || commandsOf(s.a.params['exec.poststop']).length) return undefined;
  const name = s.running.name;
  return [JAILS, pathScope(s.running.path), pathScope(`/var/run/jail_${name}.id`), MOUNTS, NET, ...s.reached.map(pathScope)];
}

export function stopInput(a: JailArgs, running: RunningJail, facts: FactReader, ctx: ModuleContext): StopPlanInput {
  const conf = text(facts.get(fileFact(confPath(running.name))));
  const ownFstab = text(facts.get(fileFact(fstabPath(running.name))));
  const claimed = new Set([...claimedByArgs(a), ...claimedByConf(conf)]);
  const addresses = addressTeardown(running, facts.get(interfacesFact()), facts.get(rcAllFact()), claimed, ctx.connectedAddress);
  const host = hostMountsUnder(text(facts.get(fileFact(HOST_FSTAB))), running.path);
  const reached = [...new Set([...fstabPaths(a.fstab.join('\n')), ...fstabPaths(ownFstab ?? ''), ...host.sources])];
  return { a, running, addresses, keepMounts: host.points, reached };
}

function notes(s: StopPlanInput): string[] {
  return [
    ...s.addresses.remove.map((r) => `${r.addr} removed from ${r.iface}`),
    ...s.addresses.keep.map((k) => `${k.addr} kept: ${k.why}`),
  ];
}

/** The stop step and its notes; `why` is appended to the title. */
export function planStop(a: JailArgs, running: RunningJail, facts: FactReader, ctx: ModuleContext, why = ''): PlanParts {
  const s = stopInput(a, running, facts, ctx);
  const step: Step = { title: `stop jail ${running.name}${why}`, command: stopScript(s), changes: stopChanges(s) };
  return {
    steps: [step],
    diffs: [{ label: `jail ${running.name}`, before: 'running\n', after: 'stopped\n' }],
    updates: [],
    notes: [`jail ${running.name} stopped`, ...notes(s)],
  };
}
