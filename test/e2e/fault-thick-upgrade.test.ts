/**
 * The fault matrix (issue 12) over a thick jail's release upgrade:
 * jail-fleet.yml's jail on 14.1-RELEASE and converged, upgraded to
 * 14.2-RELEASE (`upgrade: true`: the jail stopped, freebsd-update's
 * `upgrade` and then its `install` passes each run as the command of a
 * transient jail on the tree (freebsd-update-jailed.ts), the clean-up of
 * the devfs and the alias jail(8) left, the marker, the start), the
 * connection dropped after each command of that run; a clean rerun must
 * end where the uncut upgrade ends, with no file left behind, and a run
 * after it must change nothing in one round.
 *
 * Cheaply, as fault-thin-upgrade.test.ts does: before the first command,
 * after the last, and after each command of the upgrade's own work —
 * jail(8) (the two transient jails, the stop and start), freebsd-update in
 * them, and the clean-up's umount and ifconfig. A drop lets the host run
 * its round to the end (fault-host.ts), so these already reach every host
 * state a drop can leave.
 *
 * The jail's root has replaced its /bin/sh by one that leaves a daemon in
 * each transient jail (planted-shell.ts): so the run also removes those
 * jails (`jail -R`), and a drop there is in the matrix too.
 */
import { expect } from 'vitest';
import { FLEET, HOST, JAIL_FILES } from './drift-cases.js';
import { convergedTemplate, playbookFrom, playsOf } from './drift-host.js';
import { describeUpgradeDrops } from './fault-upgrade.js';
import { FREEBSD_UPDATE_RUN, plantSetAside } from './planted-shell.js';

/** jail-fleet.yml with the jail's release (and upgrade flag) replaced. */
function thickAt(release: string, upgrade: boolean): unknown[] {
  const [play] = playsOf(FLEET) as Array<{ tasks: Array<{ jail: Record<string, unknown> }> } & Record<string, unknown>>;
  const [task] = play!.tasks;
  return [{ ...play, tasks: [{ ...task, jail: { ...task!.jail, release, ...(upgrade ? { upgrade: true } : {}) } }] }];
}

const extraFiles = [...JAIL_FILES, '/usr/jails/www/bin/freebsd-version'];
const before = await convergedTemplate(HOST, playbookFrom(thickAt('14.1-RELEASE', false), 'jail-fleet-141.yml'), extraFiles);
expect(before.sim.run(plantSetAside('/usr/jails/www', '/bin', FREEBSD_UPDATE_RUN)).code).toBe(0);
const upgrade = playbookFrom(thickAt('14.2-RELEASE', true), 'jail-fleet-up.yml');
await describeUpgradeDrops({
  title: (points, commands) => `a thick jail's upgrade 14.1 -> 14.2 (freebsd-update in transient jails), the connection dropped at ${points} of its ${commands} commands`,
  host: HOST,
  before,
  upgrade,
  extraFiles,
  // service: the jail's own start (not the planted shell's `service cron onestart`, the tree's code in a transient jail).
  mutating: (c: string) => /^(jail|freebsd-update|umount|ifconfig) |^service jail /.test(c),
  release: '14.2-RELEASE',
});
