/** The simulated FreeBSD package repository: versions, comments and the files a package installs. */
import { MAIN_CF } from '../../seed-files.js';
import { MIME_TYPES_TEXT, NGINX_CONF_TEXT } from './nginx-files.js';

export interface CatalogueEntry {
  version: string;
  comment: string;
  /** Files (path → content, mode) the package installs. */
  files: Array<[string, string, number]>;
}

const rcScript = (name: string): [string, string, number] => [
  `/usr/local/etc/rc.d/${name}`,
  `#!/bin/sh\n#\n# PROVIDE: ${name}\n# REQUIRE: LOGIN\n# KEYWORD: shutdown\n\n. /etc/rc.subr\n\nname="${name}"\nrcvar="${name}_enable"\nload_rc_config $name\nrun_rc_command "$1"\n`,
  0o555,
];
const bin = (path: string): [string, string, number] => [path, '', 0o555];

export const CATALOGUE: Record<string, CatalogueEntry> = {
  pkg: { version: '1.21.3', comment: 'Package manager', files: [bin('/usr/local/sbin/pkg')] },
  postfix: {
    version: '3.9.1,1',
    comment: 'Secure alternative to widely-used Sendmail',
    files: [['/usr/local/etc/postfix/main.cf', MAIN_CF, 0o644], rcScript('postfix'), bin('/usr/local/sbin/postfix')],
  },
  nginx: {
    version: '1.26.2_3,3',
    comment: 'Robust and small WWW server',
    files: [
      ['/usr/local/etc/nginx/nginx.conf', NGINX_CONF_TEXT, 0o644],
      ['/usr/local/etc/nginx/mime.types', MIME_TYPES_TEXT, 0o644],
      rcScript('nginx'),
      bin('/usr/local/sbin/nginx'),
    ],
  },
  sudo: { version: '1.9.16p2', comment: 'Allow others to run commands as root', files: [['/usr/local/etc/sudoers', 'root ALL=(ALL:ALL) ALL\n', 0o440], bin('/usr/local/bin/sudo')] },
  bash: { version: '5.2.37', comment: 'GNU Project\'s Bourne Again SHell', files: [bin('/usr/local/bin/bash')] },
  curl: { version: '8.11.1', comment: 'Command line tool and library for transferring data with URLs', files: [bin('/usr/local/bin/curl')] },
  ca_root_nss: { version: '3.108', comment: 'Root certificate bundle from the Mozilla Project', files: [['/usr/local/share/certs/ca-root-nss.crt', '', 0o644]] },
  git: { version: '2.47.1', comment: 'Distributed source code management tool', files: [bin('/usr/local/bin/git')] },
  vim: { version: '9.1.1000', comment: 'Improved version of the vi editor (console flavor)', files: [bin('/usr/local/bin/vim')] },
  tmux: { version: '3.5a', comment: 'Terminal Multiplexer', files: [bin('/usr/local/bin/tmux')] },
  python311: { version: '3.11.11', comment: 'Interpreted object-oriented programming language', files: [bin('/usr/local/bin/python3.11')] },
  dovecot: { version: '2.3.21.1_2', comment: 'Secure, fast and powerful IMAP and POP3 server', files: [rcScript('dovecot'), bin('/usr/local/sbin/dovecot')] },
};
