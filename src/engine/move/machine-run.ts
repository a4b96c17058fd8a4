/**
 * A whole old machine retired into a jail on the destination (issue 13,
 * machine → jail). Order (README "Consolidating old machines"):
 *
 *   read both hosts; preflight (nothing changes yet: the paths are
 *   directories, the accounts merge without conflict, the address can move)
 *   → build the jail, stopped, from the release, with the source's enabled
 *   services in its rc.conf (the jail module) → install the source's
 *   packages (`pkg -r ROOT`) → merge its users and groups (`pw -R ROOT`)
 *   — all while the source still serves —
 *   → cutover: stop the source's services → release the address from the
 *   source and check with ifconfig that it is gone → copy the listed paths
 *   (tar through the controller, checked with mtree) → start the jail →
 *   verify (jls, address, sockstat, the user's check) → retire the source
 *   (its services disabled and its address's rc.conf variable removed, so
 *   it never takes the address back; a marker says what it became).
 *
 * The source must stay reachable without the address it gives up: a
 * source the controller reaches at that very address is refused.
 * Any failure after the services stopped rolls back: the jail is stopped
 * (its address goes with it; its data stays, for inspection and for the
 * next run), the source gets its address back and its services restart.
 * A move record on the destination marks the jail as this move's own, so
 * a rerun after a drop goes on where it is.
 */
import { posix } from 'node:path';
import { connectionOf } from '../../inventory/connection.js';
import { formatIp4Entry, parseIp4Entry, type Ip4Entry } from '../../modules/jail/args.js';
import type { HostInterface } from '../../modules/jail/host-net.js';
import type { Diff } from '../../modules/types.js';
import { quote } from '../../shell/quote.js';
import { relay } from '../../transport/relay.js';
import { mtreeSpecCommand, tarSize, verifyCopy } from './copy-check.js';
import { holds, readFacts } from './jail-site.js';
import { releaseAliases } from './release-aliases.js';
import { runJailTask } from './jail-subplay.js';
import { mergeAccounts, type Account, type AccountMerge } from './machine-accounts.js';
import { addressVariable, carriedServices, type CarriedServices } from './machine-services.js';
import { readMachineDestination, readMachineSource, RETIRED_FILE, type MachineSource } from './machine-source.js';
import { dropRecord, writeRecord } from './move-record.js';
import { MoveFailure, type MoveContext, type MoveOutcome } from './move-types.js';
import { verifyStarted } from './verify-started.js';
import { interfacesFact } from '../../modules/jail/host-net.js';

interface Plan {
  name: string;
  root: string;
  release: string;
  paths: string[];
  carried: CarriedServices;
  /** The source's services stopped for the cutover (sshd stays: it is how the controller reaches the source). */
  stop: string[];
  packages: string[];
  entry: Ip4Entry;
  /** The source's own address, when the jail takes it over. */
  takeover?: { iface: string; prefix: number; variable: string };
}

/** Where the copy of the paths lands first: inside the jail root, so each path is renamed into place on its own file system. */
const INCOMING = '.jailfleet-incoming';

export async function runMachineMove(ctx: MoveContext): Promise<MoveOutcome> {
  const { args } = ctx;
  const name = args.name!;
  const root = args.path ?? `/usr/jails/${name}`;
  const srcName = ctx.source.host.name;
  const dstName = ctx.destination.host.name;
  const where = `${srcName} (the machine) → ${dstName}:${name}`;
  const [src, dst] = await Promise.all([readMachineSource(ctx.source.transport, args.paths!), readMachineDestination(ctx.destination.transport, name, root)]);
  const marker = `${dstName} ${name}`;
  const ours = dst.record?.startsWith(recordLine(srcName, root, '')) === true;
  if (dst.site.running && src.retired === marker) return { status: 'ok', message: `${srcName} runs as jail ${name} on ${dstName} (retired there)` };
  const plan = planOf(ctx, name, root, src, dst.site.ifaces, ours ? dst.record : undefined);
  const addr = plan.entry.addr;
  const sourceHolds = src.ifaces.some((i) => i.inet.some((x) => x.addr === addr));

  if (dst.site.running && (!plan.takeover || !sourceHolds)) {
    if (!ours) throw new MoveFailure(`${where}: a jail ${name} already runs on ${dstName}; give the move another name (name:)`);
    if (ctx.check) return { status: 'changed', message: `would retire ${srcName} (it runs as jail ${name} on ${dstName})` };
    await retire(ctx, plan, marker);
    return { status: 'changed', message: `${srcName} runs as jail ${name} on ${dstName}; retired ${srcName}` };
  }
  preflight(ctx, where, plan, src, dst, ours);
  const merge = mergeAccounts(src.accounts, dst.accounts);
  if (merge.conflicts.length) throw new MoveFailure(`${where}: accounts conflict, nothing was changed: ${merge.conflicts.join('; ')}`);

  if (ctx.check) {
    const sizes = await Promise.all(plan.paths.map((p) => ctx.source.transport.exec(`mtree -c -n -k type,size -p ${quote(p)}`)));
    const bytes = sizes.every((s) => s.code === 0) ? `, about ${sizes.reduce((n, s) => n + tarSize(s.stdout), 0)} bytes` : '';
    return {
      status: 'changed',
      message:
        `would build jail ${name} on ${dstName} (${root}, ${plan.release}) from ${srcName}: packages ${plan.packages.join(', ') || 'none'}; ` +
        `users ${merge.users.map((u) => u.name).join(', ') || 'none'}; groups ${merge.groups.map((g) => g.name).join(', ') || 'none'}; ` +
        `services ${plan.carried.services.join(', ') || 'none'}${plan.carried.dropped.length ? ` (left behind: ${plan.carried.dropped.join(', ')})` : ''}; ` +
        `copy ${plan.paths.join(', ')} by tar${bytes}; address ${addr} ${plan.takeover ? `moves from ${srcName} to ${dstName}` : `on ${dstName}`}`,
      diffs: machineDiffs(ctx, plan),
    };
  }

  // Before the cutover, while the source still serves: the jail, its packages, its accounts.
  const recorded = await writeRecord(ctx.destination.transport, name, recordLine(srcName, root, takenOver(plan)));
  if (recorded) throw new MoveFailure(`${where}: recording the move on ${dstName} failed (${recorded}); nothing was stopped`);
  const built = await runJailTask(ctx.destination, `build jail ${name} for ${srcName}`, jailArgs(plan, 'stopped', args.dataset), ctx);
  if (!built.ok) throw new MoveFailure(`${where}: building jail ${name} failed (${built.message}); nothing was stopped`);
  const prepared = await prepareJail(ctx, plan);
  if (prepared) throw new MoveFailure(`${where}: ${prepared}; nothing was stopped`);

  const started = performance.now();
  const cut = await cutover(ctx, plan).catch((err: unknown) => ({ step: 'the cutover', why: err instanceof Error ? err.message : String(err) }));
  if ('why' in cut) return rollBack(ctx, plan, `${where}: ${cut.step} failed (${cut.why})`);
  const downtimeMs = performance.now() - started;
  await retire(ctx, plan, marker);
  return {
    status: 'changed',
    message:
      `${srcName} became jail ${name} on ${dstName}:${root} (${plan.release}; packages ${plan.packages.join(', ') || 'none'}; ` +
      `users ${merge.users.map((u) => u.name).join(', ') || 'none'}; services ${plan.carried.services.join(', ') || 'none'}; ` +
      `${cut.bytes} bytes of ${plan.paths.join(', ')} by tar, verified with mtree; ${addr} ${plan.takeover ? `moved from ${srcName}` : 'is its address'}); ` +
      `${srcName} retired; downtime ${Math.round(downtimeMs)} ms`,
    diffs: machineDiffs(ctx, plan),
    downtimeMs,
    bytes: cut.bytes,
  };
}

/** Stop the source, move the address and the data, start and verify the jail: the bytes copied, or the step that failed and why. */
async function cutover(ctx: MoveContext, plan: Plan): Promise<{ bytes: number } | { step: string; why: string }> {
  const srcName = ctx.source.host.name;
  const dstName = ctx.destination.host.name;
  const stopped = await ctx.source.transport.exec(stopScript(plan.stop));
  if (stopped.code !== 0) return { step: `stopping ${plan.stop.join(', ')} on ${srcName}`, why: stopped.stderr.trim() || `exit ${stopped.code}` };
  if (plan.takeover) {
    const still = await releaseAddress(ctx, plan);
    if (still) return { step: 'releasing the address', why: still };
  }
  const copied = await copyPaths(ctx, plan);
  if (copied.problem) return { step: 'copying the paths', why: copied.problem };
  const up = await runJailTask(ctx.destination, `start jail ${plan.name} (${srcName})`, jailArgs(plan, 'running', ctx.args.dataset), ctx);
  if (!up.ok) return { step: `starting ${plan.name} on ${dstName}`, why: up.message };
  const problem = await verifyStarted(ctx, plan.name, [plan.entry.addr]);
  if (problem) return { step: `verifying ${plan.name} on ${dstName}`, why: problem };
  return { bytes: copied.bytes };
}

/**
 * The move record: the source, the root, and the source's address as it was
 * (interface, address/prefix, its rc.conf variable), so a rerun after the
 * address left the source still knows what to take over and give back.
 */
const recordLine = (source: string, root: string, address: string): string => `${source} machine ${root} ${address}`;
const takenOver = (plan: Plan): string => (plan.takeover ? `${plan.takeover.iface} ${plan.entry.addr}/${plan.takeover.prefix} ${plan.takeover.variable || '-'}` : '-');

/** The source's address from an earlier run's record, when the source no longer holds it. */
function recordedAddress(record: string | undefined): { iface: string; addr: string; prefix: number; variable: string } | undefined {
  const m = record === undefined ? null : / (\S+) (\d+\.\d+\.\d+\.\d+)\/(\d+) (\S+)$/.exec(record);
  return m ? { iface: m[1]!, addr: m[2]!, prefix: Number(m[3]), variable: m[4] === '-' ? '' : m[4]! } : undefined;
}

function planOf(ctx: MoveContext, name: string, root: string, src: MachineSource, destIfaces: HostInterface[], record: string | undefined): Plan {
  const { args } = ctx;
  const carried = carriedServices(src.rc);
  const base = { name, root, release: args.release!, paths: args.paths!, carried, stop: carried.services.filter((s) => s !== 'sshd').reverse(), packages: src.packages };
  if (args.ip !== undefined && args.ip !== 'takeover' && args.ip !== 'keep') return { ...base, entry: parseIp4Entry(args.ip)! };
  const recorded = recordedAddress(record);
  const own = recorded ?? primaryAddress(src.ifaces);
  if (!own) throw new MoveFailure(`${ctx.source.host.name} has no IPv4 address to take over (ifconfig); give the jail one (ip: "iface|a.b.c.d/32")`);
  const variable = recorded ? recorded.variable : (addressVariable(src.rc, own.addr) ?? '');
  return { ...base, entry: { iface: destinationIface(destIfaces, own.addr), addr: own.addr, prefix: 32 }, takeover: { iface: own.iface, prefix: own.prefix, variable } };
}

/** The source's own address: the first one of its first interface that is not the loopback (ifconfig order). */
function primaryAddress(ifaces: HostInterface[]): { iface: string; addr: string; prefix: number } | undefined {
  for (const i of ifaces) {
    const inet = i.inet.find((x) => !x.addr.startsWith('127.'));
    if (inet && !i.name.startsWith('lo')) return { iface: i.name, addr: inet.addr, prefix: inet.prefix };
  }
  return undefined;
}

/** The destination interface for the address: the one on its subnet, else the first that is not the loopback. */
function destinationIface(ifaces: HostInterface[], addr: string): string {
  const n = ipNumber(addr);
  const onSubnet = ifaces.find((i) => i.inet.some((x) => x.prefix > 0 && (ipNumber(x.addr) ^ n) >>> (32 - x.prefix) === 0));
  return (onSubnet ?? ifaces.find((i) => !i.name.startsWith('lo')) ?? { name: 'em0' }).name;
}

const ipNumber = (a: string): number => a.split('.').reduce((n, o) => ((n << 8) | Number(o)) >>> 0, 0);

function preflight(ctx: MoveContext, where: string, plan: Plan, src: MachineSource, dst: Awaited<ReturnType<typeof readMachineDestination>>, ours: boolean): void {
  const dstName = ctx.destination.host.name;
  if (src.notDirectories.length) throw new MoveFailure(`${where}: ${src.notDirectories.join(', ')} ${src.notDirectories.length > 1 ? 'are not directories' : 'is not a directory'} on ${ctx.source.host.name}; paths lists directories`);
  if (!ours && dst.site.conf) throw new MoveFailure(`${where}: ${dstName} already has a conf file for a jail ${plan.name}; give the move another name (name:)`);
  if (!ours && dst.rootExists) throw new MoveFailure(`${where}: ${dstName}:${plan.root} already exists; move it away or give another path (path:)`);
  if (holds(dst.site, plan.entry.addr)) throw new MoveFailure(`${where}: ${dstName} already holds ${plan.entry.addr}`);
  if (!plan.takeover) return;
  if (connectionOf(ctx.source.host).address === plan.entry.addr) {
    throw new MoveFailure(`${where}: the controller reaches ${ctx.source.host.name} at ${plan.entry.addr}, the address the jail takes over; give it another address in the inventory (ansible_host) first`);
  }
  const sourceHolds = src.ifaces.some((i) => i.inet.some((x) => x.addr === plan.entry.addr));
  if (sourceHolds && plan.takeover.variable === '') {
    throw new MoveFailure(`${where}: no ifconfig_ variable of ${ctx.source.host.name}'s rc.conf names ${plan.entry.addr} (DHCP?); a takeover needs a static address it can remove for good`);
  }
}

/** The jail module's arguments for the jail the machine becomes. */
function jailArgs(plan: Plan, state: 'running' | 'stopped', dataset: string | undefined): Record<string, unknown> {
  return {
    name: plan.name,
    path: plan.root,
    ...(dataset !== undefined ? { dataset } : {}),
    hostname: plan.name,
    ip4: [formatIp4Entry(plan.entry)],
    release: plan.release,
    mounts: ['devfs'],
    rc_conf: plan.carried.vars,
    state,
  };
}

/** Packages and accounts into the built jail's root; what failed, or undefined. */
async function prepareJail(ctx: MoveContext, plan: Plan): Promise<string | undefined> {
  const dest = ctx.destination.transport;
  if (plan.packages.length) {
    const pkg = await dest.exec(`env ASSUME_ALWAYS_YES=yes pkg -r ${quote(plan.root)} install -y ${plan.packages.map(quote).join(' ')}`);
    if (pkg.code !== 0) return `installing ${plan.packages.join(', ')} in ${plan.root} failed: ${pkg.stderr.trim() || `exit ${pkg.code}`}`;
  }
  // The jail's own accounts, read again now that it is built: what is left to add.
  const now = await readMachineDestination(dest, plan.name, plan.root);
  const source = await readMachineSource(ctx.source.transport, []);
  const merge: AccountMerge = mergeAccounts(source.accounts, now.accounts);
  if (merge.conflicts.length) return `accounts conflict: ${merge.conflicts.join('; ')}`;
  const pw = `pw -R ${quote(plan.root)}`;
  for (const g of merge.groups) {
    const r = await dest.exec(`${pw} groupadd ${quote(g.name)} -g ${g.id}`);
    if (r.code !== 0) return `adding group ${g.name}: ${r.stderr.trim() || `exit ${r.code}`}`;
  }
  for (const u of merge.users) {
    // The password hash goes on stdin (-H 0), never on a command line or in a log.
    const r = await dest.exec(userAdd(pw, u), u.passwd === undefined ? {} : { stdin: `${u.passwd}\n` });
    if (r.code !== 0) return `adding user ${u.name}: ${r.stderr.trim() || `exit ${r.code}`}`;
  }
  const known = new Set([...now.accounts.users, ...merge.users].map((u) => u.name));
  for (const g of merge.groups) {
    const members = (g.members ?? []).filter((m) => known.has(m));
    if (!members.length) continue;
    const r = await dest.exec(`${pw} groupmod ${quote(g.name)} -m ${quote(members.join(','))}`);
    if (r.code !== 0) return `adding the members of group ${g.name}: ${r.stderr.trim() || `exit ${r.code}`}`;
  }
  return undefined;
}

function userAdd(pw: string, u: Account): string {
  const opt = (flag: string, v: string | number | undefined) => (v === undefined ? '' : ` ${flag} ${quote(String(v))}`);
  return `${pw} useradd ${quote(u.name)} -u ${u.id}${opt('-g', u.gid)}${opt('-c', u.gecos)}${opt('-d', u.home)}${opt('-s', u.shell)}${u.passwd === undefined ? ' -w no' : ' -H 0'}`;
}

/**
 * Stop `services`, each checked afterwards: onestop of one that does not
 * run fails harmlessly, so what counts is that onestatus then finds it
 * stopped. Exit 1 naming the first that still runs.
 */
function stopScript(services: string[]): string {
  if (!services.length) return 'true';
  return `for s in ${services.map(quote).join(' ')}; do service "$s" onestop >/dev/null 2>&1; if service "$s" onestatus >/dev/null 2>&1; then echo "$s still runs" >&2; exit 1; fi; done`;
}

/** Take the address off the source and check it is gone; what is wrong, or undefined. */
async function releaseAddress(ctx: MoveContext, plan: Plan): Promise<string | undefined> {
  const addr = plan.entry.addr;
  const held = async () => (await readFacts<[HostInterface[]]>(ctx.source.transport, [interfacesFact()]))[0].some((i) => i.inet.some((x) => x.addr === addr));
  if (!(await held())) return undefined;
  const r = await ctx.source.transport.exec(`ifconfig ${quote(plan.takeover!.iface)} inet ${quote(addr)} -alias`);
  if (await held()) return `${ctx.source.host.name} still holds ${addr}${r.code !== 0 ? `: ${r.stderr.trim()}` : ''}`;
  return undefined;
}

/** The listed paths, source → jail root through the controller, each checked with mtree, then renamed into place. */
async function copyPaths(ctx: MoveContext, plan: Plan): Promise<{ bytes: number; problem?: string }> {
  const src = ctx.source.transport;
  const dest = ctx.destination.transport;
  const incoming = posix.join(plan.root, INCOMING);
  const specs: string[] = [];
  for (const p of plan.paths) {
    const spec = await src.exec(mtreeSpecCommand(p));
    if (spec.code !== 0) return { bytes: 0, problem: `mtree of ${p} on ${ctx.source.host.name}: ${spec.stderr.trim() || `exit ${spec.code}`}` };
    specs.push(spec.stdout);
  }
  const rel = plan.paths.map((p) => p.replace(/^\/+/, ''));
  let bytes = 0;
  try {
    const total = specs.reduce((n, s) => n + tarSize(s), 0);
    const copied = await relay(
      { transport: src, command: `tar -cf - --numeric-owner -C / ${rel.map(quote).join(' ')}` },
      { transport: dest, command: `rm -rf ${quote(incoming)} && mkdir -p ${quote(incoming)} && tar -xpf - --numeric-owner --fflags -C ${quote(incoming)}` },
      ctx.onProgress ? { onProgress: (p) => ctx.onProgress!({ ...p, totalBytes: total }) } : {},
    );
    bytes = copied.bytes;
    if (copied.source.code !== 0) return { bytes, problem: `tar on ${ctx.source.host.name} exited ${copied.source.code}: ${copied.source.stderr.trim()}` };
    if (copied.destination.code !== 0) return { bytes, problem: `tar on ${ctx.destination.host.name} exited ${copied.destination.code}: ${copied.destination.stderr.trim()}` };
  } catch (err) {
    return { bytes, problem: err instanceof Error ? err.message : String(err) };
  }
  for (const [i, r] of rel.entries()) {
    const problem = await verifyCopy(dest, ctx.destination.host.name, specs[i]!, posix.join(incoming, r));
    if (problem) return { bytes, problem };
  }
  // Each path is swapped by a rename: what the jail had there (a package's sample config) is replaced whole.
  const place = rel
    .map((r) => {
      const to = quote(posix.join(plan.root, r));
      return `rm -rf ${to}.jailfleet-old && { [ ! -e ${to} ] || mv ${to} ${to}.jailfleet-old; } && mkdir -p ${quote(posix.dirname(posix.join(plan.root, r)))} && mv ${quote(posix.join(incoming, r))} ${to} && rm -rf ${to}.jailfleet-old`;
    })
    .join(' && ');
  const placed = await dest.exec(`${place} && rm -rf ${quote(incoming)}`);
  if (placed.code !== 0) return { bytes, problem: `putting the copy in place: ${placed.stderr.trim() || `exit ${placed.code}`}` };
  return { bytes };
}

/** The source never serves or takes the address again: services disabled, the address's rc.conf variable gone, a marker. */
async function retire(ctx: MoveContext, plan: Plan, marker: string): Promise<void> {
  const disable = plan.stop.map((s) => `sysrc ${quote(`${s}_enable=NO`)} >/dev/null`);
  // Removed, then checked gone (a rerun finds it gone already: -x of an unset variable fails).
  const v = plan.takeover?.variable;
  const address = v ? [`{ sysrc -x ${quote(v)} >/dev/null 2>&1; ! sysrc -n ${quote(v)} >/dev/null 2>&1; }`] : [];
  const keep = `[ -e /etc/rc.conf.jailfleet-retired ] || cp -p /etc/rc.conf /etc/rc.conf.jailfleet-retired`;
  const note = `mkdir -p ${quote(posix.dirname(RETIRED_FILE))} && printf '%s\\n' ${quote(marker)} > ${quote(`${RETIRED_FILE}.tmp`)} && mv ${quote(`${RETIRED_FILE}.tmp`)} ${quote(RETIRED_FILE)}`;
  const r = await ctx.source.transport.exec([keep, ...disable, ...address, note].join(' && '));
  if (r.code !== 0) throw new MoveFailure(`jail ${plan.name} runs on ${ctx.destination.host.name}, but retiring ${ctx.source.host.name} failed (${r.stderr.trim() || `exit ${r.code}`}); the next run retires it`);
  await dropRecord(ctx.destination.transport, plan.name);
}

/**
 * After the source's services stopped, something failed: stop the jail
 * (its address goes; its data and the move record stay, for inspection and
 * for the next run), give the source its address back, restart its
 * services and check both.
 */
async function rollBack(ctx: MoveContext, plan: Plan, why: string): Promise<MoveOutcome> {
  const src = ctx.source.host.name;
  const notes: string[] = [];
  const down = await runJailTask(ctx.destination, `roll back jail ${plan.name}`, jailArgs(plan, 'stopped', ctx.args.dataset), ctx);
  if (!down.ok) notes.push(`stopping ${plan.name} on ${ctx.destination.host.name} failed: ${down.message}`);
  const t = plan.takeover;
  const back = t ? `ifconfig ${quote(t.iface)} inet ${quote(`${plan.entry.addr}/${t.prefix}`)} alias` : 'true';
  // Never two holders: the address goes back only once the destination let it go.
  const free = (await releaseAliases(ctx.destination.transport, plan.name, [plan.entry.addr])).length === 0;
  const start = plan.stop
    .slice()
    .reverse()
    .map((s) => `service ${quote(s)} onestart`)
    .join('; ');
  const r = await ctx.source.transport.exec(`${free ? `${back} && ` : ''}{ ${start || 'true'}; }; for s in ${plan.stop.map(quote).join(' ') || "''"}; do [ -z "$s" ] || service "$s" onestatus >/dev/null || exit 1; done`);
  const restored = free && r.code === 0;
  const state = restored
    ? `${src} serves again (${plan.stop.join(', ') || 'no services'}${t ? `, ${plan.entry.addr}` : ''})`
    : `RESTORING ${src} FAILED${free ? '' : ` (${ctx.destination.host.name} still holds ${plan.entry.addr})`}: ${r.stderr.trim() || `exit ${r.code}`}`;
  return {
    status: 'failed',
    rolledBack: true,
    message: `${why}; rolled back: ${state}; jail ${plan.name} is stopped on ${ctx.destination.host.name}, its data kept at ${plan.root}${notes.length ? `; ${notes.join('; ')}` : ''}`,
  };
}

function machineDiffs(ctx: MoveContext, plan: Plan): Diff[] {
  const src = ctx.source.host.name;
  const dst = ctx.destination.host.name;
  return [
    { label: `services on ${src}`, before: `${plan.stop.join(', ') || 'none'} enabled\n`, after: 'disabled (retired; data kept)\n' },
    { label: `jail ${plan.name} on ${dst}`, before: 'absent\n', after: `running at ${plan.root}\n` },
    ...(plan.takeover ? [{ label: `address ${plan.entry.addr}`, before: `${src}\n`, after: `${dst}\n` }] : []),
  ];
}
