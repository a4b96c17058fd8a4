import { it } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
it('x', () => {
  const h = new SimHost('t', freshHostState({hostname:'t', address:'192.0.2.11'}));
  const r = (c: string) => { const o = h.exec(c); console.log('$ ' + c + '\n' + o.stdout + (o.stderr ? 'ERR:' + o.stderr : '') + 'rc=' + o.code); };
  r('mkdir -p /usr/jails/www && jail -c name=www path=/usr/jails/www "ip4.addr=em0|192.0.2.111/32" ip4.addr+=192.0.2.112 persist host.hostname=www.example.org');
  r('jls --libxo json; jls -v --libxo json; jls -n ip4.addr; jls ip4.addr name');
  r('sockstat -4l');
  r('sysrc sendmail_enable=YES; service sendmail onestart; sockstat -4l');
  r('service sendmail onestop; sysrc sendmail_enable=NO; service sendmail start; echo rc=$?; sockstat -4l');
  r('sysrc syslogd_flags=-ss; service syslogd onerestart; sysrc inetd_flags="-wW -C 60 -a 192.0.2.11"; service inetd onerestart; sockstat -4l');
  r('echo "ListenAddress 192.0.2.111" >> /etc/ssh/sshd_config; sshd -t && service sshd onereload; sockstat -4l');
  r('service sshd onestatus; echo rc=$?; service nosuch onestatus; echo rc=$?; service postfix onestatus; echo $?');
  r('echo "SSH=$SSH_CONNECTION"; test -e /etc; echo $?');
  r('sed -i "" "s/^inet_interfaces = all/inet_interfaces = \\$myhostname/" /usr/local/etc/postfix/main.cf; service postfix onereload; sockstat -4l; service postfix onerestart; sockstat -4l; tail -3 /var/log/maillog');
});
