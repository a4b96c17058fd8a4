/**
 * The ZFS way of a move (issue 13), when the jail's root is a dataset on
 * the source and the destination has its parent dataset: a full `zfs send`
 * while the jail still runs (no downtime), then, once it stopped, only the
 * changes since (`zfs send -i`): the downtime grows with what changed, not
 * with the jail's size. `zfs receive -s` keeps a cut stream resumable: the
 * next run goes on with `zfs send -t TOKEN` (zfs-send(8), zfs-receive(8),
 * freebsd.md §10). The snapshots @jailfleet-move-1 (the full send) and
 * @jailfleet-move-2 (the final one) stay on both sides: the last common
 * snapshot is what a later move, or a way back, starts from.
 */
import { datasetMountedAt, filesystemsFact, type Filesystem } from '../../modules/jail/dataset-of.js';
import { quote } from '../../shell/quote.js';
import { relay } from '../../transport/relay.js';
import type { Transport } from '../../transport/transport.js';

export const BASE = 'jailfleet-move-1';
export const FINAL = 'jailfleet-move-2';

export interface ZfsRoute {
  source: string;
  dest: string;
}

/** The host's file systems; none where zfs(8) cannot answer. */
async function filesystems(t: Transport): Promise<Filesystem[]> {
  const fact = filesystemsFact();
  const r = fact.parse(await t.exec(fact.command));
  return r.zfs ? r.list : [];
}

/**
 * The datasets of a ZFS move: the source root's own dataset, and the same
 * name under the same parent on the destination; or why there is none.
 */
export async function zfsRoute(source: Transport, dest: Transport, sourceRoot: string, newName: string): Promise<ZfsRoute | { problem: string }> {
  const name = datasetMountedAt(await filesystems(source), sourceRoot);
  if (!name) return { problem: `${sourceRoot} is not the mountpoint of a ZFS dataset on ${source.host}` };
  const parent = name.slice(0, name.lastIndexOf('/'));
  if (!parent) return { problem: `${name} is a pool's root dataset` };
  if (!(await filesystems(dest)).some((f) => f.name === parent)) return { problem: `${dest.host} has no dataset ${parent}` };
  return { source: name, dest: `${parent}/${newName}` };
}

async function get(t: Transport, dataset: string, prop: string): Promise<string | undefined> {
  const r = await t.exec(`zfs get -H -o value ${quote(prop)} ${quote(dataset)}`);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export const hasSnapshot = async (t: Transport, snap: string): Promise<boolean> => (await t.exec(`zfs list -H -o name -t snapshot ${quote(snap)}`)).code === 0;

/** A relay of `zfs send` into `zfs receive`; the bytes, or what failed. */
async function pipeZfs(source: Transport, send: string, dest: Transport, receive: string): Promise<{ bytes: number } | { problem: string }> {
  const r = await relay({ transport: source, command: send }, { transport: dest, command: receive });
  if (r.source.code !== 0) return { problem: `${send} on ${source.host} exited ${r.source.code}: ${r.source.stderr.trim()}` };
  if (r.destination.code !== 0) return { problem: `${receive} on ${dest.host} exited ${r.destination.code}: ${r.destination.stderr.trim()}` };
  return { bytes: r.bytes };
}

/**
 * Before the stop: the destination gets the whole dataset as of
 * @jailfleet-move-1, unmounted at `path` — resumed where a cut left it,
 * skipped when it is there already.
 */
export async function fullCopy(source: Transport, dest: Transport, route: ZfsRoute, path: string): Promise<{ bytes: number } | { problem: string }> {
  const token = await get(dest, route.dest, 'receive_resume_token');
  if (token !== undefined && token !== '-') return pipeZfs(source, `zfs send -t ${quote(token)}`, dest, `zfs receive -s -u ${quote(route.dest)}`);
  if (await hasSnapshot(dest, `${route.dest}@${BASE}`)) return { bytes: 0 };
  if (token !== undefined) return { problem: `${dest.host} has a dataset ${route.dest} that no move made` };
  const base = `${route.source}@${BASE}`;
  if (!(await hasSnapshot(source, base))) {
    const snap = await source.exec(`zfs snapshot ${quote(base)}`);
    if (snap.code !== 0) return { problem: `zfs snapshot ${base} on ${source.host}: ${snap.stderr.trim()}` };
  }
  return pipeZfs(source, `zfs send ${quote(base)}`, dest, `zfs receive -s -u -o ${quote(`mountpoint=${path}`)} ${quote(route.dest)}`);
}

/**
 * After the stop: a fresh @jailfleet-move-2 of the source, and only what
 * changed since @jailfleet-move-1 sent; the destination is rolled back to
 * @jailfleet-move-1 first (an earlier try's final snapshot is stale: the
 * source ran since), then mounted.
 */
export async function finalCopy(source: Transport, dest: Transport, route: ZfsRoute): Promise<{ bytes: number } | { problem: string }> {
  const final = `${route.source}@${FINAL}`;
  const fresh = await source.exec(`{ ! zfs list -H -o name -t snapshot ${quote(final)} >/dev/null 2>&1 || zfs destroy ${quote(final)}; } && zfs snapshot ${quote(final)}`);
  if (fresh.code !== 0) return { problem: `zfs snapshot ${final} on ${source.host}: ${fresh.stderr.trim()}` };
  const back = await dest.exec(`zfs rollback -r ${quote(`${route.dest}@${BASE}`)}`);
  if (back.code !== 0) return { problem: `zfs rollback ${route.dest}@${BASE} on ${dest.host}: ${back.stderr.trim()}` };
  const sent = await pipeZfs(source, `zfs send -i ${quote(`@${BASE}`)} ${quote(final)}`, dest, `zfs receive -F -u ${quote(route.dest)}`);
  if ('problem' in sent) return sent;
  const mounted = await dest.exec(`zfs mount ${quote(route.dest)}`);
  if (mounted.code !== 0) return { problem: `zfs mount ${route.dest} on ${dest.host}: ${mounted.stderr.trim()}` };
  return sent;
}

/** A rollback keeps the destination's dataset, unmounted: its name for the message. */
export async function unmountCopy(dest: Transport, route: ZfsRoute): Promise<string> {
  await dest.exec(`zfs unmount ${quote(route.dest)} 2>/dev/null`);
  return `dataset ${route.dest} (unmounted)`;
}
