/**
 * The fault matrix (issue 12) over a thin jail's release upgrade (issue 18):
 * jail-fleet.yml's jail, thin on 14.1-RELEASE and converged, upgraded to
 * 14.2-RELEASE (`upgrade: true`: the new release tree, the etcupdate
 * tarballs from src.txz, the jail's etcupdate baseline, the merge, the
 * fstab switch and the restart), the connection dropped after each command
 * of that run; a clean rerun must end where the uncut upgrade ends, with no
 * file left behind, and a run after it must change nothing in one round.
 *
 * Cheaply: not after every one of its ~400 commands (the shell's own
 * included), but before the first, after the last, and after each command
 * of the upgrade's own work — fetch, tar, etcupdate, jail(8), and the
 * copies around etcupdate (the tarball into the jail's tree through mktemp
 * and cp, its etc set aside inside the transient jail). A drop lets
 * the host run its round to the end (fault-host.ts), so these already
 * reach every host state a drop can leave.
 *
 * The jail's root has made its bin its own, with a /bin/sh that leaves a
 * daemon in each transient jail (planted-shell.ts): so the run also removes
 * those jails (`jail -R`), and a drop there is in the matrix too.
 */
import { expect } from 'vitest';
import { HOST, JAIL_FILES, thinFleet } from './drift-cases.js';
import { convergedTemplate, playbookFrom } from './drift-host.js';
import { describeUpgradeDrops } from './fault-upgrade.js';
import { ETCUPDATE_RUN, plantInLinkedBin } from './planted-shell.js';

/** thinFleet() with the jail's release (and upgrade flag) replaced. */
function thinAt(release: string, upgrade: boolean): unknown[] {
  const [play] = thinFleet() as Array<{ tasks: Array<{ jail: Record<string, unknown> }> } & Record<string, unknown>>;
  const [task] = play!.tasks;
  return [{ ...play, tasks: [{ ...task, jail: { ...task!.jail, release, ...(upgrade ? { upgrade: true } : {}) } }] }];
}

const extraFiles = [...JAIL_FILES, '/etc/fstab.www', '/usr/jails/www/etc/inetd.conf'];
const before = await convergedTemplate(HOST, playbookFrom(thinAt('14.1-RELEASE', false), 'jail-fleet-thin-141.yml'), extraFiles);
expect(before.sim.run(plantInLinkedBin('/usr/jails/www', '14.1-RELEASE', ETCUPDATE_RUN)).code).toBe(0);
const upgrade = playbookFrom(thinAt('14.2-RELEASE', true), 'jail-fleet-thin-up.yml');
// Also the etcupdate step's own copies: the tarball into the jail's tree, the jail's etc aside (in the jail), their removal;
// jail(8) covers the transient jails' removals (jail -R).
await describeUpgradeDrops({
  title: (points, commands) => `a thin jail's upgrade 14.1 -> 14.2 (etcupdate), the connection dropped at ${points} of its ${commands} commands`,
  host: HOST,
  before,
  upgrade,
  extraFiles,
  mutating: (c: string) => /^(fetch|tar|etcupdate|jail) /.test(c) || /^(mktemp|cp|rm) .*jailfleet-etcupdate/.test(c),
  release: '14.2-RELEASE',
});
