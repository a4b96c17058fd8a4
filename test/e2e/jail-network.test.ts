import { afterAll, describe, expect, it } from 'vitest';
import { events } from '../helpers/cli.js';
import { simProject } from './jail-project.js';

/** One NAT jail task of a play's task list. */
const natTask = (name: string, ip: string, ports: string[]): string => `    - jail:
        name: ${name}
        release: 14.2-RELEASE
        network: nat
        external_interface: em0
        ip4: ${ip}
        ports:
${ports.map((p) => `          - ${p}\n`).join('')}`;

const PLAY = '- name: nat jails\n  hosts: all\n  tasks:\n';
const NAT = PLAY + natTask('web', '10.17.0.2', ['{ proto: tcp, host: 8080, jail: 80 }', '{ proto: tcp, host: 80, jail: 8000 }']);

const VNET = `- name: vnet jail
  hosts: all
  tasks:
    - jail:
        name: app
        release: 14.2-RELEASE
        network: vnet
        epair: 3
        bridge_uplink: em0
        ip4: 192.0.2.130/24
        gateway: 192.0.2.1
`;

async function unchanged(project: ReturnType<typeof simProject>, pb: string): Promise<void> {
  const again = await project.apply(pb, '--json');
  expect(again.code).toBe(0);
  const evs = events(again.stdout);
  expect(evs.filter((e) => e.type === 'task').map((e) => e.status)).toEqual(['ok']);
  expect(evs.find((e) => e.type === 'host_end')?.channels).toBe(1);
}

describe('jail network: nat', () => {
  const project = simProject('new2', '192.0.2.22');
  afterAll(() => project.cleanup());

  it('bad input: network: nat without external_interface is an input error naming the file and line (exit 4)', async () => {
    const bad = project.playbook('bad.yml', NAT.replace('        external_interface: em0\n', ''));
    const r = await project.apply(bad);
    expect(r.code).toBe(4);
    // The jail's argument mapping starts at line 5, column 9 (`name: web`).
    expect(r.stderr).toMatch(/\/bad\.yml:5:9: tasks\[0\]\.jail\.external_interface: network: nat needs external_interface /);
  });

  it('check mode shows the anchor it would load and changes nothing', async () => {
    const pb = project.playbook('nat.yml', NAT);
    const r = await project.apply(pb, '--check', '--diff');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('+rdr pass on em0 inet proto tcp from any to any port = 8080 -> 10.17.0.2 port 80');
    expect((await project.sh('pfctl -s Running')).stdout).toBe('Disabled\n');
    expect((await project.sh('ifconfig -l')).stdout).not.toContain('lo1');
  });

  it('puts the jail on lo1, NATs it out of em0 and forwards 8080 to its port 80; a rerun changes nothing', async () => {
    const pb = project.playbook('nat.yml', NAT);
    const r = await project.apply(pb);
    expect(r.code).toBe(0);
    // pfctl prints nat and rdr rules normalised (pfctl_parser.c print_rule): " inet" once an address fixes
    // the family, a dynamic (IF) pool as round-robin, a port by its /etc/services name if it has one
    // (getservbyport: 80/tcp is http; the host's /etc/services has no 8080).
    expect((await project.sh('pfctl -a jailfleet/web -s nat')).stdout).toBe(
      'nat on em0 inet from 10.17.0.2 to any -> (em0) round-robin\n' +
        'rdr pass on em0 inet proto tcp from any to any port = 8080 -> 10.17.0.2 port 80\n' +
        'rdr pass on em0 inet proto tcp from any to any port = http -> 10.17.0.2 port 8000\n',
    );
    expect((await project.sh('pfctl -s nat')).stdout).toBe('nat-anchor "jailfleet/*" all\nrdr-anchor "jailfleet/*" all\n');
    expect((await project.sh('pfctl -s Running')).stdout).toBe('Enabled\n');
    expect((await project.sh('sysrc -n cloned_interfaces pf_enable')).stdout).toBe('lo1\nYES\n');
    expect((await project.sh('ifconfig lo1')).stdout).toContain('inet 10.17.0.2 netmask 0xffffffff');
    expect((await project.sh('jls -j web ip4.addr')).stdout).toBe('10.17.0.2\n');
    await unchanged(project, pb);
  });

  it('an rdr rule flushed by hand is loaded again, and the hooks a hand load of the main ruleset dropped; other anchors and filter rules stay', async () => {
    const pb = project.playbook('nat.yml', NAT);
    expect((await project.sh('pfctl -a jailfleet/web -F nat')).code).toBe(0);
    expect((await project.sh("printf 'pass in all\\n' | pfctl -a other -f -")).code).toBe(0);
    expect((await project.sh("printf 'block in all\\n' | pfctl -f -")).code).toBe(0);
    const r = await project.apply(pb);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pf anchor jailfleet/web loaded');
    expect((await project.sh('pfctl -a jailfleet/web -s nat')).stdout).toContain('port = 8080 -> 10.17.0.2 port 80\n');
    expect((await project.sh('pfctl -a other -s rules')).stdout).toBe('pass in all flags S/SA keep state\n');
    expect((await project.sh('pfctl -s rules')).stdout).toBe('block drop in all\n');
    await unchanged(project, pb);
  });
});

describe('jail network: two NAT jails on one host', () => {
  const project = simProject('new2', '192.0.2.22');
  afterAll(() => project.cleanup());

  it('share lo1 and the pf.conf hooks, each with its own anchor; a rerun changes nothing; removing one removes only its anchor', async () => {
    const pb = project.playbook('two.yml', NAT + natTask('api', '10.17.0.3', ['{ host: 8081, jail: 80 }']));
    const r = await project.apply(pb);
    expect(r.code).toBe(0);
    expect((await project.sh('pfctl -a jailfleet/api -s nat')).stdout).toBe(
      'nat on em0 inet from 10.17.0.3 to any -> (em0) round-robin\nrdr pass on em0 inet proto tcp from any to any port = 8081 -> 10.17.0.3 port 80\n',
    );
    expect((await project.sh('pfctl -a jailfleet -s Anchors')).stdout).toBe('  jailfleet/api\n  jailfleet/web\n');
    expect((await project.sh('grep -c jailfleet /etc/pf.conf')).stdout).toBe('2\n');
    expect((await project.sh('sysrc -n cloned_interfaces')).stdout).toBe('lo1\n');
    const again = await project.apply(pb, '--json');
    expect(events(again.stdout).filter((e) => e.type === 'task').map((e) => e.status)).toEqual(['ok', 'ok']);
 
    // Removing one takes its anchor and file with it; the other's stays.
    const gone = project.playbook('gone.yml', `${PLAY}    - jail: { name: api, network: nat, state: absent }\n`);
    expect((await project.apply(gone)).code).toBe(0);
    expect((await project.sh('pfctl -a jailfleet -s Anchors')).stdout).toBe('  jailfleet/web\n');
    expect((await project.sh('test -e /etc/jail.conf.d/api.pf')).code).toBe(1);
    await unchanged(project, gone);
  });
});

describe('jail network: vnet', () => {
  const project = simProject('new2', '192.0.2.22');
  afterAll(() => project.cleanup());

  it('runs the jail on epair3b, its host end on bridge0 with em0; a rerun changes nothing; a stop destroys the epair', async () => {
    const pb = project.playbook('vnet.yml', VNET);
    const r = await project.apply(pb);
    expect(r.code).toBe(0);
    const inJail = (await project.sh('jexec app ifconfig epair3b')).stdout;
    expect(inJail).toContain('inet 192.0.2.130 netmask 0xffffff00');
    const bridge = (await project.sh('ifconfig bridge0')).stdout;
    expect(bridge).toMatch(/^\tmember: epair3a flags=/m);
    expect(bridge).toMatch(/^\tmember: em0 flags=/m);
    expect((await project.sh('sysrc -n cloned_interfaces ifconfig_bridge0')).stdout).toBe('bridge0\naddm em0 up\n');
    expect((await project.sh('sysrc -f /usr/jails/app/etc/rc.conf -n ifconfig_epair3b defaultrouter')).stdout).toBe('inet 192.0.2.130/24\n192.0.2.1\n');
    await unchanged(project, pb);

    const stop = project.playbook('stop.yml', VNET.replace('gateway: 192.0.2.1', 'gateway: 192.0.2.1\n        state: stopped'));
    expect((await project.apply(stop)).code).toBe(0);
    expect((await project.sh('ifconfig -l')).stdout).not.toContain('epair');
    expect((await project.apply(pb)).code).toBe(0);
    expect((await project.sh('jexec app ifconfig epair3b')).stdout).toContain('inet 192.0.2.130');
  });

  it('an epair left behind by a jail removed without its conf (jail -R) is destroyed before the start', async () => {
    const pb = project.playbook('vnet.yml', VNET);
    expect((await project.sh('jail -R app')).code).toBe(0);
    expect((await project.sh('ifconfig -l')).stdout).toContain('epair3a');
    const r = await project.apply(pb);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stale epair3a destroyed');
    expect((await project.sh('jexec app ifconfig epair3b')).stdout).toContain('inet 192.0.2.130');
    await unchanged(project, pb);
  });

  it('a bridge removed by hand is made again, with em0 and the running jail\'s epair as members', async () => {
    const pb = project.playbook('vnet.yml', VNET);
    expect((await project.sh('ifconfig bridge0 destroy')).code).toBe(0);
    const r = await project.apply(pb);
    expect(r.code).toBe(0);
    const bridge = (await project.sh('ifconfig bridge0')).stdout;
    expect(bridge).toMatch(/^\tmember: epair3a flags=/m);
    expect(bridge).toMatch(/^\tmember: em0 flags=/m);
    await unchanged(project, pb);
  });
});

describe('jail network: a vnet jail whose /etc/rc starts nothing', () => {
  const project = simProject('new2', '192.0.2.22');
  afterAll(() => project.cleanup());

  it('fails its start (no persist: it goes with its rc) and takes its epair and mounts off the host', async () => {
    // jail(8) "persist": without it the jail is destroyed as its last process exits; its exec.poststop never runs.
    const quiet = VNET.replace('        gateway: 192.0.2.1\n', '        gateway: 192.0.2.1\n        rc_conf: { syslogd_enable: "NO", cron_enable: "NO", sendmail_enable: "NONE" }\n');
    const pb = project.playbook('quiet.yml', quiet);
    const r = await project.apply(pb);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('jail app: what jail(8) set up for it is undone');
    expect((await project.sh('jls name')).stdout).toBe('');
    expect((await project.sh('ifconfig -l')).stdout).not.toContain('epair');
    expect((await project.sh('mount | grep -c /usr/jails/app/ || true')).stdout).toBe('0\n');
  });
});
