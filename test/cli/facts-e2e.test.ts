import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';
import { parseIfconfig, parseSockstat, parseSysrcAll } from '../../src/engine/host-facts.js';

describe('host fact parsers (captured FreeBSD output)', () => {
  it('parses sockstat -4l rows, header or not', () => {
    const text = [
      'USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      ',
      'root     sshd         812 4   tcp4   *:22                  *:*',
      'root     sshd         812 4   tcp4   192.0.2.23:22         *:*',
      '',
    ].join('\n');
    expect(parseSockstat(text)).toEqual([
      { user: 'root', command: 'sshd', pid: 812, proto: 'tcp4', local: '*:22', foreign: '*:*' },
      { user: 'root', command: 'sshd', pid: 812, proto: 'tcp4', local: '192.0.2.23:22', foreign: '*:*' },
    ]);
  });

  it('parses sysrc -a and ifconfig', () => {
    expect(parseSysrcAll('hostname: www\nsshd_enable: YES\nempty: \n')).toEqual({ hostname: 'www', sshd_enable: 'YES', empty: '' });
    const ifc = [
      'em0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500',
      '\tinet 192.0.2.10 netmask 0xffffff00 broadcast 192.0.2.255',
      '\tinet 192.0.2.100 netmask 0xffffffff broadcast 192.0.2.100',
      'lo0: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 16384',
      '\tinet 127.0.0.1 netmask 0xff000000',
    ].join('\n');
    expect(parseIfconfig(ifc)).toEqual({ em0: ['192.0.2.10/24', '192.0.2.100/32'], lo0: ['127.0.0.1/8'] });
  });
});

describe('jailfleet facts', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());

  it('reads release, rc.conf, listeners and interfaces of a simulated host in one go', async () => {
    const r = await cli(project.dir, 'facts', 'old2', '-i', 'inventory/sim.yml', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const facts = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(facts.hostname).toBe('old2');
    expect(facts.release).toBe('14.2-RELEASE');
    expect(facts.jails).toEqual([]);
    expect((facts.rc_conf as Record<string, string>).sshd_enable).toBe('YES');
    expect((facts.interfaces as Record<string, string[]>).em0).toEqual(['192.0.2.12/24']);
    expect(facts.listeners).toContainEqual(expect.objectContaining({ command: 'sshd', local: '*:22' }));
  });

  it('an unreachable host is exit 3, as the exit-code table says for every command', async () => {
    writeFileSync(join(project.dir, 'down.yml'), 'all:\n  hosts:\n    down1: { transport: sim, host_ip: 192.0.2.91, sim: { faults: { unreachable: true } } }\n');
    const r = await cli(project.dir, 'facts', 'down1', '-i', 'down.yml');
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 3, stdout: '', stderr: 'error: down1: unreachable (connect): connect ECONNREFUSED (simulated)\n' });
  });

  it('names an unknown host with exit 4', async () => {
    const r = await cli(project.dir, 'facts', 'nope', '-i', 'inventory/sim.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/unknown host "nope"/);
  });
});
