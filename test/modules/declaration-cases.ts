/**
 * One representative task per module and variant (host and jail-scoped),
 * each with the host output that makes it plan steps, so every fact and
 * every kind of step a module has is looked at by declarations.test.ts.
 */
import { commandModule } from '../../src/modules/command/index.js';
import { cronModule } from '../../src/modules/cron/index.js';
import { groupModule } from '../../src/modules/group/index.js';
import { userModule } from '../../src/modules/user/index.js';
import { copyModule } from '../../src/modules/copy/index.js';
import { templateModule } from '../../src/modules/template/index.js';
import { directoryModule } from '../../src/modules/directory/index.js';
import { fileModule } from '../../src/modules/file/index.js';
import { ipAliasModule } from '../../src/modules/ip-alias/index.js';
import { jailModule } from '../../src/modules/jail/index.js';
import { jailSnapshotModule } from '../../src/modules/jail-snapshot/index.js';
import { lineModule } from '../../src/modules/line/index.js';
import { pkgModule } from '../../src/modules/pkg/index.js';
import { rebindModule } from '../../src/modules/rebind/index.js';
import { serviceModule } from '../../src/modules/service/index.js';
import { sysctlModule } from '../../src/modules/sysctl/index.js';
import { sysrcModule } from '../../src/modules/sysrc/index.js';
import { mountModule } from '../../src/modules/mount/index.js';
import { zfsModule } from '../../src/modules/zfs/index.js';
import { fakeHost } from './fake-host.js';
import { absent, fail, fileCmd, lsDir, lsFile, ok, type Captured, type Task } from './harness.js';
import { convergedHost, JLS, jlsJson, WWW_CONF, WWW_RUNNING, WWW_TASK } from './jail-fixtures.js';

export interface Case {
  name: string;
  task: Task;
  host: Captured;
}

const running = (name: string) => ok(`${name} is running as pid 700.\n`);
const SSHD = '/etc/ssh/sshd_config';
const DATA = '/usr/jails/www/data';
const MOUNT_P = '/dev/ada0p2\t\t/\t\t\tufs\trw\t\t1 1\n';
const WWW_SNAPS = 'zfs list -H -t snapshot -o name -d 1 zroot/jails/www';
const NO_WWW = fail(1, "cannot open 'zroot/jails/www': dataset does not exist\n");
const ACCOUNTS = "pw usershow -a && printf '%s\\n' @@jailfleet-groups && pw groupshow -a";
const ACCOUNTS_IN_WWW = "jexec -l www /bin/sh -c 'pw usershow -a && printf '\\''%s\\n'\\'' @@jailfleet-groups && pw groupshow -a'";
const BOB = ok('root:*:0:0::0:0:Charlie &:/root:/bin/sh\nbob:*:1001:1001::0:0:Bob:/home/bob:/bin/sh\n@@jailfleet-groups\nwheel:*:0:root\nbob:*:1001:\ndevs:*:2000:\n');
const WWW_UP = { [JLS]: jlsJson([WWW_RUNNING]), [fileCmd('/etc/jail.conf.d/www.conf')]: lsFile('/etc/jail.conf.d/www.conf', WWW_CONF) };

export const CASES: Case[] = [
  { name: 'sysrc on the host', task: [sysrcModule, { name: 'sshd_enable', value: 'YES' }], host: fakeHost() },
  { name: 'sysrc absent', task: [sysrcModule, { name: 'sshd_enable', state: 'absent' }], host: fakeHost() },
  { name: 'sysrc in a jail', task: [sysrcModule, { name: 'sshd_enable', value: 'YES', jail: 'www' }], host: fakeHost() },
  {
    name: 'line with a backup',
    task: [lineModule, { path: SSHD, regexp: '^#?ListenAddress ', line: 'ListenAddress 192.0.2.11', backup: true }],
    host: fakeHost({ [fileCmd(SSHD)]: lsFile(SSHD, '#ListenAddress 0.0.0.0\n') }),
  },
  { name: 'line creating a file', task: [lineModule, { path: '/usr/jails/web/etc/motd', line: 'hi', create: true }], host: fakeHost() },
  { name: 'copy a new file', task: [copyModule, { dest: '/tmp/x.txz', content: 'x', mode: '0600', owner: 'root' }], host: fakeHost() },
  {
    name: 'copy from the host, validated',
    task: [copyModule, { dest: '/etc/motd', src: '/usr/share/motd', remote_src: true, validate: 'sh -n %s' }],
    host: fakeHost({ [fileCmd('/usr/share/motd')]: lsFile('/usr/share/motd', 'hi\n') }),
  },
  {
    name: 'copy fixing attributes',
    task: [copyModule, { dest: '/etc/motd', content: 'x', mode: '0600', owner: 'root' }],
    host: fakeHost({ [fileCmd('/etc/motd')]: lsFile('/etc/motd', 'x', '-rw-r--r--', 'www') }),
  },
  { name: 'template a new file', task: [templateModule, { src: 'motd.j2', srcContent: 'hi {{ inventory_hostname | default("x") }}\n', dest: '/etc/motd.local', mode: '0644' }], host: fakeHost() },
  {
    name: 'template fixing content and attributes',
    task: [templateModule, { src: 'motd.j2', srcContent: 'x', dest: '/etc/motd', mode: '0600', owner: 'root' }],
    host: fakeHost({ [fileCmd('/etc/motd')]: lsFile('/etc/motd', 'y', '-rw-r--r--', 'www') }),
  },
  { name: 'directory created', task: [directoryModule, { path: '/usr/local/www', mode: '0755', owner: 'www' }], host: fakeHost() },
  { name: 'file touch', task: [fileModule, { path: '/var/run/app.ready', state: 'touch', mode: '0640' }], host: fakeHost() },
  { name: 'file link (force)', task: [fileModule, { path: '/usr/local/www/current', src: 'v2', state: 'link', force: true }], host: fakeHost() },
  {
    name: 'file absent',
    task: [fileModule, { path: '/srv/old', state: 'absent' }],
    host: fakeHost({ "if [ -L /srv/old ]; then ls -ld /srv/old && readlink /srv/old; elif [ -e /srv/old ]; then ls -ld /srv/old; else printf '%s\\n' absent; fi": lsDir('/srv/old') }),
  },
  // fetch is not here: it plans no step on the host (the controller writes its file); fetch.test.ts checks its fact's reads.
  {
    name: 'directory recursive',
    task: [directoryModule, { path: '/usr/local/www', mode: '0755', recurse: true }],
    host: fakeHost({ [fileCmd('/usr/local/www')]: lsDir('/usr/local/www', 'drwx------') }),
  },
  {
    name: 'directory absent',
    task: [directoryModule, { path: '/usr/local/www', state: 'absent' }],
    host: fakeHost({ [fileCmd('/usr/local/www')]: lsDir('/usr/local/www') }),
  },
  { name: 'sysctl', task: [sysctlModule, { name: 'security.jail.set_hostname_allowed', value: 0 }], host: fakeHost() },
  { name: 'service on the host', task: [serviceModule, { name: 'sshd', enabled: true, state: 'started' }], host: fakeHost() },
  { name: 'service in a jail', task: [serviceModule, { name: 'nginx', jail: 'www', enabled: true, state: 'restarted' }], host: fakeHost() },
  { name: 'jail from a release', task: [jailModule, { ...WWW_TASK, name: 'web', ip4: 'em0|192.0.2.122/32' }], host: fakeHost() },
  {
    name: 'jail from an archive on a dataset, with fstab and files',
    task: [
      jailModule,
      {
        name: 'db',
        archive: '/tmp/x.txz',
        dataset: 'zroot/jails/db',
        mounts: ['devfs', { fstab: '/data /usr/jails/db/data nullfs rw 0 0' }],
        files: [{ path: '/usr/local/etc/db.conf', content: 'x\n' }],
      },
    ],
    host: fakeHost(),
  },
  { name: 'jail restarted for a new address', task: [jailModule, { ...WWW_TASK, ip4: 'em0|192.0.2.200/32' }], host: fakeHost(convergedHost()) },
  {
    name: 'jail whose kernel link points elsewhere',
    task: [jailModule, WWW_TASK],
    host: fakeHost({ ...convergedHost(), 'readlink /usr/jails/www/kernel': ok('boot/kernel\n') }),
  },
  { name: 'jail whose conf runs host commands', task: [jailModule, { ...WWW_TASK, name: 'hooked', params: { 'exec.poststart': 'logger up' } }], host: fakeHost() },
  {
    name: 'jail with network: nat and a port forward',
    task: [jailModule, { ...WWW_TASK, name: 'natted', ip4: '10.17.0.2', network: 'nat', external_interface: 'em0', ports: [{ host: 8080, jail: 80 }] }],
    host: fakeHost({ 'pfctl -s Running': ok('Disabled\n'), 'pfctl -s nat': ok(''), 'pfctl -a jailfleet/natted -s nat': ok('') }),
  },
  { name: 'jail with network: vnet', task: [jailModule, { ...WWW_TASK, name: 'vnetted', ip4: '192.0.2.140/24', network: 'vnet', epair: 3, bridge_uplink: 'em0' }], host: fakeHost() },
  { name: 'jail absent, purged', task: [jailModule, { name: 'www', state: 'absent', purge: true }], host: fakeHost({ ...WWW_UP, [fileCmd('/usr/jails/www')]: lsDir('/usr/jails/www') }) },
  { name: 'jail absent, dataset destroyed', task: [jailModule, { name: 'www', state: 'absent', purge: true, dataset: 'zroot/jails/www' }], host: fakeHost({ ...WWW_UP, 'zfs list -H -o name,mountpoint zroot/jails/www': ok('zroot/jails/www\t/usr/jails/www\n') }) },
  { name: 'ip_alias added', task: [ipAliasModule, { interface: 'em0', address: '192.0.2.100/32' }], host: fakeHost() },
  {
    name: 'ip_alias removed',
    task: [ipAliasModule, { interface: 'em0', address: '192.0.2.11/24', state: 'absent' }],
    host: fakeHost({ 'sysrc -a': ok('ifconfig_em0_alias0: inet 192.0.2.11/24\nifconfig_em0_alias1: inet 192.0.2.50/32\n') }),
  },
  {
    name: 'rebind',
    task: [rebindModule, { address: '192.0.2.11', daemons: ['syslogd', 'sshd'] }],
    host: fakeHost({
      'service syslogd onestatus': running('syslogd'),
      'service sshd onestatus': running('sshd'),
      [fileCmd(SSHD)]: lsFile(SSHD, '#ListenAddress 0.0.0.0\n'),
    }),
  },
  { name: 'pkg on the host', task: [pkgModule, { name: ['nginx', 'curl'], state: 'latest' }], host: fakeHost({ 'pkg info -e curl': ok('') }) },
  { name: 'pkg in a jail', task: [pkgModule, { name: 'nginx', jail: 'web' }], host: fakeHost() },
  {
    name: 'pkg in a rootdir, with autoremove',
    task: [pkgModule, { name: 'nginx', rootdir: '/mnt', autoremove: true }],
    host: fakeHost({ 'pkg -r /mnt info -e nginx': ok(''), 'pkg -r /mnt autoremove -n': { stdout: 'Installed packages to be REMOVED:\n\tcurl: 8.11.1\n', stderr: '', code: 1 } }),
  },
  { name: 'pkg in a chroot', task: [pkgModule, { name: 'nginx', chroot: '/jails/c', state: 'latest' }], host: fakeHost({ 'pkg -c /jails/c info -e nginx': ok(''), 'pkg -c /jails/c upgrade -n nginx': { stdout: 'Installed packages to be UPGRADED:\n', stderr: '', code: 1 } }) },
  { name: 'user added', task: [userModule, { name: 'alice', groups: ['devs'], password: '$6$s$h' }], host: fakeHost({ [ACCOUNTS]: BOB }) },
  { name: 'user changed in a jail', task: [userModule, { name: 'bob', shell: '/bin/csh', home: '/home/robert', jail: 'www' }], host: fakeHost({ [ACCOUNTS_IN_WWW]: BOB }) },
  { name: 'user removed with its home', task: [userModule, { name: 'bob', state: 'absent', remove: true }], host: fakeHost({ [ACCOUNTS]: BOB }) },
  { name: 'group gid changed', task: [groupModule, { name: 'devs', gid: 2100 }], host: fakeHost({ [ACCOUNTS]: BOB }) },
  { name: 'group added in a jail', task: [groupModule, { name: 'ops', jail: 'www' }], host: fakeHost({ [ACCOUNTS_IN_WWW]: BOB }) },
  { name: 'cron job in a user crontab', task: [cronModule, { name: 'backup', job: '/bin/backup', hour: 3 }], host: fakeHost({ 'crontab -u root -l': fail(1, 'crontab: no crontab for root\n') }) },
  {
    name: 'cron job removed, the crontab with it',
    task: [cronModule, { name: 'backup', state: 'absent' }],
    host: fakeHost({ 'crontab -u root -l': ok('#Ansible: backup\n@daily /bin/backup\n') }),
  },
  { name: 'cron job in a jail', task: [cronModule, { name: 'backup', job: '/bin/backup', jail: 'www' }], host: fakeHost({ 'jexec -l www crontab -u root -l': fail(1, 'crontab: no crontab for root\n') }) },
  { name: 'cron job in /etc/cron.d', task: [cronModule, { name: 'backup', job: '/bin/backup', cron_file: 'backup' }], host: fakeHost({ [fileCmd('/etc/cron.d/backup')]: absent }) },
  { name: 'command', task: [commandModule, { cmd: 'echo x >> /etc/motd', creates: '/var/db/done', unless: 'test -f /x' }], host: fakeHost() },
  {
    name: 'command in a jail',
    task: [commandModule, { cmd: 'pkg info > /root/pkgs', jail: 'www', chdir: '/root', creates: 'pkgs', onlyif: 'test -d /usr/local' }],
    host: fakeHost({ "jexec -l www /bin/sh -c '{ cd /root && /bin/sh -c '\\''test -d /usr/local'\\''; } >/dev/null 2>&1'": ok('') }),
  },
  {
    name: 'mount mounted (mount point made, fstab written)',
    task: [mountModule, { path: DATA, src: '/data', fstype: 'nullfs', opts: 'ro', state: 'mounted' }],
    host: fakeHost({ 'mount -p': ok(MOUNT_P) }),
  },
  {
    name: 'mount absent (unmounted, fstab line and mount point removed)',
    task: [mountModule, { path: DATA, state: 'absent' }],
    host: fakeHost({
      'mount -p': ok(`${MOUNT_P}/data\t\t\t${DATA}\tnullfs\tro\t\t0 0\n`),
      [fileCmd('/etc/fstab')]: lsFile('/etc/fstab', `/data\t${DATA}\t\tnullfs\tro\t0\t0\n`),
      [fileCmd(DATA)]: lsDir(DATA),
    }),
  },
  { name: 'mount remounted', task: [mountModule, { path: '/tmp', state: 'remounted' }], host: fakeHost({ 'mount -p': ok(MOUNT_P), [fileCmd('/etc/fstab')]: lsFile('/etc/fstab', 'tmpfs\t/tmp\t\ttmpfs\trw\t0\t0\n') }) },
  { name: 'zfs created', task: [zfsModule, { name: 'zroot/jails/www', extra_zfs_properties: { quota: '10G' } }], host: fakeHost({ 'zfs get -H -p -o property,value,source all zroot/jails/www': NO_WWW }) },
  { name: 'zfs set', task: [zfsModule, { name: 'zroot/jails/www', extra_zfs_properties: { compression: 'lz4' } }], host: fakeHost({ 'zfs get -H -p -o property,value,source all zroot/jails/www': ok('compression\toff\tdefault\n') }) },
  { name: 'zfs destroyed', task: [zfsModule, { name: 'zroot/jails/www', state: 'absent', recurse: true }], host: fakeHost({ 'zfs list -H -o name -t filesystem,volume,snapshot -d 1 zroot/jails/www': ok('zroot/jails/www\nzroot/jails/www@a\n') }) },
  { name: 'jail snapshot taken', task: [jailSnapshotModule, { jail: 'www', dataset: 'zroot/jails/www', name: 'b' }], host: fakeHost({ [WWW_SNAPS]: ok('zroot/jails/www@a\n') }) },
  { name: 'jail snapshot destroyed', task: [jailSnapshotModule, { jail: 'www', dataset: 'zroot/jails/www', name: 'a', state: 'absent' }], host: fakeHost({ [WWW_SNAPS]: ok('zroot/jails/www@a\n') }) },
  { name: 'jail rolled back', task: [jailSnapshotModule, { jail: 'www', dataset: 'zroot/jails/www', name: 'a', state: 'rolled_back' }], host: fakeHost({ ...WWW_UP, [WWW_SNAPS]: ok('zroot/jails/www@a\nzroot/jails/www@b\n') }) },
];
