/**
 * `jailfleet migrate` (issue 13): a one-off move builds the task a playbook
 * would hold and runs it as apply does, with the same exit codes and JSON
 * events; bad input is exit 4 with nothing sent. On the built-in simulated
 * fleet after playbooks/site.yml: old2's www moves to new2 as www-old2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

describe('jailfleet migrate', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const sh = async (host: string, script: string) => (await cli(project.dir, 'sim', 'exec', host, '-i', 'inventory/sim.yml', '--', script)).stdout;
  const migrate = (...argv: string[]) => cli(project.dir, 'migrate', 'www', '-i', 'inventory/sim.yml', '--from', 'old2', '--to', 'new2', '--name', 'www-old2', ...argv);

  it('refuses an unknown host, exit 4, nothing sent', async () => {
    const r = await cli(project.dir, 'migrate', 'www', '-i', 'inventory/sim.yml', '--from', 'old9', '--to', 'new2');
    expect(r.code).toBe(4);
    // The options as typed, not a line of the play the command builds from them.
    expect(r.stderr).toBe('error: --from: no host "old9" in the inventory\n');
    const to = await cli(project.dir, 'migrate', 'www', '-i', 'inventory/sim.yml', '--from', 'old2', '--to', 'new9');
    expect(to.code).toBe(4);
    expect(to.stderr).toContain('--to: no host "new9" in the inventory');
  });

  it('--check says what would move (exit 2: changes pending) and moves nothing; then the move; then nothing to do', async () => {
    const site = await cli(project.dir, 'apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'old2,new2');
    expect(site.code).toBe(0);

    const check = await migrate('--check', '--json');
    expect(check.code).toBe(2);
    const [would] = events(check.stdout).filter((e) => e.type === 'task');
    expect(would).toMatchObject({ host: 'new2', module: 'migrate', status: 'changed' });
    expect(await sh('old2', 'jls -j www name')).toBe('www\n');

    const moved = await migrate('--json');
    expect(moved.code).toBe(0);
    const [task] = events(moved.stdout).filter((e) => e.type === 'task');
    expect(task).toMatchObject({ host: 'new2', module: 'migrate', status: 'changed' });
    expect(await sh('new2', 'jls -j www-old2 name')).toBe('www-old2\n');
    expect(await sh('old2', 'jls name')).toBe('');
    expect(await sh('new2', 'ifconfig em0')).toContain('inet 192.0.2.112 ');
    expect(await sh('old2', 'ifconfig em0')).not.toContain('192.0.2.112');

    const again = await migrate('--json');
    expect(again.code).toBe(0);
    expect(events(again.stdout).filter((e) => e.type === 'task').map((e) => e.status)).toEqual(['ok']);
  });

  it('--machine: old2 itself into a jail on new2, checked first (exit 2), then moved, then nothing to do', async () => {
    // old2 as the previous test left it: its www moved away; now its own web server.
    expect((await cli(project.dir, 'apply', 'playbooks/old-web-server.yml', '-i', 'inventory/sim.yml')).code).toBe(0);
    const machine = (...argv: string[]) =>
      cli(project.dir, 'migrate', '--machine', '-i', 'inventory/sim.yml', '--from', 'old2', '--to', 'new2', '--name', 'old2', '--release', '14.2-RELEASE', '--paths', '/usr/local/www/data,/usr/local/etc/nginx', ...argv);
    const check = await machine('--check', '--json');
    expect(check.code).toBe(2);
    const [would] = events(check.stdout).filter((e) => e.type === 'task');
    expect(would).toMatchObject({ host: 'new2', task: 'move machine old2', status: 'changed' });
    expect(String(would!.message)).toMatch(/^would build jail old2 on new2 \(\/usr\/jails\/old2, 14\.2-RELEASE\) from old2: packages nginx, pkg, postfix; users alice, bob; groups webdev; services inetd, nginx, postfix, sshd \(left behind: jail\); copy \/usr\/local\/www\/data, \/usr\/local\/etc\/nginx by tar, about \d+ bytes; address 192\.0\.2\.12 moves from old2 to new2$/);
    expect(await sh('new2', 'jls name')).toBe('www\nwww-old2\n');

    const moved = await machine('--json');
    expect(moved.code).toBe(0);
    expect(await sh('new2', 'jls -j old2 name')).toBe('old2\n');
    expect(await sh('new2', 'ifconfig em0')).toContain('inet 192.0.2.12 ');
    expect(await sh('old2', 'ifconfig em0')).not.toContain('inet ');

    const again = await machine('--json');
    expect(again.code).toBe(0);
    expect(events(again.stdout).filter((e) => e.type === 'task').map((e) => e.status)).toEqual(['ok']);
  });

  it('--machine without its release or paths is bad input: exit 4, nothing sent', async () => {
    const r = await cli(project.dir, 'migrate', '--machine', '-i', 'inventory/sim.yml', '--from', 'old1', '--to', 'new1', '--name', 'old1');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: --release: expected the release the jail is built from\n');
    expect(await sh('new1', 'jls name')).toBe('');
  });

  it('bad options name the option, not a line of the built play: exit 4, nothing sent', async () => {
    const noJail = await cli(project.dir, 'migrate', '-i', 'inventory/sim.yml', '--from', 'old1', '--to', 'new1');
    expect({ code: noJail.code, stderr: noJail.stderr }).toEqual({ code: 4, stderr: 'error: JAIL: expected the jail to move (jailfleet migrate JAIL --from SRC --to DST), or --machine\n' });
    const ip = await cli(project.dir, 'migrate', 'www', '-i', 'inventory/sim.yml', '--from', 'old1', '--to', 'new1', '--ip', '300.1.1.1');
    expect({ code: ip.code, stderr: ip.stderr }).toEqual({ code: 4, stderr: 'error: --ip: expected "keep", "takeover" or "iface|a.b.c.d/len", got "300.1.1.1"\n' });
    const both = await cli(project.dir, 'migrate', 'www', '--machine', '-i', 'inventory/sim.yml', '--from', 'old1', '--to', 'new1', '--name', 'old1', '--release', '14.2-RELEASE', '--paths', '/home');
    expect(both.stderr).toBe('error: JAIL: a machine move moves the whole source, not a jail: give JAIL or --machine, not both\n');
  });

  it('--from and --to the same host is bad input (exit 4), not a failed task', async () => {
    const r = await cli(project.dir, 'migrate', 'www', '-i', 'inventory/sim.yml', '--from', 'old1', '--to', 'old1', '--json');
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 4, stdout: '', stderr: 'error: --from and --to are the same host "old1": a move needs two hosts\n' });
  });
});
