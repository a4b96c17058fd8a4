/**
 * One jail moved from a source host to a destination host (issue 13), the
 * tar way: the tree travels as a tar stream through the controller
 * (transport/relay.ts), checked against an mtree specification made on the
 * source, and the jail module does the stopping and starting on each side
 * (jail-subplay.ts).
 *
 * Order (README "Consolidating old machines"):
 *   preflight (nothing changes yet) → stop the source → its address is gone
 *   from it → copy into a staging directory → verify → rename into place →
 *   start on the destination (conf, rc.conf, jail -c: the jail module) →
 *   verify (jls, the address, the user's check) → retire the source (its
 *   conf and jail_list entry; its data stays unless destroy_source).
 * Two hosts never hold the address at once: the destination starts only
 * after the source let it go. Any failure after the source stopped rolls
 * back: the destination's copy is stopped and its conf removed (its data is
 * kept, renamed, for inspection) and the source is started again.
 *
 * A finished move is a no-op: the jail runs on the destination, the source
 * has neither the jail running nor its conf, and does not hold the address.
 * A move cut half way (a dropped connection) is picked up from what both
 * hosts say: the copy is made again into a fresh staging directory.
 */
import { posix } from 'node:path';
import type { MigrateArgs } from '../../modules/migrate/args.js';
import { parseIp4Entry, type Ip4Entry } from '../../modules/jail/args.js';
import { quote } from '../../shell/quote.js';
import type { Diff } from '../../modules/types.js';
import { relay } from '../../transport/relay.js';
import { fileFact, type FileFact } from '../../modules/facts/file-fact.js';
import { mtreeSpecCommand, tarSize, verifyCopy } from './copy-check.js';
import { describeConf, holds, readFacts, readMarker, readSite, type JailDescription, type JailSite } from './jail-site.js';
import { jailArgs, runJailTask } from './jail-subplay.js';
import { releaseAliases } from './release-aliases.js';
import { verifyStarted } from './verify-started.js';
import { runMachineMove } from './machine-run.js';
import { takeMoveLock } from './move-lock.js';
import { dropRecord, recordPath, writeRecord } from './move-record.js';
import { MoveFailure, type MoveContext, type MoveOutcome } from './move-types.js';
import { BASE, finalCopy, fullCopy, hasSnapshot, unmountCopy, zfsRoute, type ZfsRoute } from './zfs-copy.js';

export type { MoveContext, MoveOutcome, MoveProgress } from './move-types.js';

/** The machine's own move lock on the source (no jail is named @machine: jail names have no @). */
const MACHINE_LOCK = '@machine';

export async function runMove(ctx: MoveContext): Promise<MoveOutcome> {
  const held: Array<{ release(): Promise<void> }> = [];
  const { args } = ctx;
  const name = args.name ?? args.jail!;
  try {
    // Check mode only reads; a move holds its move lock on both hosts throughout (move-lock.ts).
    if (!ctx.check) {
      for (const [side, lockName] of [
        [ctx.source, args.machine ? MACHINE_LOCK : args.jail!],
        [ctx.destination, name],
      ] as const) {
        const lock = await takeMoveLock(side.transport, lockName);
        if ('busy' in lock) return { status: 'failed', message: `${lock.busy}; nothing was changed` };
        held.push(lock);
      }
    }
    return await (args.machine ? runMachineMove(ctx) : move(ctx, args.jail!, name));
  } catch (err) {
    if (err instanceof MoveFailure) return { status: 'failed', message: err.message };
    throw err;
  } finally {
    for (const lock of held) await lock.release();
  }
}

interface Target {
  source: JailDescription;
  dest: JailDescription;
  /** Addresses the jail has on the destination. */
  addrs: string[];
  /** The datasets, when the data goes by ZFS (zfs-copy.ts). */
  route?: ZfsRoute;
}

async function move(ctx: MoveContext, jail: string, newName: string): Promise<MoveOutcome> {
  const { args } = ctx;
  const [src, dst] = await Promise.all([readSite(ctx.source.transport, jail), readSite(ctx.destination.transport, newName)]);
  const where = `${ctx.source.host.name}:${jail} → ${ctx.destination.host.name}:${newName}`;

  if (!src.conf) {
    if (src.running) throw new MoveFailure(`${where}: jail ${jail} runs on ${ctx.source.host.name} without a jailfleet conf file; a move carries jails jailfleet built`);
    if (dst.running) return { status: 'ok', message: `jail ${newName} runs on ${ctx.destination.host.name}; ${jail} is retired on ${ctx.source.host.name}` };
    throw new MoveFailure(`${where}: there is no jail ${jail} on ${ctx.source.host.name}`);
  }
  const described = describeConf(jail, src.conf);
  if ('problem' in described) throw new MoveFailure(`${where}: ${described.problem}`);
  const target = targetOf(args, newName, described);
  const addrList = target.addrs.join(', ') || 'no address';

  // Started on the destination already (a move cut after its start): only the source is left to retire.
  if (dst.running && !src.running && target.addrs.every((a) => !holds(src, a))) {
    if (ctx.check) return { status: 'changed', message: `would retire ${jail} on ${ctx.source.host.name} (it runs on ${ctx.destination.host.name} as ${newName})` };
    await retire(ctx, target);
    return { status: 'changed', message: `jail ${newName} runs on ${ctx.destination.host.name}; retired ${jail} on ${ctx.source.host.name}` };
  }
  preflight(ctx, where, target, src, dst);
  const marker = await readMarker(ctx.source.transport, target.source.path);
  if ('problem' in marker) throw new MoveFailure(`${where}: ${marker.problem}`);
  if (args.via !== 'tar') {
    const route = await zfsRoute(ctx.source.transport, ctx.destination.transport, target.source.path, newName);
    if ('problem' in route) {
      if (args.via === 'zfs') throw new MoveFailure(`${where}: via zfs: ${route.problem}`);
    } else target.route = route;
  }
  const copy = await readCopy(ctx.destination.transport, target.dest.path, newName);
  const record = recordLine(ctx, target);
  // A copy an earlier run verified and put in place, from a source that has not run since: only the start is left.
  const verified = !src.running && copy.record === record && copy.placed;
  // A dataset an earlier try received (its move snapshot) is ours to go on with, mounted or not.
  const ours = target.route !== undefined && (await hasSnapshot(ctx.destination.transport, `${target.route.dest}@${BASE}`));
  if (!verified && copy.placed && copy.record !== record && !ours) {
    throw new MoveFailure(`${where}: ${ctx.destination.host.name}:${target.dest.path} already exists; move it away or give another path (path:)`);
  }
  if (ctx.check) {
    const size = verified ? undefined : await ctx.source.transport.exec(`mtree -c -n -k type,size -p ${quote(target.source.path)}`);
    const bytes = size?.code === 0 ? `, about ${tarSize(size.stdout)} bytes` : '';
    const way = target.route ? `by zfs send (${target.route.source} to ${target.route.dest}: all of it while the jail runs, then what changed while it is stopped)` : `by tar${bytes}`;
    const how = verified ? 'its copy there was verified by an earlier run; would start it' : way;
    return {
      status: 'changed',
      message: `would move jail ${jail} (${ctx.source.host.name}:${target.source.path}) to ${ctx.destination.host.name}:${target.dest.path} as ${newName} ${how}; address ${addrList} moves from ${ctx.source.host.name} to ${ctx.destination.host.name}`,
      diffs: moveDiffs(ctx, target),
    };
  }
  const outcome = await cutover(ctx, where, target, marker.release, { verified, stale: copy.placed && !verified });
  return outcome.status === 'changed' ? { ...outcome, diffs: moveDiffs(ctx, target) } : outcome;
}

/** What --diff shows of a move: where the jail runs, and which host holds each address. */
function moveDiffs(ctx: MoveContext, t: Target): Diff[] {
  const src = ctx.source.host.name;
  const dst = ctx.destination.host.name;
  return [
    { label: `jail ${t.source.name} on ${src}`, before: 'running\n', after: `retired (moved to ${dst} as ${t.dest.name}; ${ctx.args.destroy_source ? 'data deleted after the verified cutover' : 'data kept'})\n` },
    { label: `jail ${t.dest.name} on ${dst}`, before: 'absent\n', after: `running at ${t.dest.path}\n` },
    ...t.addrs.map((a) => ({ label: `address ${a}`, before: `${src}\n`, after: `${dst}\n` })),
  ];
}

const recordLine = (ctx: MoveContext, t: Target): string => `${ctx.source.host.name} ${t.source.name} ${t.dest.path}`;

/** Whether the destination root exists, and the move record for the jail's new name. */
async function readCopy(transport: MoveContext['destination']['transport'], path: string, name: string): Promise<{ placed: boolean; record: string | undefined }> {
  const [root, record] = await readFacts<[FileFact, FileFact]>(transport, [fileFact(path), fileFact(recordPath(name))]);
  return { placed: root.kind !== 'absent', record: record.kind === 'file' ? record.content.trim() : undefined };
}

function targetOf(args: MigrateArgs, newName: string, source: JailDescription): Target {
  const ip4: Ip4Entry[] = args.ip === undefined || args.ip === 'keep' ? source.ip4 : [parseIp4Entry(args.ip)!];
  const path = args.path ?? posix.join(posix.dirname(source.path), newName);
  const dest: JailDescription = { ...source, name: newName, path, ip4 };
  return { source, dest, addrs: ip4.map((e) => e.addr) };
}

/** What must hold before anything is stopped: otherwise the move fails having changed nothing. */
function preflight(ctx: MoveContext, where: string, t: Target, src: JailSite, dst: JailSite): void {
  const d = ctx.destination.host.name;
  if (dst.running) throw new MoveFailure(`${where}: a jail ${t.dest.name} already runs on ${d}; give the move another name (name:)`);
  if (dst.conf) throw new MoveFailure(`${where}: ${d} already has a conf file for a jail ${t.dest.name}; give the move another name (name:)`);
  for (const addr of t.addrs) {
    if (holds(dst, addr)) throw new MoveFailure(`${where}: ${d} already holds ${addr}`);
    const keep = ctx.args.ip === undefined || ctx.args.ip === 'keep';
    if (!keep && holds(src, addr)) throw new MoveFailure(`${where}: ${ctx.source.host.name} holds ${addr}, the new address`);
  }
}

async function cutover(ctx: MoveContext, where: string, t: Target, release: string, copy: { verified: boolean; stale: boolean }): Promise<MoveOutcome> {
  const srcName = ctx.source.host.name;
  const dstName = ctx.destination.host.name;
  const staging = `${t.dest.path}.jailfleet-incoming`;
  // Our own copy from before the source ran again is stale: kept aside, as a rollback keeps one
  // (a dataset is unmounted: the final copy rolls it back and sends what changed since).
  if (copy.stale && t.route) {
    await unmountCopy(ctx.destination.transport, t.route);
    await dropRecord(ctx.destination.transport, t.dest.name);
  } else if (copy.stale) await keepAside(ctx, t, t.dest.path);
  let whileRunning = 0;
  if (t.route && !copy.verified) {
    // No downtime yet: a failure here stops nothing, and a cut stream resumes on the next run.
    const full = await fullCopy(ctx.source.transport, ctx.destination.transport, t.route, t.dest.path);
    if ('problem' in full) throw new MoveFailure(`${where}: the full copy failed (${full.problem}); nothing was stopped`);
    whileRunning = full.bytes;
  }
  const started = performance.now();
  if (copy.verified) return startAndRetire(ctx, where, t, release, staging, started, { bytes: 0 });

  const rollback = (step: string, why: string) => rollBack(ctx, t, release, staging, `${where}: ${step} failed (${why})`);
  // A stop that failed half way (jail -r done, an alias left) is undone like any later failure.
  const stopped = await runJailTask(ctx.source, `stop jail ${t.source.name} for its move`, jailArgs(t.source, 'stopped', release, false, t.route?.source), ctx);
  if (!stopped.ok) return rollback(`stopping ${t.source.name} on ${srcName}`, stopped.message);

  const still = await releaseAliases(ctx.source.transport, t.source.name, t.addrs);
  if (still.length) return rollback('releasing the address', `${srcName} still holds ${still.join(', ')} after the jail stopped`);

  const spec = await ctx.source.transport.exec(mtreeSpecCommand(t.source.path));
  if (spec.code !== 0) return rollback('describing the tree', `mtree on ${srcName}: ${spec.stderr.trim() || `exit ${spec.code}`}`);
  if (t.route) {
    const final = await finalCopy(ctx.source.transport, ctx.destination.transport, t.route);
    if ('problem' in final) return rollback('the final copy', final.problem);
    const problem = await verifyCopy(ctx.destination.transport, ctx.destination.host.name, spec.stdout, t.dest.path);
    if (problem) return rollback('verifying the copy', problem);
    const recorded = await writeRecord(ctx.destination.transport, t.dest.name, recordLine(ctx, t));
    if (recorded) return rollback('recording the copy', recorded);
    return startAndRetire(ctx, where, t, release, staging, started, { bytes: whileRunning + final.bytes, whileStopped: final.bytes });
  }
  let bytes: number;
  try {
    const copied = await relay(
      { transport: ctx.source.transport, command: `tar -cf - --numeric-owner -C ${quote(t.source.path)} .` },
      { transport: ctx.destination.transport, command: `rm -rf ${quote(staging)} && mkdir -p ${quote(staging)} && tar -xpf - --numeric-owner --fflags -C ${quote(staging)}` },
      ctx.onProgress ? { onProgress: (p) => ctx.onProgress!({ ...p, totalBytes: tarSize(spec.stdout) }) } : {},
    );
    bytes = copied.bytes;
    if (copied.source.code !== 0) return rollback('the copy', `tar on ${srcName} exited ${copied.source.code}: ${copied.source.stderr.trim()}`);
    if (copied.destination.code !== 0) return rollback('the copy', `tar on ${dstName} exited ${copied.destination.code}: ${copied.destination.stderr.trim()}`);
  } catch (err) {
    return rollback('the copy', err instanceof Error ? err.message : String(err));
  }
  const problem = await verifyCopy(ctx.destination.transport, ctx.destination.host.name, spec.stdout, staging);
  if (problem) return rollback('verifying the copy', problem);
  // The record first: a copy in place without it would be taken for someone else's directory.
  const placed = await writeRecord(ctx.destination.transport, t.dest.name, recordLine(ctx, t), ` && mv ${quote(staging)} ${quote(t.dest.path)}`);
  if (placed) return rollback('putting the copy in place', placed);
  return startAndRetire(ctx, where, t, release, staging, started, { bytes });
}

/** The copy is in place: start it, verify it, retire the source. */
async function startAndRetire(ctx: MoveContext, where: string, t: Target, release: string, staging: string, started: number, sent: { bytes: number; whileStopped?: number }): Promise<MoveOutcome> {
  const srcName = ctx.source.host.name;
  const dstName = ctx.destination.host.name;
  const rollback = (step: string, why: string) => rollBack(ctx, t, release, staging, `${where}: ${step} failed (${why})`);
  const up = await runJailTask(ctx.destination, `start jail ${t.dest.name} moved from ${srcName}`, jailArgs(t.dest, 'running', release, false, t.route?.dest), ctx);
  if (!up.ok) return rollback(`starting ${t.dest.name} on ${dstName}`, up.message);
  const problem = await verifyStarted(ctx, t.dest.name, t.addrs);
  if (problem) return rollback(`verifying ${t.dest.name} on ${dstName}`, problem);
  const downtimeMs = performance.now() - started;

  await retire(ctx, t);
  const addrs = t.addrs.length ? `; ${t.addrs.join(', ')} moved from ${srcName} to ${dstName}` : '';
  const how =
    sent.bytes === 0 && sent.whileStopped === undefined
      ? 'a copy an earlier run verified'
      : t.route
        ? `${sent.bytes} bytes by zfs send, ${sent.whileStopped ?? 0} of them while stopped, verified with mtree`
        : `${sent.bytes} bytes by tar, verified with mtree`;
  return {
    status: 'changed',
    message: `moved jail ${t.source.name} from ${srcName} to ${dstName}:${t.dest.path} as ${t.dest.name} (${how}${addrs}); downtime ${Math.round(downtimeMs)} ms`,
    downtimeMs,
    bytes: sent.bytes,
  };
}

/** The source keeps its data (unless destroy_source) but no longer starts the jail: conf and jail_list entry go; then the move record. */
async function retire(ctx: MoveContext, t: Target): Promise<void> {
  const done = await runJailTask(ctx.source, `retire jail ${t.source.name} moved to ${ctx.destination.host.name}`, jailArgs(t.source, 'absent', undefined, ctx.args.destroy_source, t.route?.source), ctx);
  if (!done.ok) throw new MoveFailure(`jail ${t.dest.name} runs on ${ctx.destination.host.name}, but retiring ${t.source.name} on ${ctx.source.host.name} failed (${done.message}); the next run retires it`);
  await dropRecord(ctx.destination.transport, t.dest.name);
}

/** Rename a destination directory aside, for inspection (`ROOT.rolled-back`, `.1`, ...); the names it got. */
async function keepAside(ctx: MoveContext, t: Target, ...dirs: string[]): Promise<string[]> {
  const kept = `${t.dest.path}.rolled-back`;
  const keep = await ctx.destination.transport.exec(
    `rm -f ${quote(recordPath(t.dest.name))}; for d in ${dirs.map(quote).join(' ')}; do [ -e "$d" ] || continue; k=${quote(kept)}; n=1; while [ -e "$k" ]; do k=${quote(kept)}.$n; n=$((n + 1)); done; mv "$d" "$k" && printf '%s\\n' "$k"; done`,
  );
  return keep.stdout.trim().split('\n').filter(Boolean);
}

/**
 * After the source stopped, something failed: take the destination's copy
 * down (its data kept, renamed), start the source again and verify it.
 */
async function rollBack(ctx: MoveContext, t: Target, release: string, staging: string, why: string): Promise<MoveOutcome> {
  const dstName = ctx.destination.host.name;
  const notes: string[] = [];
  const down = await runJailTask(ctx.destination, `roll back jail ${t.dest.name}`, jailArgs(t.dest, 'absent'), ctx);
  if (!down.ok) notes.push(`taking ${t.dest.name} down on ${dstName} failed: ${down.message}`);
  const held = await releaseAliases(ctx.destination.transport, t.dest.name, t.addrs);
  if (held.length) notes.push(`${dstName} still holds ${held.join(', ')}`);
  const keptAt = t.route ? [await unmountCopy(ctx.destination.transport, t.route)] : await keepAside(ctx, t, t.dest.path, staging);
  if (t.route) await dropRecord(ctx.destination.transport, t.dest.name);
  const back = await runJailTask(ctx.source, `restart jail ${t.source.name} (rollback)`, jailArgs(t.source, 'running', release, false, t.route?.source), ctx);
  const source = ctx.source.host.name;
  const restarted = back.ok ? `${t.source.name} runs on ${source} again` : `RESTARTING ${t.source.name} ON ${source} FAILED: ${back.message}`;
  const data = keptAt.length ? `; ${dstName}'s copy kept at ${keptAt.join(', ')} for inspection` : '';
  return { status: 'failed', rolledBack: true, message: `${why}; rolled back: ${restarted}${data}${notes.length ? `; ${notes.join('; ')}` : ''}` };
}
