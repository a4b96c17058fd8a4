/**
 * The rcorder(8) header block of each rc.d script the seed writes to
 * /etc/rc.d, as FreeBSD's libexec/rc/rc.d/NAME has it (freebsd/freebsd-src:
 * cleanvar @04b24c1, netif resolv newsyslog @023fc80, devd @61d4333,
 * syslogd @f99f0ee and @90dac7d (no KEYWORD line in either), inetd sshd
 * @6d13bb0, ntpd @10ae3fc, sendmail @242eb8d (it PROVIDEs `mail`), cron
 * LOGIN @d28066d, jail @065edb7, FILESYSTEMS @4f48fd7, NETWORKING @1b1334b,
 * SERVERS @028af4a, DAEMON @e4452d4). /etc/rc and /etc/rc.shutdown order and
 * filter the scripts by these lines (rcorder -s nojail ...).
 */
export const RC_D_HEADERS: ReadonlyArray<readonly [name: string, header: string]> = [
  ['cleanvar', '# PROVIDE: cleanvar\n# REQUIRE: var\n'],
  ['netif', '# PROVIDE: netif\n# REQUIRE: FILESYSTEMS iovctl serial sppp sysctl\n# REQUIRE: hostid\n# KEYWORD: nojailvnet\n'],
  ['resolv', '# PROVIDE: resolv\n# REQUIRE: netif FILESYSTEMS\n# KEYWORD: nojail\n'],
  ['devd', '# PROVIDE: devd\n# REQUIRE: netif ldconfig\n# BEFORE: NETWORKING mountcritremote\n# KEYWORD: nojail shutdown\n'],
  ['newsyslog', '# PROVIDE: newsyslog\n# REQUIRE: FILESYSTEMS mountcritremote\n'],
  ['syslogd', '# PROVIDE: syslogd\n# REQUIRE: mountcritremote FILESYSTEMS newsyslog netif\n# BEFORE:  SERVERS\n'],
  ['inetd', '# PROVIDE: inetd\n# REQUIRE: DAEMON LOGIN FILESYSTEMS\n# KEYWORD: shutdown\n'],
  ['ntpd', '# PROVIDE: ntpd\n# REQUIRE: DAEMON ntpdate FILESYSTEMS devfs\n# BEFORE:  LOGIN\n# KEYWORD: nojail resume shutdown\n'],
  ['sshd', '# PROVIDE: sshd\n# REQUIRE: LOGIN FILESYSTEMS\n# KEYWORD: shutdown\n'],
  ['sendmail', '# PROVIDE: mail\n# REQUIRE: LOGIN FILESYSTEMS\n# KEYWORD: shutdown\n'],
  ['cron', '# PROVIDE: cron\n# REQUIRE: LOGIN FILESYSTEMS\n# BEFORE: securelevel\n# KEYWORD: shutdown\n'],
  ['jail', '# PROVIDE: jail\n# REQUIRE: LOGIN FILESYSTEMS\n# BEFORE: securelevel\n# KEYWORD: shutdown\n'],
];

/**
 * The placeholder scripts that tie the boot order together: in FreeBSD
 * they hold only the header and a comment, so running one does nothing.
 */
export const RC_D_PLACEHOLDERS: ReadonlyArray<readonly [name: string, header: string]> = [
  ['FILESYSTEMS', '# PROVIDE: FILESYSTEMS\n# REQUIRE: root mountcritlocal cleanvar tmp\n'],
  ['NETWORKING', '# PROVIDE: NETWORKING NETWORK\n# REQUIRE: netif netwait netoptions routing ppp ipfw stf\n# REQUIRE: defaultroute route6d resolv bridge\n# REQUIRE: static_arp static_ndp\n'],
  ['SERVERS', '# PROVIDE: SERVERS\n# REQUIRE: mountcritremote sysvipc linux ldconfig savecore watchdogd\n'],
  ['DAEMON', '# PROVIDE: DAEMON\n# REQUIRE: NETWORKING SERVERS\n'],
  ['LOGIN', '# PROVIDE: LOGIN\n# REQUIRE: DAEMON\n'],
];

/** An rc.d script as the seed writes it: header, then the rc.subr boilerplate. */
export function rcDScript(name: string, header: string): string {
  return `#!/bin/sh\n#\n\n${header}\n. /etc/rc.subr\n\nname="${name}"\nload_rc_config $name\nrun_rc_command "$1"\n`;
}

/** A placeholder: its header only (FreeBSD's adds a comment saying what it stands for). */
export function rcDPlaceholder(header: string): string {
  return `#!/bin/sh\n#\n\n${header}`;
}
