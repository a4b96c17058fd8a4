/** Where FreeBSD keeps the commands the simulator knows, for `command -v` and `type`. */
const PATHS: Record<string, string> = {
  sh: '/bin/sh', cat: '/bin/cat', echo: '/bin/echo', test: '/bin/test', '[': '/bin/[', mkdir: '/bin/mkdir', rmdir: '/bin/rmdir',
  mv: '/bin/mv', cp: '/bin/cp', rm: '/bin/rm', ln: '/bin/ln', chmod: '/bin/chmod', ls: '/bin/ls', realpath: '/bin/realpath',
  hostname: '/bin/hostname', date: '/bin/date', sleep: '/bin/sleep', expr: '/bin/expr', pwd: '/bin/pwd', kill: '/bin/kill',
  freebsd_version: '/bin/freebsd-version', 'freebsd-version': '/bin/freebsd-version', uname: '/usr/bin/uname',
  chown: '/usr/sbin/chown', chgrp: '/usr/bin/chgrp', sysrc: '/usr/sbin/sysrc', service: '/usr/sbin/service', jail: '/usr/sbin/jail',
  jls: '/usr/sbin/jls', jexec: '/usr/sbin/jexec', sockstat: '/usr/bin/sockstat', sysctl: '/sbin/sysctl', ifconfig: '/sbin/ifconfig',
  mount: '/sbin/mount', umount: '/sbin/umount', zfs: '/sbin/zfs', sha256: '/sbin/sha256', md5: '/sbin/md5', pkg: '/usr/sbin/pkg',
  tar: '/usr/bin/tar', fetch: '/usr/bin/fetch', lockf: '/usr/bin/lockf', mktemp: '/usr/bin/mktemp', sha256sum: '/sbin/sha256sum',
};

export function commandPath(name: string): string {
  if (name.includes('/')) return name;
  return PATHS[name] ?? `/usr/bin/${name}`;
}
