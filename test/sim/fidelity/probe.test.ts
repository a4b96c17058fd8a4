import { it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { freshHostState } from '../../../src/sim/seed.js';
it('probe', () => {
  const h = new SimHost('h1', freshHostState({ hostname: 'h1.example.org', address: '192.0.2.23' }));
  h.fs.mkdir('/usr/jail/www', { parents: true });
  h.fs.writeFile('/etc/jail.conf', 'www {\n  path = /usr/jail/www;\n  host.hostname = www.example.org;\n  ip4.addr = 192.0.2.10;\n  persist;\n}\n');
  const cmds = [
    'cat /etc/rc.conf',
    'jail -c www', "sed -i '' 's|/usr/jail/www|/tmp|' /etc/jail.conf && jail -m www", 'jail -c name=tmp path=/ persist', 'jail -R tmp',
    'service cron status', 'sysrc cron_enable=NO >/dev/null; service cron status', 'service cron onestatus', 'service cron onestop; service cron onestop', 'service cron onestatus',
    'sysrc syslogd_flags=-ss && service syslogd restart >/dev/null && sockstat -4 -l | grep syslogd; echo $?',
    'sysrc syslogd_flags=-s && service syslogd restart >/dev/null && sockstat -4 -l | grep syslogd',
    'sysrc inetd_flags="-wW -a 192.0.2.23" && service inetd restart >/dev/null && sockstat -4 -l | grep inetd',
    'echo "ListenAddress 192.0.2.23" >> /etc/ssh/sshd_config && service sshd reload && sockstat -4 -l | grep sshd',
    "printf 'a_enable=\"YES\" # keep\\nb=x\\nb=y\\nc=\\'q\\'\\nd=' > /etc/rc.conf.t; sysrc -f /etc/rc.conf.t a_enable=NO b=z c=r d=e newv=1; cat /etc/rc.conf.t",
    'sysrc -f /etc/rc.conf.t -x b; cat /etc/rc.conf.t',
    "sysrc -f /etc/rc.conf.t 'l=a b'; sysrc -f /etc/rc.conf.t l+=c l+=a; sysrc -f /etc/rc.conf.t l-=b; sysrc -f /etc/rc.conf.t -n l",
    'sysrc ifconfig_em0_alias0="inet 192.0.2.100/32"; service netif restart em0 >/dev/null 2>&1; ifconfig em0 | grep inet',
  ];
  for (const c of cmds) console.log('$ ' + c + '\n' + JSON.stringify(h.exec(c)));
});
