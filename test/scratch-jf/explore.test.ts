import { it } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
it('explore', () => {
  const h = new SimHost('t', freshHostState({hostname:'t', address:'192.0.2.11'}));
  const r = (c: string) => { const o = h.exec(c); console.log('$ '+c+'\n'+o.stdout+'--stderr:'+o.stderr+'--code:'+o.code); };
  r('jls; sockstat -4l; cat /etc/rc.conf; ls -la /etc/jail.conf /etc/jail.conf.d /usr/jails; ifconfig; sysrc -a | grep ifconfig; sysrc -f /etc/rc.conf -a');
  r('jls --libxo json; jls -j www; echo $?; jls -N');
  r('mkdir -p /usr/jails/www && cd /tmp && fetch -o /tmp/M https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/MANIFEST && cat /tmp/M && fetch -o /tmp/b.txz https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz && sha256 -q /tmp/b.txz; sha256 /tmp/b.txz; ls -l /tmp');
  r('tar -xf /tmp/b.txz -C /usr/jails/www --unlink && ls /usr/jails/www /usr/jails/www/etc && ls /usr/jails/www/dev /usr/jails/www/proc');
  r(`mkdir -p /etc/jail.conf.d && printf '%s\\n' '.include "/etc/jail.conf.d/*.conf";' > /etc/jail.conf && printf '%s\\n' 'www { path = "/usr/jails/www"; host.hostname = "www"; ip4.addr = "em0|192.0.2.111/32"; mount.devfs; mount.procfs; exec.start = "/bin/sh /etc/rc"; exec.stop = "/bin/sh /etc/rc.shutdown"; exec.clean; }' > /etc/jail.conf.d/www.conf && sysrc -f /usr/jails/www/etc/rc.conf sshd_enable=YES && sysrc jail_enable=YES jail_list+=www && service jail start www; jls -j www; jls --libxo json; jls -j www -n; mount; sockstat -4l; ifconfig em0`);
  r('service jail stop www; jls; mount; ifconfig em0; jls -j www -n');
});
