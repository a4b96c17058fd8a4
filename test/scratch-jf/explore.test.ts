import { it } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
it('explore', () => {
  const h = new SimHost('t', freshHostState({hostname:'t', address:'192.0.2.11'}));
  const r = (c: string) => { const o = h.exec(c); console.log('$ '+c+'\n'+o.stdout+'--stderr:'+o.stderr+'--code:'+o.code); };
  r(`mkdir -p /usr/jails/www /etc/jail.conf.d && tar -xf /dev/null 2>/dev/null; fetch -q -o /tmp/b.txz https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz; tar -xf /tmp/b.txz -C /usr/jails/www --unlink; cat /usr/jails/www/etc/syslog.conf; ls -l /etc/resolv.conf /etc/localtime`);
  r(`printf '%s\\n' "www { path = '/usr/jails/www'; host.hostname = 'w\\\\'w\\"\\$x'; ip4.addr = 'em0|192.0.2.111/32', 'em0|192.0.2.112/32'; mount.devfs; mount.procfs; exec.start = '/bin/sh /etc/rc'; exec.stop = '/bin/sh /etc/rc.shutdown'; exec.clean; }" > /etc/jail.conf.d/www.conf; cat /etc/jail.conf.d/www.conf; sysrc jail_enable=YES; service jail start www; jls -v --libxo json; jls -N --libxo json; jls -v; ifconfig em0 | grep inet`);
  r(`sed -i '' 's/192.0.2.111/192.0.2.113/' /etc/jail.conf.d/www.conf; service jail restart www; ifconfig em0 | grep inet; jls -v --libxo json`);
  r(`trap 'echo bye' EXIT; echo hi; command -v chflags; echo $?; grep -F -q 'x.y' /etc/rc.conf; echo $?; printf 'a\\tb\\tc\\n' | cut -f 2; readlink /nonexist; echo $?; ln -sf dev/null /usr/jails/www/kernel; readlink /usr/jails/www/kernel; ls -l /usr/jails/www/kernel; zfs list; echo $?`);
  r(`( trap 'echo cleanup' EXIT; echo in; exit 3 ); echo rc=$?`);
  r(`sha256 -q /nope; echo $?`);
});
