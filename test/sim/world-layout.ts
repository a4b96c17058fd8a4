/**
 * The file tree a script starts in, the same in dash's chroot and on the
 * simulated host: the directories the scripts write into (so a redirection
 * into /etc or /var/run does the same in both), the stubs in /usr/local/bin,
 * and the programs dash's chroot needs to run (placeholders on the
 * simulated host, which looks commands up in its table). No /root: both
 * shells start in "/".
 */
import { stubScript } from './shell-stubs.js';

export const DIRS = [
  '/bin',
  '/dev',
  '/etc',
  '/etc/ssh',
  '/lib',
  '/lib64',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/jails',
  '/usr/local',
  '/usr/local/bin',
  '/usr/local/etc',
  '/var',
  '/var/db',
  '/var/db/jailfleet',
  '/var/log',
  '/var/run',
];

/** Programs in the chroot: the host file each is a copy of. */
export const PROGRAMS: Record<string, string> = {
  '/usr/bin/dash': '/usr/bin/dash',
  '/usr/bin/head': '/usr/bin/head',
  '/usr/bin/cat': '/usr/bin/cat',
  '/usr/bin/cksum': '/usr/bin/cksum',
};

/** /bin/sh is dash in the chroot, as it is the simulator's sh there. */
export const LINKS: Record<string, string> = { '/bin/sh': '/usr/bin/dash' };

/** The stub scripts, by path. */
export function stubFiles(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [`/usr/local/bin/${n}`, stubScript(n)]));
}

/** The environment of root's login shell on FreeBSD (login.conf's default class, as the simulator's login.ts has it). */
export const LOGIN_ENV: Record<string, string> = {
  HOME: '/root',
  USER: 'root',
  LOGNAME: 'root',
  PATH: '/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin',
  SHELL: '/bin/sh',
};
