/**
 * The drift matrix's cases (issue 12), shared with the fault matrix: each
 * kind of drift an operator can make on a converged host, and the
 * playbooks (templates) converged before it is injected.
 */
import { resolve } from 'node:path';
import { convergedTemplate, playbookFrom, playsOf, type Template } from './drift-host.js';

export const HOST = 'new1';
export const HOST_IP = '192.0.2.21';
export const JAIL_IP = '192.0.2.121';
export const CONF = '/etc/jail.conf.d/www.conf';
export const JAIL_FILES = ['/usr/jails/www/etc/rc.conf', '/usr/jails/www/etc/syslog.conf'];

export type Kind = 'site' | 'fleet' | 'fleet3' | 'files' | 'jailFiles' | 'bareFiles' | 'thin' | 'net';

export interface Drift {
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

/**
 * The fault matrix (fault-repairs.ts) cuts each repair on the first kind its
 * drift lists, so each list starts with the smallest playbook that holds the
 * drifted task: a cut run costs about the whole playbook's facts, and there is
 * one per command. The other playbooks' extra tasks only add read-only facts
 * commands to such a repair; those are cut in the repairs of their own drifts.
 */
export const JAILS: Kind[] = ['fleet', 'site', 'fleet3'];
export const HOST_DAEMONS: Kind[] = ['site'];
/** The file, account and ZFS tasks: alone first, then in the whole site.yml. */
export const FILE_TASKS: Kind[] = ['bareFiles', 'files'];
/** The jail_snapshot task: beside site.yml's jail alone first (the jail, on its own dataset), then in the whole site.yml. */
export const SNAPSHOT_TASK: Kind[] = ['jailFiles', 'files'];

export const drifts: Drift[] = [
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
  // A stop cut short leaves the alias behind: jail(8) could not add it again at the start (SIOCAIFADDR: File exists).
  { name: 'jail stopped with its alias left behind: jail -r www, then ifconfig em0 inet JAIL_IP/32 alias', inject: `jail -r www && ifconfig em0 inet ${JAIL_IP}/32 alias`, on: JAILS },
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
  { name: 'mode changed: chmod 600 /etc/motd (a copy task, mode 0644)', inject: 'chmod 600 /etc/motd', on: FILE_TASKS },
  { name: 'owner changed: chown nobody:nobody /etc/motd (a copy task, owner root, group wheel)', inject: 'chown nobody:nobody /etc/motd', on: FILE_TASKS },
  { name: 'content changed: a line appended to /etc/issue.local (a template task)', inject: 'echo tampered >> /etc/issue.local', on: FILE_TASKS },
  { name: 'mode changed: chmod 600 /etc/issue.local (a template task, mode 0644)', inject: 'chmod 600 /etc/issue.local', on: FILE_TASKS },
  { name: 'mode changed: chmod 600 /etc/hosts.allow (a line task, mode 0644)', inject: 'chmod 600 /etc/hosts.allow', on: FILE_TASKS },
  { name: 'owner changed: chown nobody:nobody /etc/hosts.allow (a line task, owner root, group wheel)', inject: 'chown nobody:nobody /etc/hosts.allow', on: FILE_TASKS },
  // The snapshot reads a link's target through it (cat), so a retargeted link shows as other content.
  { name: 'link retargeted: ln -sfh issue.local /etc/motd.current (a file task, state: link, src: motd)', inject: 'ln -sfh issue.local /etc/motd.current', on: FILE_TASKS },
  { name: "fstab line removed: sed -i '' '/nullfs/d' /etc/fstab (a mount task)", inject: "sed -i '' '/nullfs/d' /etc/fstab", on: FILE_TASKS },
  { name: 'unmounted: umount /mnt/share (a mount task)', inject: 'umount /mnt/share', on: FILE_TASKS },
  { name: 'dataset mountpoint inherited: zfs inherit mountpoint zroot/backup (a zfs task)', inject: 'zfs inherit mountpoint zroot/backup', on: FILE_TASKS },
  { name: 'snapshot destroyed: zfs destroy zroot/jails/www@baseline (a jail_snapshot task)', inject: 'zfs destroy zroot/jails/www@baseline', on: SNAPSHOT_TASK },
  // Accounts and a crontab changed by hand: the group, user and cron tasks.
  { name: 'accounts and crontab: pw groupmod ops -g 2100, pw usermod deploy -s /bin/csh, crontab -u deploy -r', inject: 'pw groupmod ops -g 2100 && pw usermod deploy -s /bin/csh && crontab -u deploy -r', on: FILE_TASKS },
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
  // A thin jail (type: thin): its release, mounted by jail(8) from its mount.fstab, gone.
  { name: "a thin jail's nullfs base unmounted: umount /usr/jails/www/.jailfleet-base", inject: 'umount /usr/jails/www/.jailfleet-base', on: ['thin'] },
  // The jail module's network: a vnet jail's bridge (made again with its uplink and the running jail's epair), a NAT jail's pf anchor.
  // A bridge made again is attached last: ifconfig -a lists it after the epair (its members as before).
  {
    name: 'a bridge removed: ifconfig bridge0 destroy (a vnet jail)',
    inject: 'ifconfig bridge0 destroy',
    repairedAs: 'ifconfig bridge0 destroy && ifconfig bridge0 create up && ifconfig bridge0 addm em0 && ifconfig bridge0 addm epair3a',
    on: ['net'],
  },
  { name: 'an rdr rule flushed by hand: pfctl -a jailfleet/web -F nat (a NAT jail)', inject: 'pfctl -a jailfleet/web -F nat', on: ['net'] },
];

/** The root tree losing part of the base system: must fail, not converge. */
export const brokenTrees: Array<{ name: string; inject: string; missing: string; gone: string }> = [
  { name: "the jail's root tree partly deleted: rm -rf /usr/jails/www/etc", inject: 'rm -rf /usr/jails/www/etc', missing: 'etc', gone: '/usr/jails/www/etc' },
  { name: "the jail's root tree partly deleted: rm /usr/jails/www/bin/sh", inject: 'rm /usr/jails/www/bin/sh', missing: 'bin/sh', gone: '/usr/jails/www/bin/sh' },
];

export const SITE = 'playbooks/site.yml';
export const FLEET = 'playbooks/jail-fleet.yml';

/** jail-fleet.yml's task once per jail, in one play (one exec per run), each jail's name and address as task vars. */
export function fleetOfThree(): unknown[] {
  const [play] = playsOf(FLEET) as Array<{ tasks: Array<Record<string, unknown>> } & Record<string, unknown>>;
  const [task] = play!.tasks;
  const jails = [
    { jail_name: 'www', jail_ip: JAIL_IP },
    { jail_name: 'db', jail_ip: '192.0.2.131' },
    { jail_name: 'mail', jail_ip: '192.0.2.141' },
  ];
  return [{ ...play, tasks: jails.map((vars) => ({ ...task, name: `${String(task!.name)} (${vars.jail_name})`, vars })) }];
}

/** jail-fleet.yml with its jail thin (type: thin). */
export function thinFleet(): unknown[] {
  const [play] = playsOf(FLEET) as Array<{ tasks: Array<Record<string, unknown>> } & Record<string, unknown>>;
  const [task] = play!.tasks;
  return [{ ...play, tasks: [{ ...task, jail: { ...(task!.jail as Record<string, unknown>), type: 'thin' } }] }];
}

/** The template task's source: absolute, so it is read as given whatever the playbook's directory. */
const ISSUE_TEMPLATE = resolve(import.meta.dirname, '../fixtures/templates/issue.j2');

/** An encrypted password (crypt(3) SHA-512 form) for the user task. */
export const DEPLOY_HASH = '$6$jailfleet$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ./';

/** A `copy`, a `template`, a `line`, a `file` (link), a `zfs`, a `jail_snapshot` (of site.yml's jail), a `mount`, a `group`, a `user` and a `cron` task. */
function fileTasks(): unknown[] {
  return [
    { name: 'motd', copy: { dest: '/etc/motd', content: '{{ inventory_hostname }}: managed by jailfleet\n', mode: '0644', owner: 'root', group: 'wheel' } },
    { name: 'issue', template: { src: ISSUE_TEMPLATE, dest: '/etc/issue.local', mode: '0644', owner: 'root', group: 'wheel' } },
    {
      name: 'sshd from the LAN only',
      line: { path: '/etc/hosts.allow', regexp: '^sshd ', line: 'sshd : 192.0.2.0/24 : allow', create: true, mode: '0644', owner: 'root', group: 'wheel' },
    },
    { name: 'motd link', file: { path: '/etc/motd.current', src: 'motd', state: 'link' } },
    { name: 'backup dataset', zfs: { name: 'zroot/backup', extra_zfs_properties: { mountpoint: '/backup', compression: 'lz4' } } },
    { name: 'www baseline', jail_snapshot: { jail: 'www', dataset: 'zroot/jails/www', name: 'baseline' } },
    { name: 'share read-only', mount: { path: '/mnt/share', src: '/usr/share', fstype: 'nullfs', opts: 'ro', state: 'mounted' } },
    { name: 'ops group', group: { name: 'ops', gid: 2000 } },
    { name: 'deploy user', user: { name: 'deploy', uid: 2000, group: 'ops', shell: '/bin/sh', password: DEPLOY_HASH } },
    { name: 'deploy report', cron: { name: 'report', user: 'deploy', minute: 15, job: '/usr/local/bin/report' } },
  ];
}

/** site.yml with the file tasks (fileTasks) appended to its play. */
export function siteWithFiles(): unknown[] {
  const [play] = playsOf(SITE) as Array<{ tasks: unknown[] } & Record<string, unknown>>;
  return [{ ...play, tasks: [...play!.tasks, ...fileTasks()] }];
}

/** site.yml's jail task (its jail on its own dataset, as jail_snapshot needs) and the file tasks: their repairs without site.yml's rebind, sysctl and sysrc facts. */
export function jailWithFiles(): unknown[] {
  const [play] = playsOf(SITE) as Array<{ tasks: Array<Record<string, unknown>> } & Record<string, unknown>>;
  return [{ ...play, tasks: [...play!.tasks.filter((t) => t.jail), ...fileTasks()] }];
}

/** The file tasks but jail_snapshot, alone in site.yml's play: their repairs without the jail's facts either. A file task added that needs the jail is left out here too. */
export function filesAlone(): unknown[] {
  const [play] = playsOf(SITE) as Array<Record<string, unknown>>;
  return [{ ...play, tasks: fileTasks().filter((t) => !('jail_snapshot' in (t as Record<string, unknown>))) }];
}

/** jail-fleet.yml's play with a NAT jail (a port forward) and a VNET jail (behind bridge0, uplink em0) added. */
export function fleetWithNetworks(): unknown[] {
  const [play] = playsOf(FLEET) as Array<{ tasks: unknown[] } & Record<string, unknown>>;
  const tasks = [
    ...play!.tasks,
    { name: 'nat jail', jail: { name: 'web', release: '14.2-RELEASE', network: 'nat', external_interface: 'em0', ip4: '10.17.0.2', ports: [{ proto: 'tcp', host: 8080, jail: 80 }] } },
    { name: 'vnet jail', jail: { name: 'app', release: '14.2-RELEASE', network: 'vnet', epair: 3, bridge_uplink: 'em0', ip4: '192.0.2.130/24', gateway: '192.0.2.1' } },
  ];
  return [{ ...play, tasks }];
}

// The crontab is compared by the next run (changes nothing), not as a file: crontab(1) stamps its header with the time.
const FILES_EXTRA = [...JAIL_FILES, '/etc/motd', '/etc/issue.local', '/etc/hosts.allow', '/etc/motd.current', '/etc/fstab', '/etc/master.passwd', '/etc/group'];

export const templates: Record<Kind, { title: string; plays: () => unknown[]; file: string; extraFiles: string[] }> = {
  site: { title: SITE, plays: () => playsOf(SITE), file: SITE, extraFiles: [...JAIL_FILES, '/usr/local/etc/postfix/main.cf'] },
  fleet: { title: FLEET, plays: () => playsOf(FLEET), file: FLEET, extraFiles: JAIL_FILES },
  fleet3: { title: `${FLEET}, its task for three jails (www, db, mail) in one play`, plays: fleetOfThree, file: 'jail-fleet-3.yml', extraFiles: JAIL_FILES },
  files: {
    title: `${SITE} with a copy, a template, a line, a file, a zfs, a mount, a group, a user and a cron task`,
    plays: siteWithFiles,
    file: 'site-files.yml',
    extraFiles: FILES_EXTRA,
  },
  jailFiles: { title: `${SITE}'s jail task alone, with the file tasks of the row above`, plays: jailWithFiles, file: 'jail-files.yml', extraFiles: FILES_EXTRA },
  bareFiles: { title: 'the file tasks of the row above alone (no jail, so no jail_snapshot)', plays: filesAlone, file: 'files.yml', extraFiles: FILES_EXTRA },
  thin: { title: `${FLEET} with a thin jail`, plays: thinFleet, file: 'jail-fleet-thin.yml', extraFiles: [...JAIL_FILES, '/etc/fstab.www'] },
  net: { title: `${FLEET} with a NAT jail and a VNET jail`, plays: fleetWithNetworks, file: 'jail-net.yml', extraFiles: [...JAIL_FILES, '/etc/pf.conf', '/usr/jails/app/etc/rc.conf'] },
};

const built = new Map<Kind, Promise<Template>>();

/**
 * The template of `kind`, converged once per worker: test files in a worker
 * share this module (vitest.config.ts, isolate: false), and the drift matrix
 * and each fault matrix share of a worker need the same ones. Users only
 * clone its host (cloneOf) and read it, never run anything on it.
 */
export function templateOf(kind: Kind): Promise<Template> {
  let t = built.get(kind);
  if (!t) {
    const spec = templates[kind];
    t = convergedTemplate(HOST, playbookFrom(spec.plays(), spec.file), spec.extraFiles);
    built.set(kind, t);
  }
  return t;
}
