import { describe, expect, it } from 'vitest';
import { ipAliasModule } from '../../src/modules/ip-alias/index.js';
import { allCommands } from '../../src/sim/commands/index.js';
import type { Plan } from '../../src/modules/types.js';
import { commands, fail, factsOf, ok, planOne, planWith, type Captured, type Task } from './harness.js';
import { simHost } from '../helpers/sim-host.js';

const IFCONFIG = (...extra: string[]) =>
  ok(
    [
      'em0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500',
      '\toptions=4e524bb<RXCSUM,TXCSUM>',
      '\tether 58:9c:fc:00:00:74',
      '\tinet 192.0.2.11 netmask 0xffffff00 broadcast 192.0.2.255',
      ...extra.map((a) => `\tinet ${a} netmask 0xffffffff broadcast ${a}`),
      '\tmedia: Ethernet autoselect (1000baseT <full-duplex>)',
      '\tstatus: active',
      '',
    ].join('\n'),
  );

const RC_ALL = (...aliases: string[]) =>
  ok(['defaultrouter: 192.0.2.1', 'hostname: old1', 'ifconfig_em0: inet 192.0.2.11/24', ...aliases, 'sshd_enable: YES', ''].join('\n'));

const host = (inet: string[], aliases: string[]): Captured => ({ 'ifconfig em0': IFCONFIG(...inet), 'sysrc -a': RC_ALL(...aliases) });
const alias = (address: string, state = 'present'): Task => [ipAliasModule, { interface: 'em0', address, state }];

describe('ip_alias present', () => {
  it('reads ifconfig IF and sysrc -a', () => {
    expect(factsOf(alias('192.0.2.100/32')).map((f) => f.command)).toEqual(['ifconfig em0', 'sysrc -a']);
  });

  it('adds the address now and as the next aliasN', () => {
    const plan = planOne(host([], ['ifconfig_em0_alias0: inet 192.0.2.50/32']), alias('192.0.2.100/32'));
    expect(commands(plan)).toEqual(['ifconfig em0 inet 192.0.2.100/32 alias', "sysrc 'ifconfig_em0_alias1=inet 192.0.2.100/32'"]);
    expect(plan.diffs).toEqual([
      { label: 'ifconfig em0', before: 'inet 192.0.2.11/24\n', after: 'inet 192.0.2.11/24\ninet 192.0.2.100/32\n' },
      { label: '/etc/rc.conf: ifconfig_em0_alias1', before: '', after: 'ifconfig_em0_alias1="inet 192.0.2.100/32"\n' },
    ]);
  });

  it('is idempotent: nothing to do when both are in place', () => {
    const plan = planOne(host(['192.0.2.100'], ['ifconfig_em0_alias0: inet 192.0.2.100/32']), alias('192.0.2.100/32'));
    expect(plan).toEqual({ changed: false, message: '192.0.2.100/32 is on em0 and in rc.conf', steps: [], diffs: [], updates: [] });
  });

  it('repairs runtime and rc.conf independently', () => {
    expect(commands(planOne(host([], ['ifconfig_em0_alias0: inet 192.0.2.100/32']), alias('192.0.2.100/32')))).toEqual([
      'ifconfig em0 inet 192.0.2.100/32 alias',
    ]);
    expect(commands(planOne(host(['192.0.2.100'], []), alias('192.0.2.100/32')))).toEqual(["sysrc 'ifconfig_em0_alias0=inet 192.0.2.100/32'"]);
  });

  it('fills a gap left by someone else by renumbering', () => {
    const plan = planOne(host(['192.0.2.100'], ['ifconfig_em0_alias0: inet 192.0.2.50/32', 'ifconfig_em0_alias2: inet 192.0.2.52/32']), alias('192.0.2.100/32'));
    expect(commands(plan)).toEqual(["sysrc 'ifconfig_em0_alias1=inet 192.0.2.52/32' 'ifconfig_em0_alias2=inet 192.0.2.100/32'"]);
  });

  it('requires a prefix and a sane interface name; fails on a missing interface', () => {
    expect(ipAliasModule.schema.safeParse({ interface: 'em0', address: '192.0.2.100' }).success).toBe(false);
    expect(ipAliasModule.schema.safeParse({ interface: 'em0;reboot', address: '192.0.2.100/32' }).success).toBe(false);
    const missing = { 'ifconfig em0': fail(1, 'ifconfig: interface em0 does not exist\n'), 'sysrc -a': RC_ALL() };
    expect(() => planOne(missing, alias('192.0.2.100/32'))).toThrow('ip_alias: ifconfig: interface em0 does not exist');
  });
});

describe('ip_alias absent', () => {
  it('removes the address and renumbers the aliases after it, leaving no gap', () => {
    const aliases = ['ifconfig_em0_alias0: inet 192.0.2.50/32', 'ifconfig_em0_alias1: inet 192.0.2.100/32', 'ifconfig_em0_alias2: inet6 2001:db8::1/64'];
    const plan = planOne(host(['192.0.2.50', '192.0.2.100'], aliases), alias('192.0.2.100/32', 'absent'));
    expect(commands(plan)).toEqual([
      'ifconfig em0 inet 192.0.2.100 -alias',
      "sysrc 'ifconfig_em0_alias1=inet6 2001:db8::1/64'",
      'sysrc -x ifconfig_em0_alias2',
    ]);
    expect(plan.message).toBe('192.0.2.100 removed from em0; rc.conf no longer has 192.0.2.100/32 (aliases renumbered)');
  });

  it('is idempotent when the address is gone', () => {
    expect(planOne(host([], ['ifconfig_em0_alias0: inet 192.0.2.50/32']), alias('192.0.2.100/32', 'absent')).changed).toBe(false);
  });
});

describe('ip_alias on the simulator', () => {
  const sim = simHost('old1', { hostname: 'old1', address: '192.0.2.11' }, { commands: allCommands });
  const run = (task: Task): Plan => {
    const plan = planWith(task, (command) => sim.exec(`( ${command}\n) </dev/null`));
    for (const step of plan.steps) expect(sim.exec(`( ${step.command}\n) </dev/null`)).toMatchObject({ code: 0 });
    return plan;
  };

  it('adds three, removes the middle one, and converges both ways', () => {
    for (const a of ['192.0.2.101/32', '192.0.2.102/32', '192.0.2.103/32']) run(alias(a));
    expect(run(alias('192.0.2.102/32', 'absent')).changed).toBe(true);
    expect(sim.exec('grep ifconfig_em0_alias /etc/rc.conf').stdout).toBe(
      'ifconfig_em0_alias0="inet 192.0.2.101/32"\nifconfig_em0_alias1="inet 192.0.2.103/32"\n',
    );
    expect(sim.exec('ifconfig em0').stdout).not.toContain('192.0.2.102');
    expect(run(alias('192.0.2.102/32', 'absent')).changed).toBe(false);
    expect(run(alias('192.0.2.103/32')).changed).toBe(false);
  });
});
