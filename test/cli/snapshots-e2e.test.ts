/**
 * `jailfleet snapshots` (issue 18; README "Listing snapshots") on the
 * shipped simulated fleet after site.yml: each jail's dataset — the
 * ZFS file system mounted at its root — with its snapshots, oldest first.
 * The listing is what zfs-list(8) reports for `zfs list -H -p -t snapshot
 * -o name,creation,used -s creation -d 1 DATASET`; the test takes the
 * expected creation times and sizes from the simulated host's own zfs
 * (`zfs list -Hp -o creation`, and `zfs list -H -o used`, which prints sizes
 * as zfs does), not from jailfleet. Hosts without ZFS (old2, new2: no pool)
 * and a jail whose root is no dataset say so; an unreachable host gives
 * exit 3, as `run` and apply; nothing on any host changes. Stopped jails
 * are listed too (last tests): their root is the `path` of their jail.conf
 * file, and ZFS keeps their dataset mounted there.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

describe('jailfleet snapshots on the simulated fleet', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const inv = ['-i', 'inventory/sim.yml'];
  const sh = async (host: string, script: string) => {
    const r = await cli(project.dir, 'sim', 'exec', host, ...inv, '--', script);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const simDir = join(project.dir, '.jailfleet', 'sim');
  /** Every host's state, without what moves on every exec (the clock, the pid counter). */
  const hostStates = () =>
    Object.fromEntries(
      readdirSync(simDir).map((f) => {
        const { clock: _c, nextPid: _p, ...rest } = JSON.parse(readFileSync(join(simDir, f), 'utf8')) as Record<string, unknown>;
        return [f, rest];
      }),
    );
  // new1's www: @a holds a 600-byte file (2 blocks), @b an 1100-byte one (3 blocks).
  let a = { creation: 0, used: '' };
  let b = { creation: 0, used: '' };
  const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
  const UNKNOWN = 'not running, and not defined in /etc/jail.conf or /etc/jail.conf.d/*.conf';
  /** new1's www in --json, running or stopped: its two snapshots, exact. */
  const wwwOnNew1 = (state: string) => ({
    jail: 'www',
    state,
    path: '/usr/jails/www',
    dataset: 'zroot/jails/www',
    snapshots: [
      { name: 'a', snapshot: 'zroot/jails/www@a', creation: a.creation, created: iso(a.creation), used: 1024 },
      { name: 'b', snapshot: 'zroot/jails/www@b', creation: b.creation, created: iso(b.creation), used: 1536 },
    ],
  });

  beforeAll(async () => {
    // Bad input first, before any host exists: exit 4 and no state directory.
    const bad = await cli(project.dir, 'snapshots', ...inv, 'no/such');
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/^error: snapshots: jail "no\/such": /);
    expect(existsSync(simDir)).toBe(false);
    // Fresh hosts: no /etc/jail.conf, nothing in /etc/jail.conf.d, no jail running.
    expect(await cli(project.dir, 'snapshots', ...inv)).toEqual({
      code: 0,
      stdout: ['old1', 'old2', 'new1', 'new2'].map((h) => `${h} | no jail configured or running\n`).join(''),
      stderr: '',
    });

    expect((await cli(project.dir, 'apply', 'playbooks/site.yml', ...inv)).code).toBe(0);
    await sh('new1', 'printf "%600s" x > /usr/jails/www/f && zfs snapshot zroot/jails/www@a');
    await sh('new1', 'printf "%1100s" x > /usr/jails/www/f && zfs snapshot zroot/jails/www@b && printf x > /usr/jails/www/f');
    // A jail whose root is a plain directory on a ZFS host.
    await sh('old1', 'mkdir -p /var/plain && jail -c name=plain path=/var/plain persist');
    const read = async (snap: string) => ({
      creation: Number(await sh('new1', `zfs list -Hp -o creation zroot/jails/www@${snap}`)),
      used: (await sh('new1', `zfs list -H -o used zroot/jails/www@${snap}`)).trim(),
    });
    a = await read('a');
    b = await read('b');
  }, 60_000);

  it('prints a table per jail with snapshots, a line for every other jail, exit 0; nothing changes on any host', async () => {
    expect(a.used).toBe('1K');
    expect(b.used).toBe('1.50K');
    const before = hostStates();
    const r = await cli(project.dir, 'snapshots', ...inv);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'old1 | www running (zroot/jails/www): no snapshots\n' +
        'old1 | plain running: no ZFS dataset: /var/plain is not the mountpoint of a ZFS file system\n' +
        'old2 | www running: no ZFS on this host (no pool)\n' +
        'new1 | www running (zroot/jails/www)\n' +
        '  SNAPSHOT  CREATED                USED\n' +
        `  a         ${iso(a.creation)}     ${a.used}\n` +
        `  b         ${iso(b.creation)}  ${b.used}\n` +
        'new2 | www running: no ZFS on this host (no pool)\n',
    });
    expect(hostStates()).toEqual(before);
  });

  it('--json: one document with exact numbers; named jails, one neither running nor configured', async () => {
    const r = await cli(project.dir, 'snapshots', ...inv, '--json', '--limit', 'new', 'www', 'db');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      hosts: [
        {
          host: 'new1',
          status: 'ok',
          zfs: true,
          jails: [
            wwwOnNew1('running'),
            { jail: 'db', state: null, path: null, dataset: null, snapshots: [], note: UNKNOWN },
          ],
        },
        {
          host: 'new2',
          status: 'ok',
          zfs: false,
          jails: [
            { jail: 'www', state: 'running', path: '/usr/jails/www', dataset: null, snapshots: [], note: 'no ZFS on this host (no pool)' },
            { jail: 'db', state: null, path: null, dataset: null, snapshots: [], note: UNKNOWN },
          ],
        },
      ],
      exit_code: 0,
    });
  });

  it('--limit selects hosts; a --limit that matches nothing is exit 4', async () => {
    const r = await cli(project.dir, 'snapshots', ...inv, '--limit', 'new:!new2');
    expect(r.stdout.split('\n')[0]).toBe('new1 | www running (zroot/jails/www)');
    expect(r.stdout).not.toMatch(/^(old1|old2|new2) \|/m);
    const none = await cli(project.dir, 'snapshots', ...inv, '--limit', 'nosuch');
    expect(none).toEqual({ code: 4, stdout: '', stderr: 'error: --limit "nosuch" matches no host (known groups: all, old, new)\n' });
  });

  it('an unreachable host: exit 3, the others still listed', async () => {
    writeFileSync(
      join(project.dir, 'inventory', 'down.yml'),
      'all:\n  vars:\n    transport: sim\n  hosts:\n    new1:\n      host_ip: 192.0.2.21\n      sim:\n        zpool: true\n    gone:\n      host_ip: 192.0.2.99\n      sim:\n        faults:\n          unreachable: true\n',
    );
    const r = await cli(project.dir, 'snapshots', '-i', 'inventory/down.yml');
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^new1 \| www running \(zroot\/jails\/www\)\n(.*\n){3}gone \| UNREACHABLE! => .+\n$/);
    const j = JSON.parse((await cli(project.dir, 'snapshots', '-i', 'inventory/down.yml', '--json')).stdout) as { hosts: Array<{ status: string }>; exit_code: number };
    expect(j.hosts.map((h) => h.status)).toEqual(['ok', 'unreachable']);
    expect(j.exit_code).toBe(3);
  });

  // Last: these stop new1's www, which the tests above list as running.
  it('lists stopped jails too: one the jail module made and stopped, one only jail.conf defines; nothing changes', async () => {
    // rc.d/jail's stop (freebsd.md §2): jail -r; ZFS keeps the dataset mounted at the root.
    await sh('new1', 'service jail stop www');
    expect(await sh('new1', 'jls name')).toBe('');
    // jail.conf(5): a top-level parameter is a wildcard, $variables are substituted per jail ($name: the jail's name).
    await sh('old1', `printf '%s\\n' '$parent = "/usr/jails";' 'path = "$parent/$name";' 'db { host.hostname = db.example.org; persist; }' >> /etc/jail.conf`);
    await sh('old1', 'zfs create zroot/jails/db && zfs snapshot zroot/jails/db@empty');
    // jail(8) reads the same root from that file; db is stopped again before the listing.
    expect(await sh('old1', 'jail -c db >/dev/null && jls -j db path && jail -r db >/dev/null')).toBe('/usr/jails/db\n');
    const empty = {
      creation: Number(await sh('old1', 'zfs list -Hp -o creation zroot/jails/db@empty')),
      used: (await sh('old1', 'zfs list -H -o used zroot/jails/db@empty')).trim(),
    };
    expect(empty.used).toBe('0B');

    const before = hostStates();
    const r = await cli(project.dir, 'snapshots', ...inv, '--limit', 'old1:new1');
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'old1 | www running (zroot/jails/www): no snapshots\n' +
        'old1 | db stopped (zroot/jails/db)\n' +
        '  SNAPSHOT  CREATED               USED\n' +
        `  empty     ${iso(empty.creation)}    0B\n` +
        'old1 | plain running: no ZFS dataset: /var/plain is not the mountpoint of a ZFS file system\n' +
        'new1 | www stopped (zroot/jails/www)\n' +
        '  SNAPSHOT  CREATED                USED\n' +
        `  a         ${iso(a.creation)}     ${a.used}\n` +
        `  b         ${iso(b.creation)}  ${b.used}\n`,
    });
    const j = await cli(project.dir, 'snapshots', ...inv, '--json', '--limit', 'new1', 'www', 'db');
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout) as { hosts: Array<{ jails: unknown[] }> };
    expect(doc.hosts[0]!.jails).toEqual([wwwOnNew1('stopped'), { jail: 'db', state: null, path: null, dataset: null, snapshots: [], note: UNKNOWN }]);
    expect(hostStates()).toEqual(before);
  });

  it('a jail.conf file jail(8) would refuse fails that host (exit 1) naming file and line; the others are listed', async () => {
    // jaillex.l: a quote left open is "unterminated string" at the line it opens on.
    await sh('old2', `printf '%s\\n' 'bad {' '  path = "/usr/jails/bad;' '}' > /etc/jail.conf.d/bad.conf`);
    const r = await cli(project.dir, 'snapshots', ...inv, '--limit', 'old');
    await sh('old2', 'rm /etc/jail.conf.d/bad.conf');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('old2'))).toEqual(['old2 | FAILED! => cannot read the jail configuration: /etc/jail.conf.d/bad.conf:2: unterminated string']);
    expect(r.stdout).toMatch(/^old1 \| www running \(zroot\/jails\/www\): no snapshots\nold1 \| db stopped /);
  });
});
