import { it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
it('explore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jf-'));
  writeFileSync(join(dir, 'inv.yml'), `all:\n  vars:\n    transport: sim\n  hosts:\n    h1:\n      host_ip: 192.0.2.21\n      jail_ip: 192.0.2.121\n`);
  writeFileSync(join(dir, 'pb.yml'), `- name: jail
  hosts: all
  tasks:
    - name: www jail
      jail:
        name: www
        ip4: "em0|{{ jail_ip }}/32"
        release: 14.2-RELEASE
        mounts: [devfs, procfs]
        rc_conf:
          sshd_enable: "YES"
`);
  let r = await cli(dir, 'apply', 'pb.yml', '-i', 'inv.yml', '--diff');
  console.log(r.code, r.stdout, r.stderr);
  r = await cli(dir, 'sim', 'exec', 'h1', '-i', 'inv.yml', '--', 'sh', '-c', 'jls; mount; sockstat -4l; ls -l /usr/jails/www/kernel; cat /etc/jail.conf /etc/jail.conf.d/www.conf; sysrc jail_list jail_enable');
  console.log(r.code, r.stdout, r.stderr);
  r = await cli(dir, 'apply', 'pb.yml', '-i', 'inv.yml', '--json');
  console.log(r.code, r.stdout.split('\n').filter(l => /host_end|recap/.test(l)).join('\n'), r.stderr);
});
