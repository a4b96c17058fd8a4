/**
 * Issue 12, the drift matrix: "repairing drift never leaves a host worse than
 * it found it". A host of inventory/sim.yml (new1) is converged once by a
 * shipped playbook (the template); each case clones it, injects one kind of
 * drift through the simulated shell as an operator would, and then:
 *   - `apply` succeeds,
 *   - the host matches the clean converge on rc.conf, jail.conf,
 *     /etc/jail.conf.d/*, sysctl.conf, sshd_config — and the other files the
 *     playbook manages: the jail's rc.conf and syslog.conf, postfix's main.cf,
 *     the copy/line files — (contents, and mode and owner), `jls -v`,
 *     `sockstat -4l` (sorted rows without PID/FD), `ifconfig -a`, `mount` and
 *     the runtime value of the sysctl the playbook sets. Only JIDs (and the
 *     CPUSetID allocated with them) and pids are normalised, and lines are
 *     compared in any order (see the comparison below),
 *   - the run after it changes nothing, in one exec and one round.
 * The clean converge is the template itself: a fresh host of the same
 * inventory entry, converged by the same playbook.
 *
 * Templates: playbooks/site.yml; playbooks/jail-fleet.yml as shipped (one
 * jail); jail-fleet.yml's task for three jails in one play (jail_list order);
 * site.yml with a `copy` and a `line` task added (mode/owner of the files
 * those manage). A root tree with part of the base system deleted is the one
 * case that must not converge: the jail task fails naming what is missing,
 * and nothing is rebuilt.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimHost } from '../../src/sim/host.js';
import { cloneOf, convergedTemplate, playbookFrom, playsOf, runOn, sh, snapshot, snapshotDiff, unordered, type Snapshot, type Template } from './drift-host.js';

const HOST = 'new1';
const HOST_IP = '192.0.2.21';
const JAIL_IP = '192.0.2.121';
const CONF = '/etc/jail.conf.d/www.conf';
const JAIL_FILES = ['/usr/jails/www/etc/rc.conf', '/usr/jails/www/etc/syslog.conf'];

type Kind = 'site' | 'fleet' | 'fleet3' | 'files';

interface Drift {
  name: string;
  /** Shell text run on the host as root; every command must succeed. */
  inject: string;
  on: Kind[];
  /**
   * What the host should look like after the repair, when it is not the
   * clean converge: the clean converge with `also` applied (drift jailfleet
   * does not own, and so leaves as it found it).
   */
  also?: string;
  /**
   * A repair that is a change and yet does not give the clean converge's
   * exact value: the clean converge with `repairedAs` applied.
   */
  repairedAs?: string;
}

const JAILS: Kind[] = ['site', 'fleet', 'fleet3'];
const HOST_DAEMONS: Kind[] = ['site'];

const drifts: Drift[] = [
  // A hand-edited /etc/jail.conf.d file.
  { name: 'jail.conf.d file edited: ip4.addr', inject: `sed -i '' 's/${JAIL_IP}/192.0.2.99/' ${CONF}`, on: JAILS },
  { name: 'jail.conf.d file edited: path', inject: `sed -i '' "s|path = '/usr/jails/www'|path = '/srv/www'|" ${CONF}`, on: JAILS },
  { name: 'jail.conf.d file edited: host.hostname', inject: `sed -i '' "s/host.hostname = 'www'/host.hostname = 'other'/" ${CONF}`, on: JAILS },
  { name: 'jail.conf.d file deleted', inject: `rm ${CONF}`, on: JAILS },
  // The jail not running as the playbook says.
  { name: 'jail stopped: service jail stop www', inject: 'service jail stop www', on: JAILS },
  { name: 'jail removed: jail -r www', inject: 'jail -r www', on: JAILS },
  {
    name: 'jail started by hand with other parameters (ip4.addr, host.hostname, no mounts)',
    inject: "service jail stop www && jail -c name=www path=/usr/jails/www host.hostname=byhand 'ip4.addr=em0|192.0.2.77/32' persist",
    on: JAILS,
  },
  { name: "jail's alias removed: ifconfig em0 inet JAIL_IP -alias", inject: `ifconfig em0 inet ${JAIL_IP} -alias`, on: JAILS },
  // jailfleet does not own addresses no task declares: an operator's extra
  // alias stays, and nothing else changes. The host should be the clean
  // converge plus that alias (in ifconfig; nothing listens on it).
  {
    name: 'extra alias added: ifconfig em0 inet 192.0.2.250/32 alias (not owned: kept)',
    inject: 'ifconfig em0 inet 192.0.2.250/32 alias',
    also: 'ifconfig em0 inet 192.0.2.250/32 alias',
    on: JAILS,
  },
  { name: "devfs unmounted in the jail: umount /usr/jails/www/dev", inject: 'umount /usr/jails/www/dev', on: JAILS },
  { name: "procfs unmounted in the jail: umount /usr/jails/www/proc", inject: 'umount /usr/jails/www/proc', on: JAILS },
  // rc.conf.
  { name: 'rc.conf: sysrc -x jail_enable', inject: 'sysrc -x jail_enable', on: JAILS },
  { name: 'rc.conf: sysrc jail_enable=NO', inject: 'sysrc jail_enable=NO', on: JAILS },
  { name: 'rc.conf: sysrc -x jail_list', inject: 'sysrc -x jail_list', on: JAILS },
  { name: 'rc.conf: sysrc syslogd_flags=-s (not restarted)', inject: 'sysrc syslogd_flags=-s', on: HOST_DAEMONS },
  { name: 'rc.conf: sysrc -x inetd_flags (not restarted)', inject: 'sysrc -x inetd_flags', on: HOST_DAEMONS },
  // sshd_config.
  { name: 'sshd_config: ListenAddress removed (not restarted)', inject: "sed -i '' '/^ListenAddress/d' /etc/ssh/sshd_config", on: HOST_DAEMONS },
  // A rebound daemon restarted on the wildcard address.
  { name: 'syslogd restarted on *:514 (syslogd_flags=-s, service syslogd restart)', inject: 'sysrc syslogd_flags=-s && service syslogd restart', on: HOST_DAEMONS },
  {
    name: 'sshd restarted on *:22 (ListenAddress removed, service sshd restart)',
    inject: "sed -i '' '/^ListenAddress/d' /etc/ssh/sshd_config && service sshd restart",
    on: HOST_DAEMONS,
  },
  { name: 'inetd restarted on *:21 (inetd_flags without -a, service inetd restart)', inject: "sysrc inetd_flags='-wW -C 60' && service inetd restart", on: HOST_DAEMONS },
  {
    name: 'postfix restarted on *:25 (inet_interfaces = all, service postfix restart)',
    inject: "sed -i '' 's/^inet_interfaces = .*/inet_interfaces = all/' /usr/local/etc/postfix/main.cf && service postfix restart",
    on: HOST_DAEMONS,
  },
  // sysctl.
  { name: 'sysctl changed at runtime only: security.jail.set_hostname_allowed=1', inject: 'sysctl security.jail.set_hostname_allowed=1', on: HOST_DAEMONS },
  { name: 'sysctl.conf line removed (runtime kept)', inject: "sed -i '' '/^security.jail.set_hostname_allowed/d' /etc/sysctl.conf", on: HOST_DAEMONS },
  // The jail's own files (the jail module's rc_conf and files).
  { name: "the jail's rc.conf: sysrc -f /usr/jails/www/etc/rc.conf sshd_enable=NO", inject: 'sysrc -f /usr/jails/www/etc/rc.conf sshd_enable=NO', on: JAILS },
  { name: "the jail's syslog.conf edited (console line back to /dev/console)", inject: "sed -i '' 's|^\\*\\.err;kern.warning;auth.notice;mail.crit .*|*.err;kern.warning;auth.notice;mail.crit\t\t/dev/console|' /usr/jails/www/etc/syslog.conf", on: JAILS },
  // Mode and owner of managed files.
  { name: `mode changed: chmod 600 ${CONF}`, inject: `chmod 600 ${CONF}`, on: JAILS },
  { name: `owner changed: chown nobody:nobody ${CONF}`, inject: `chown nobody:nobody ${CONF}`, on: JAILS },
  { name: "mode changed: chmod 600 on the jail's syslog.conf (jail files: mode 0644)", inject: 'chmod 600 /usr/jails/www/etc/syslog.conf', on: JAILS },
  { name: 'mode changed: chmod 600 /etc/motd (a copy task, mode 0644)', inject: 'chmod 600 /etc/motd', on: ['files'] },
  { name: 'owner changed: chown nobody:nobody /etc/motd (a copy task, owner root, group wheel)', inject: 'chown nobody:nobody /etc/motd', on: ['files'] },
  { name: 'mode changed: chmod 600 /etc/hosts.allow (a line task, mode 0644)', inject: 'chmod 600 /etc/hosts.allow', on: ['files'] },
  { name: 'owner changed: chown nobody:nobody /etc/hosts.allow (a line task, owner root, group wheel)', inject: 'chown nobody:nobody /etc/hosts.allow', on: ['files'] },
  // Several jails.
  // Each jail task makes sure its jail is in jail_list (state: value_present,
  // as Ansible users write it); none of them declares an order, so a reorder
  // by hand is the operator's and is kept. A playbook that wants an order sets
  // jail_list whole with sysrc.
  {
    name: 'jail_list reordered: sysrc jail_list="mail www db" (order not owned, kept)',
    inject: "sysrc jail_list='mail www db'",
    also: "sysrc jail_list='mail www db'",
    on: ['fleet3'],
  },
  // db is added back where value_present adds: at the end.
  { name: 'jail_list with a jail missing: sysrc jail_list-=db (added back)', inject: 'sysrc jail_list-=db', repairedAs: "sysrc jail_list='www mail db'", on: ['fleet3'] },
  { name: 'a second jail stopped: service jail stop db', inject: 'service jail stop db', on: ['fleet3'] },
];

/** The root tree losing part of the base system: must fail, not converge. */
const brokenTrees: Array<{ name: string; inject: string; missing: string; gone: string }> = [
  { name: "the jail's root tree partly deleted: rm -rf /usr/jails/www/etc", inject: 'rm -rf /usr/jails/www/etc', missing: 'etc', gone: '/usr/jails/www/etc' },
  { name: "the jail's root tree partly deleted: rm /usr/jails/www/bin/sh", inject: 'rm /usr/jails/www/bin/sh', missing: 'bin/sh', gone: '/usr/jails/www/bin/sh' },
];

const SITE = 'playbooks/site.yml';
const FLEET = 'playbooks/jail-fleet.yml';

/** jail-fleet.yml's task once per jail, in one play (one exec per run), each jail's name and address as task vars. */
function fleetOfThree(): unknown[] {
  const [play] = playsOf(FLEET) as Array<{ tasks: Array<Record<string, unknown>> } & Record<string, unknown>>;
  const [task] = play!.tasks;
  const jails = [
    { jail_name: 'www', jail_ip: JAIL_IP },
    { jail_name: 'db', jail_ip: '192.0.2.131' },
    { jail_name: 'mail', jail_ip: '192.0.2.141' },
  ];
  return [{ ...play, tasks: jails.map((vars) => ({ ...task, name: `${String(task!.name)} (${vars.jail_name})`, vars })) }];
}

/** site.yml with a `copy` and a `line` task appended to its play. */
function siteWithFiles(): unknown[] {
  const [play] = playsOf(SITE) as Array<{ tasks: unknown[] } & Record<string, unknown>>;
  const tasks = [
    ...play!.tasks,
    { name: 'motd', copy: { dest: '/etc/motd', content: '{{ inventory_hostname }}: managed by jailfleet\n', mode: '0644', owner: 'root', group: 'wheel' } },
    {
      name: 'sshd from the LAN only',
      line: { path: '/etc/hosts.allow', regexp: '^sshd ', line: 'sshd : 192.0.2.0/24 : allow', create: true, mode: '0644', owner: 'root', group: 'wheel' },
    },
  ];
  return [{ ...play, tasks }];
}

const templates: Record<Kind, { title: string; plays: () => unknown[]; file: string; extraFiles: string[] }> = {
  site: { title: SITE, plays: () => playsOf(SITE), file: SITE, extraFiles: [...JAIL_FILES, '/usr/local/etc/postfix/main.cf'] },
  fleet: { title: FLEET, plays: () => playsOf(FLEET), file: FLEET, extraFiles: JAIL_FILES },
  fleet3: { title: `${FLEET}, its task for three jails (www, db, mail) in one play`, plays: fleetOfThree, file: 'jail-fleet-3.yml', extraFiles: JAIL_FILES },
  files: { title: `${SITE} with a copy and a line task`, plays: siteWithFiles, file: 'site-files.yml', extraFiles: [...JAIL_FILES, '/etc/motd', '/etc/hosts.allow'] },
};

function inject(sim: SimHost, script: string): void {
  const r = sh(sim, script);
  expect(r.code, `${script}\n${r.stdout}${r.stderr}`).toBe(0);
}

const failed = (statuses: Array<[string, string]>) => statuses.filter(([, s]) => s === 'failed');

for (const kind of Object.keys(templates) as Kind[]) {
  const spec = templates[kind];
  describe(`drift on a converged host of ${spec.title}`, () => {
    let template: Template;
    beforeAll(async () => {
      template = await convergedTemplate(HOST, playbookFrom(spec.plays(), spec.file), spec.extraFiles);
      // The template is what the playbooks promise: a sanity check on what is compared.
      expect(template.clean.jls).toContain(JAIL_IP);
      // site.yml rebinds the host daemons: nothing listens on a wildcard address.
      if (kind === 'site' || kind === 'files') {
        expect(template.clean.sockstat.filter((r) => r.split(' ')[3]?.startsWith('*:'))).toEqual([]);
        expect(template.clean.sockstat).toContain(`root sshd tcp4 ${HOST_IP}:22 *:*`);
      }
    });

    for (const drift of drifts.filter((d) => d.on.includes(kind))) {
      it(drift.name, async () => {
        const sim = cloneOf(template);
        inject(sim, drift.inject);
        let want: Snapshot = template.clean;
        const toReference = drift.also ?? drift.repairedAs;
        if (toReference) {
          const reference = cloneOf(template);
          inject(reference, toReference);
          want = snapshot(reference, template.extraFiles);
        }
        // The drift shows in what is compared, or this case tests nothing.
        expect(snapshot(sim, template.extraFiles)).not.toEqual(template.clean);

        const repair = await runOn(sim, HOST, template.playbook, template.inventory);
        expect(failed(repair.statuses), JSON.stringify(repair.tasks.map((t) => [t.task, t.status, t.message]))).toEqual([]);
        // A drift jailfleet owns is reported as a change; one it does not own, not at all.
        expect.soft(repair.statuses.some(([, s]) => s === 'changed'), 'the repair reports a change').toBe(drift.also === undefined);
        const repaired = snapshot(sim, template.extraFiles);
        const said = repair.tasks.filter((t) => t.status !== 'ok').map((t) => `${t.task}: ${t.message}`);
        // Compared as the same lines in any order: rc.conf and sshd_config
        // assignments mean the same wherever they stand (sysrc appends what it
        // adds back, and rebind puts ListenAddress where it is valid, before any
        // Match block), and jls, ifconfig and mount list a restarted jail last.
        // Values themselves (jail_list's order of names included) still count.
        expect(snapshotDiff(unordered(repaired), unordered(want)), `the same lines as the clean converge (repair: ${JSON.stringify(said)})`).toEqual([]);

        const again = await runOn(sim, HOST, template.playbook, template.inventory);
        expect.soft(again.tasks.filter((t) => t.status !== 'ok').map((t) => [t.task, t.status, t.message]), 'the next run changes nothing').toEqual([]);
        expect.soft(again.ends, 'the next run: one exec, one round').toEqual([{ channels: 1, rounds: 1 }]);
      });
    }

    if (kind === 'files') return;
    for (const broken of brokenTrees) {
      it(`${broken.name} — the jail task fails naming it, nothing is rebuilt, user data untouched`, async () => {
        const sim = cloneOf(template);
        inject(sim, "mkdir -p /usr/jails/www/home/alice && printf 'keep me\\n' > /usr/jails/www/home/alice/notes.txt");
        const jid = sh(sim, 'jls -j www jid').stdout;
        inject(sim, broken.inject);
        const before = snapshot(sim, template.extraFiles);

        const run = await runOn(sim, HOST, template.playbook, template.inventory);
        const jailTask = run.tasks.find((t) => t.status === 'failed');
        expect(jailTask?.task).toMatch(/^(www jail|jail) is built, configured and running/);
        expect(run.tasks.filter((t) => t.status === 'failed')).toHaveLength(1);
        expect(jailTask?.message).toMatch(/root tree \/usr\/jails\/www .*incomplete/);
        expect(jailTask?.message).toContain(`${broken.missing} missing`);
        // Nothing rebuilt: the host was sent nothing to run, the missing part is still missing.
        expect(run.sent).toBe('');
        expect(sim.fs.exists(broken.gone)).toBe(false);
        expect(sh(sim, 'cat /usr/jails/www/home/alice/notes.txt').stdout).toBe('keep me\n');
        // The running jail was left as it ran, and nothing else on the host changed.
        expect(sh(sim, 'jls -j www jid').stdout).toBe(jid);
        expect(snapshot(sim, template.extraFiles)).toEqual(before);
      });
    }
  });
}
