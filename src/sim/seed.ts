/**
 * A fresh FreeBSD 14.2 host: stock files, em0 + lo0, sysctls, and the daemons
 * rc.conf enables already running with sockets their models compute from the
 * seeded config (so a fresh host shows the real contention: syslogd on
 * *:514, sshd and inetd and postfix on every address).
 */
import { addDataset, createPool } from './commands/zfs/create.js';
import { writeCommandFiles } from './command-files.js';
import { SimFs } from './fs.js';
import { loadRcConf, checkYesNo } from './rc/rc-conf.js';
import { runRcScript } from './rc/services.js';
import { rcServiceFor } from './rc/services.js';
import {
  DEFAULTS_RC_CONF,
  GROUP,
  INETD_CONF,
  MAIN_CF,
  MASTER_PASSWD,
  PASSWD,
  SERVICES,
  SSHD_CONFIG,
  SYSCTL_CONF,
  SYSLOG_CONF,
  hostRcConf,
  hostsFile,
} from './seed-files.js';
import { ROOT_DOTFILES } from './root-dotfiles.js';
import { RC_D_HEADERS, RC_D_PLACEHOLDERS, rcDPlaceholder, rcDScript } from './rc-d-headers.js';
import { STOCK_LOGIN_FILES } from './seed-login-files.js';
import { FSTAB, MOTD_TEMPLATE } from './seed-fstab-motd.js';
import type { SimCommandContext, SimFile, SimNode, SimState } from './types.js';

export interface FreshHostOptions {
  hostname: string;
  address: string;
  prefixLen?: number;
  iface?: string;
  release?: string;
  /** rc.d services to start; default: every enabled one the simulator models. */
  daemons?: string[];
  /**
   * A ZFS pool `zroot` with `zroot/jails` mounted at /usr/jails, as an
   * installer's ZFS layout plus a dataset for jails gives (jails can then
   * each have their own dataset: the jail module's `dataset:`).
   */
  zpool?: boolean;
}

/** 2025-11-28 15:30:00 UTC: a fixed clock so runs are reproducible. */
export const SEED_CLOCK = 1764343800;

const DIRS: Array<[string, number]> = [
  ['/bin', 0o755], ['/boot', 0o755], ['/dev', 0o555], ['/etc', 0o755], ['/etc/defaults', 0o755],
  ['/etc/rc.d', 0o755], ['/etc/ssh', 0o755], ['/etc/syslog.d', 0o755], ['/lib', 0o755], ['/libexec', 0o755],
  ['/mnt', 0o755], ['/proc', 0o555], ['/rescue', 0o755], ['/root', 0o750], ['/sbin', 0o755], ['/tmp', 0o1777],
  ['/usr', 0o755], ['/usr/bin', 0o755], ['/usr/lib', 0o755], ['/usr/libexec', 0o755], ['/usr/sbin', 0o755],
  ['/usr/share', 0o755], ['/usr/local', 0o755], ['/usr/local/bin', 0o755], ['/usr/local/sbin', 0o755],
  ['/usr/local/etc', 0o755], ['/usr/local/etc/rc.d', 0o755], ['/var', 0o755], ['/var/db', 0o755], ['/var/db/freebsd-update', 0o700],
  ['/var/empty', 0o555], ['/var/log', 0o755], ['/var/run', 0o755], ['/var/spool', 0o755], ['/var/tmp', 0o1777],
  ['/var/crash', 0o750], ['/var/cron', 0o750],
  // etc/mtree/BSD.var.dist: cron 0750, cron/tabs 0700. /etc/cron.d: cron(8) reads it and /usr/local/etc/cron.d
  // (system crontab format); INFERRED that a 14.x base install ships it (13.0 put atrun's line there as /etc/cron.d/at).
  ['/var/cron/tabs', 0o700], ['/etc/cron.d', 0o755],
];

/** Base-system directories and files under `root` (the host's "/" or a jail root). */
export function writeBaseSystem(fs: SimFs, root: string, opts: { hostname?: string; address?: string } = {}): void {
  const at = (p: string) => (root === '/' ? p : `${root}${p}`);
  if (!fs.exists(at('/'))) fs.mkdir(at('/'), { parents: true });
  for (const [dir, mode] of DIRS) {
    if (!fs.exists(at(dir))) fs.mkdir(at(dir), { mode });
    fs.chmod(at(dir), mode);
  }
  const file = (p: string, content: string, mode = 0o644) => fs.writeFile(at(p), content, { mode });
  file('/etc/defaults/rc.conf', DEFAULTS_RC_CONF);
  file('/etc/ssh/sshd_config', SSHD_CONFIG);
  file('/etc/inetd.conf', INETD_CONF);
  file('/etc/syslog.conf', SYSLOG_CONF);
  file('/etc/sysctl.conf', SYSCTL_CONF);
  file('/etc/master.passwd', MASTER_PASSWD, 0o600);
  file('/etc/passwd', PASSWD);
  file('/etc/group', GROUP);
  file('/etc/services', SERVICES);
  file('/etc/localtime', 'TZif2 UTC\n');
  file('/etc/motd.template', MOTD_TEMPLATE);
  for (const [path, content] of STOCK_LOGIN_FILES) file(path, content);
  if (opts.hostname && opts.address) file('/etc/hosts', hostsFile(opts.hostname, opts.address));
  for (const [name, header] of RC_D_HEADERS) file(`/etc/rc.d/${name}`, rcDScript(name, header), 0o555);
  for (const [name, header] of RC_D_PLACEHOLDERS) file(`/etc/rc.d/${name}`, rcDPlaceholder(header), 0o555);
  writeCommandFiles(fs, root);
  for (const [name, content] of ROOT_DOTFILES) file(`/root/${name}`, content);
  for (const log of ['/var/log/messages', '/var/log/auth.log', '/var/log/maillog', '/var/log/cron', '/var/log/security']) file(log, '', 0o640);
}

/**
 * writeBaseSystem(fs, '/') on a fresh host, done once and copied node by
 * node: every host gets the same nodes in the same order but for /etc/hosts,
 * and building them through SimFs (paths, parents, modes) was a third of
 * seeding a host. Nodes are copies: a host changes its own in place.
 */
let baseNodes: Record<string, SimNode> | undefined;
const TEMPLATE_HOST = { hostname: 'template', address: '192.0.2.1' };

function freshBaseSystem(state: SimState, hostname: string, address: string): void {
  if (!baseNodes) {
    const template = { ...state, fs: { '/': { ...state.fs['/']! } }, mounts: [...state.mounts] };
    writeBaseSystem(new SimFs(template), '/', TEMPLATE_HOST);
    baseNodes = template.fs;
  }
  const fs = state.fs;
  for (const path in baseNodes) fs[path] = { ...baseNodes[path]! };
  (fs['/etc/hosts'] as SimFile).content = hostsFile(hostname, address);
}

function ether(hostname: string): string {
  let h = 0;
  for (const c of hostname) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  const b = [0x58, 0x9c, 0xfc, (h >>> 16) & 255, (h >>> 8) & 255, h & 255];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

function gatewayFor(address: string): string {
  const parts = address.split('.');
  parts[3] = '1';
  return parts.join('.');
}

export function freshHostState(opts: FreshHostOptions): SimState {
  const iface = opts.iface ?? 'em0';
  const prefixLen = opts.prefixLen ?? 24;
  const release = opts.release ?? '14.2-RELEASE';
  const state: SimState = {
    version: 1,
    hostname: opts.hostname,
    release,
    fs: { '/': { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: SEED_CLOCK } },
    sysctl: {
      'kern.ostype': 'FreeBSD',
      'kern.osrelease': release,
      'kern.osreldate': '1402000',
      'kern.hostname': opts.hostname,
      'kern.securelevel': '-1',
      'kern.maxfiles': '65536',
      'hw.machine': 'amd64',
      'hw.machine_arch': 'amd64',
      'hw.ncpu': '2',
      'hw.physmem': '4261326848',
      'net.inet.ip.forwarding': '0',
      'net.inet6.ip6.forwarding': '0',
      'net.link.ether.inet.garp_rexmit_count': '0',
      'security.bsd.see_other_uids': '1',
      'security.jail.jailed': '0',
      'security.jail.vnet': '0',
      'security.jail.set_hostname_allowed': '1',
      'security.jail.socket_unixiproute_only': '1',
      'security.jail.sysvipc_allowed': '0',
      'security.jail.allow_raw_sockets': '0',
      'security.jail.chflags_allowed': '0',
      'security.jail.mount_allowed': '0',
      'security.jail.enforce_statfs': '2',
      'security.jail.devfs_ruleset': '0',
    },
    interfaces: [
      { name: iface, ether: ether(opts.hostname), mtu: 1500, inet: [{ addr: opts.address, prefixLen }], inet6: [] },
      { name: 'lo0', mtu: 16384, inet: [{ addr: '127.0.0.1', prefixLen: 8 }], inet6: [{ addr: '::1', prefixLen: 128 }, { addr: 'fe80::1', prefixLen: 64 }] },
    ],
    processes: [],
    jails: [],
    mounts: [{ from: '/dev/ada0p2', on: '/', fstype: 'ufs', options: ['local', 'soft-updates'] }, { from: 'devfs', on: '/dev', fstype: 'devfs', options: [] }],
    datasets: [],
    packages: { '': { pkg: '1.21.3', postfix: '3.9.1,1' } },
    nextPid: 600,
    nextJid: 1,
    clock: SEED_CLOCK,
  };
  freshBaseSystem(state, opts.hostname, opts.address);
  const fs = new SimFs(state);
  if (opts.zpool) {
    createPool(state, fs, 'zroot');
    addDataset(state, fs, 'zroot/jails', { mountpoint: '/usr/jails' }, false);
  }
  fs.writeFile('/etc/rc.conf', hostRcConf({ hostname: opts.hostname, iface, address: opts.address, prefixLen, gateway: gatewayFor(opts.address) }));
  fs.writeFile('/etc/resolv.conf', `nameserver ${gatewayFor(opts.address)}\n`);
  // Written by the installer, so on the host and not in base.txz (seed-fstab-motd.ts).
  fs.writeFile('/etc/fstab', FSTAB);
  for (const k of ['rsa', 'ecdsa', 'ed25519']) {
    fs.writeFile(`/etc/ssh/ssh_host_${k}_key`, `(simulated ${k} host key)\n`, { mode: 0o600 });
    fs.writeFile(`/etc/ssh/ssh_host_${k}_key.pub`, `ssh-${k} SIMULATED root@${opts.hostname}\n`);
  }
  // The postfix package: its rc.d script, config and spool. Its header is the port's
  // (freebsd-ports mail/postfix/files/postfix.in, REQUIRE from the Makefile's _REQUIRE).
  fs.mkdir('/usr/local/etc/postfix');
  fs.writeFile('/usr/local/etc/postfix/main.cf', MAIN_CF);
  fs.writeFile('/usr/local/etc/rc.d/postfix', '#!/bin/sh\n#\n# PROVIDE: postfix mail\n# REQUIRE: LOGIN cleanvar dovecot\n# KEYWORD: shutdown\n', { mode: 0o555 });
  fs.mkdir('/var/spool/postfix/pid', { parents: true });
  bootDaemons(state, fs, opts.daemons);
  return state;
}

/** What /etc/rc does for the daemons: start each enabled one (or the listed ones) in boot order. */
function bootDaemons(state: SimState, fs: SimFs, only: string[] | undefined): void {
  const ctx: SimCommandContext = {
    argv: ['/etc/rc'],
    stdin: '',
    env: {},
    cwd: '/',
    root: '/',
    host: { name: state.hostname, state, fs, newPid: () => state.nextPid++ },
    run: () => ({ stdout: '', stderr: 'boot: nested commands are not run while seeding\n', code: 127 }),
  };
  const vars = loadRcConf({ fs, root: '/' }).vars;
  const order = ['syslogd', 'inetd', 'sshd', 'sendmail', 'postfix', 'cron'];
  for (const name of order) {
    const script = name === 'postfix' ? '/usr/local/etc/rc.d/postfix' : `/etc/rc.d/${name}`;
    if (only) {
      if (only.includes(name)) runRcScript(ctx, name, script, ['onestart']);
      continue;
    }
    if (name === 'sendmail' || checkYesNo(vars.get(rcServiceFor(name).rcvar))) runRcScript(ctx, name, script, ['start']);
  }
}
