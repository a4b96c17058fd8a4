/**
 * A command jail that outlives its command, as jailfleet's upgrade steps
 * must handle it (transient-jail.ts):
 * - jail(8) persist: "Normally, a command is run as part of jail creation,
 *   and then the jail is destroyed as its last process exits" — its last
 *   process, not its command: a daemon the command started (rc.subr's, here)
 *   keeps it, under the name it was given;
 * - -R "removes an existing jail without using the configuration file", and
 *   "The -r and -R options can also remove running jails that aren't in the
 *   jail.conf(5) file, specified by name or jid"; -r: "All jailed processes
 *   are killed" (command.c run_command() IP__OP: jail_remove(2));
 * - jail.c main(): note_remove = docf || argc > 1 || wild_jail_name(argv[0]),
 *   and docf only for -r with a config file that exists: `jail -R NAME` says
 *   nothing, `jail -r NAME` with /etc/jail.conf there notes "NAME: removed";
 * - jail_quoted_warnx(): -c of a name that runs is "already exists".
 */
import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

const ok = (stdout = '') => ({ stdout, stderr: '', code: 0 });

/** `jail -c name=t ... command=` whose command starts cron and ends. */
const LEAVES_CRON = "jail -c name=t path=/ ip4=disable command=/bin/sh -c 'service cron onestart'";

function host(): SimHost {
  const h = simHost('h1', { address: '192.0.2.23' });
  if (h.fs.stat('/etc/jail.conf')) h.fs.remove('/etc/jail.conf');
  return h;
}

const inJail = (h: SimHost, name: string) => h.state.processes.filter((p) => p.jail === name).map((p) => p.service);

describe('jail(8): a command jail whose command left a process', () => {
  it('stays after jail(8) returns, named, with that process', () => {
    const h = host();
    expect(h.exec(LEAVES_CRON)).toEqual(ok('Starting cron.\n'));
    expect(h.exec('jls -j t name persist')).toEqual(ok('t false\n'));
    expect(inJail(h, 't')).toEqual(['cron']);
  });

  it('is refused its name by a second -c while it stays', () => {
    const h = host();
    h.exec(LEAVES_CRON);
    expect(h.exec(LEAVES_CRON)).toEqual({ stdout: '', stderr: 'jail: "t" already exists\n', code: 1 });
  });

  it('jail -R NAME removes it without a word and kills its processes', () => {
    const h = host();
    h.exec(LEAVES_CRON);
    expect(h.exec('jail -R t')).toEqual(ok());
    expect(h.exec('jls -j t name')).toEqual({ stdout: '', stderr: 'jls: jail "t" not found\n', code: 1 });
    expect(inJail(h, 't')).toEqual([]);
    expect(h.exec(LEAVES_CRON)).toEqual(ok('Starting cron.\n'));
  });

  it('jail -r NAME, with a jail.conf that does not list it, removes it too and says so', () => {
    const h = host();
    h.fs.writeFile('/etc/jail.conf', 'other { path = /; persist; }\n');
    h.exec(LEAVES_CRON);
    expect(h.exec('jail -r t')).toEqual(ok('t: removed\n'));
    expect(inJail(h, 't')).toEqual([]);
  });
});
