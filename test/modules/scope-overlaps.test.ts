/**
 * Spot checks of exact scopes, and of which steps make which facts stale
 * (engine/scopes.ts `overlaps`): the ones that must (or the engine would
 * plan from a stale fact) and the ones that must not (a needless round trip).
 */
import { describe, expect, it } from 'vitest';
import { overlaps } from '../../src/engine/scopes.js';
import { fileFact } from '../../src/modules/facts/file-fact.js';
import { existsFact } from '../../src/modules/command/facts.js';
import { archiveSumFact, datasetFact } from '../../src/modules/jail/facts.js';
import { jlsFact } from '../../src/modules/jail/jls-fact.js';
import { installedFact, upgradableFact } from '../../src/modules/pkg/facts.js';
import { jailIpsFact } from '../../src/modules/rebind/jail-ips.js';
import { listenersFact } from '../../src/modules/rebind/listeners.js';
import { serviceStatusFact } from '../../src/modules/service/facts.js';
import { sysctlFact } from '../../src/modules/sysctl/facts.js';
import { rcValueFact } from '../../src/modules/sysrc/facts.js';
import { treeFact } from '../../src/modules/directory/facts.js';
import { commandModule } from '../../src/modules/command/index.js';
import { copyModule } from '../../src/modules/copy/index.js';
import { directoryModule } from '../../src/modules/directory/index.js';
import { serviceModule } from '../../src/modules/service/index.js';
import { jailModule } from '../../src/modules/jail/index.js';
import { lineModule } from '../../src/modules/line/index.js';
import { sysctlModule } from '../../src/modules/sysctl/index.js';
import { sysrcModule } from '../../src/modules/sysrc/index.js';
import type { FactSpec, Plan, Step } from '../../src/modules/types.js';
import { CASES } from './declaration-cases.js';
import { ENGINE_KNOWS } from './engine-rules.js';
import { fakeHost } from './fake-host.js';
import { context, factsOf, fileCmd, lsFile, play, planOne, StaleFact, type Task } from './harness.js';
import { WWW_TASK } from './jail-fixtures.js';

const step = (plan: Plan, title: string | RegExp): Step => {
  const s = plan.steps.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  if (!s) throw new Error(`no step ${String(title)} in ${plan.steps.map((x) => x.title).join(', ')}`);
  return s;
};
const stales = (s: Step, f: FactSpec): boolean => overlaps(s.changes, f.reads);

const WEB: Task = [jailModule, { ...WWW_TASK, name: 'web' }];
const web = planOne(fakeHost(), WEB);
const BUILD = step(web, /^build root tree of jail web/);
const START = step(web, 'start jail web');

describe('exact scopes', () => {
  it('line on sshd_config reads and changes exactly that path', () => {
    const task: Task = [lineModule, { path: '/etc/ssh/sshd_config', line: 'UseDNS no' }];
    expect(factsOf(task).map((f) => f.reads)).toEqual([['path:/etc/ssh/sshd_config']]);
    const plan = planOne(fakeHost({ [fileCmd('/etc/ssh/sshd_config')]: lsFile('/etc/ssh/sshd_config', '') }), task);
    expect(plan.steps.map((s) => s.changes)).toEqual([['path:/etc/ssh/sshd_config']]);
  });

  it('a jail-scoped sysrc reads and changes the jail, the host one its file and the defaults', () => {
    expect(factsOf([sysrcModule, { name: 'sshd_enable', value: 'YES', jail: 'www' }]).map((f) => f.reads)).toEqual([['jail:www']]);
    expect(rcValueFact({ name: 'sshd_enable', path: '/etc/rc.conf' }).reads).toEqual(['path:/etc/rc.conf', 'path:/etc/defaults/rc.conf']);
    expect(planOne(fakeHost(), [sysrcModule, { name: 'sshd_enable', value: 'YES', jail: 'www' }]).steps[0]?.changes).toEqual(['jail:www']);
  });

  it('the jail start names the table, the root, its id file, mounts and the network', () => {
    expect(START.changes).toEqual(['jails', 'path:/usr/jails/web', 'path:/var/run/jail_web.id', 'mounts', 'net']);
    expect(BUILD.changes).toEqual(['path:/usr/jails/web']);
  });

  it('pkg and service facts in a jail read the jail; on the host, their files', () => {
    expect(installedFact({ jail: 'web' }, 'nginx').reads).toEqual(['pkg:web', 'jail:web']);
    expect(serviceStatusFact({ name: 'nginx', jail: 'web' }).reads).toEqual(['service:web:nginx', 'jail:web']);
    expect(serviceStatusFact({ name: 'nginx' }).reads).toContain('path:/usr/local/etc/rc.d/nginx');
  });
});

describe('a step makes stale what it may change', () => {
  it('the jail module\'s create steps for web stale `pkg -j web` facts', () => {
    for (const s of [BUILD, START]) expect(stales(s, installedFact({ jail: 'web' }, 'nginx')), s.title).toBe(true);
  });

  it('the root tree step stales a line fact inside the jail root (and the engine reads it again)', () => {
    const inJail = '/usr/jails/web/etc/ssh/sshd_config';
    expect(stales(BUILD, fileFact(inJail))).toBe(true);
    const line: Task = [lineModule, { path: inJail, line: 'ListenAddress 192.0.2.121', create: true }];
    expect(() => play(fakeHost(), [WEB, line])).toThrow(new StaleFact(`file::${inJail}`, 0));
    const [, edit] = play(fakeHost(), [WEB, line], context(), { [fileCmd(inJail)]: lsFile(inJail, '#ListenAddress 0.0.0.0\n') });
    expect(edit?.diffs[0]).toMatchObject({ before: '#ListenAddress 0.0.0.0\n', after: '#ListenAddress 0.0.0.0\nListenAddress 192.0.2.121\n' });
  });

  it('any command step stales a creates: fact', () => {
    const cmd = planOne(fakeHost(), [commandModule, { argv: ['true'] }]);
    expect(stales(step(cmd, 'command: true'), existsFact('/var/db/done'))).toBe(true);
  });

  it('a copy of an archive stales the jail\'s checksum of it', () => {
    const copy = planOne(fakeHost(), [copyModule, { dest: '/tmp/x.txz', content: 'x' }]);
    expect(stales(step(copy, 'write /tmp/x.txz'), archiveSumFact('/tmp/x.txz'))).toBe(true);
  });

  it('a copied repository file stales the upgrade dry run, not the installed check', () => {
    const copy = planOne(fakeHost(), [copyModule, { dest: '/usr/local/etc/pkg/repos/FreeBSD.conf', content: 'x' }]);
    const write = step(copy, /^write /);
    expect(stales(write, upgradableFact({}, 'nginx'))).toBe(true);
    expect(stales(write, installedFact({}, 'nginx'))).toBe(false);
  });

  it('an rc.d script copied in stales that service\'s status', () => {
    const copy = planOne(fakeHost(), [copyModule, { dest: '/usr/local/etc/rc.d/myapp', content: '#!/bin/sh\n' }]);
    expect(stales(step(copy, /^write /), serviceStatusFact({ name: 'myapp' }))).toBe(true);
  });

  it('starting a jail stales the jail table and the listeners rebind reads', () => {
    for (const f of [jlsFact(), jailIpsFact(), listenersFact()]) expect(stales(START, f), f.key).toBe(true);
  });
});

describe('a new directory leaves what is below it as it was (`node:`)', () => {
  const SSH = '/tmp/sandbox/etc/ssh';
  const mkdir = step(planOne(fakeHost(), [directoryModule, { path: SSH, mode: '0755' }]), `mkdir ${SSH}`);

  it('mkdir and chmod change the directory itself', () => {
    expect(mkdir.changes).toEqual([`node:${SSH}`]);
  });

  it('a line task on a file in a directory an earlier task made plans in the same round', () => {
    expect(stales(mkdir, fileFact(`${SSH}/sshd_config`))).toBe(false);
    const [, line] = play(fakeHost(), [
      [directoryModule, { path: SSH, mode: '0755' }],
      [lineModule, { path: `${SSH}/sshd_config`, line: 'ListenAddress 10.0.0.11', create: true }],
    ]);
    expect(line?.message).toBe(`${SSH}/sshd_config created`);
  });

  it.runIf(ENGINE_KNOWS.node)('but stales the directory, the parents mkdir -p makes, and a recursive check above', () => {
    for (const f of [fileFact(SSH), fileFact('/tmp/sandbox'), treeFact({ path: '/tmp/sandbox', mode: 0o755 })]) expect(stales(mkdir, f), f.key).toBe(true);
  });
});

describe.runIf(ENGINE_KNOWS.jails)('the jail table meets everything done through a jail', () => {
  it('a service restarted in a jail stales jls', () => {
    const restart = step(planOne(fakeHost(), [serviceModule, { name: 'nginx', jail: 'web', state: 'restarted' }]), 'service nginx onerestart');
    expect(overlaps(['jail:web'], jlsFact().reads)).toBe(true);
    expect(stales(restart, jlsFact())).toBe(true);
  });
});

describe.runIf(ENGINE_KNOWS.zfs)('zfs: scopes meet above and below', () => {
  it('creating a dataset stales its parent\'s fact, not a sibling\'s', () => {
    const create = step(planOne(fakeHost(), CASES.find((c) => c.name.startsWith('jail from an archive'))!.task), 'zfs create zroot/jails/db');
    expect(stales(create, datasetFact('zroot/jails'))).toBe(true);
    expect(overlaps(['zfs:zroot/jails/db'], ['zfs:zroot/jails/www'])).toBe(false);
  });
});

describe('a step leaves alone what it cannot change', () => {
  const motd = step(planOne(fakeHost(), [copyModule, { dest: '/etc/motd', content: 'x' }]), 'write /etc/motd');

  it('a host file write: not the jail table, packages, sysctls, the network, other files', () => {
    for (const f of [jlsFact(), installedFact({}, 'nginx'), sysctlFact('kern.hostname'), listenersFact(), fileFact('/etc/rc.conf')]) {
      expect(stales(motd, f), f.key).toBe(false);
    }
  });

  it('a jail start: not host files outside its root, host packages, sysctls, another jail\'s files', () => {
    for (const f of [fileFact('/etc/ssh/sshd_config'), installedFact({}, 'nginx'), sysctlFact('kern.hostname'), fileFact('/usr/jails/db/etc/rc.conf')]) {
      expect(stales(START, f), f.key).toBe(false);
    }
  });

  it('a sysctl step: only its own value', () => {
    const set = step(planOne(fakeHost(), [sysctlModule, { name: 'kern.maxfiles', value: 4096, persist: false }]), 'sysctl kern.maxfiles');
    expect(stales(set, sysctlFact('kern.maxfiles'))).toBe(true);
    for (const f of [sysctlFact('kern.hostname'), fileFact('/etc/sysctl.conf'), datasetFact('zroot/jails/www')]) expect(stales(set, f), f.key).toBe(false);
  });

  it('the rebind verification: nothing', () => {
    const rebind = CASES.find((c) => c.name === 'rebind')!;
    const verify = step(planOne(rebind.host, rebind.task), 'verify with sockstat -4l');
    expect(verify.changes).toEqual([]);
    expect(stales(verify, listenersFact())).toBe(false);
  });
});

describe('overlaps: how paths, nodes and datasets meet', () => {
  const meet = (a: string, b: string): boolean => overlaps([a], [b]);
  it('a path meets itself, what lies below it and what lies above it, never a sibling that shares its prefix', () => {
    expect(meet('path:/usr/jails', 'path:/usr/jails')).toBe(true);
    expect(meet('path:/usr/jails', 'path:/usr/jails/www/etc')).toBe(true);
    expect(meet('path:/usr/jails/www/etc', 'path:/usr/jails')).toBe(true);
    expect(meet('path:/usr/jails/', 'path:/usr/jails/www')).toBe(true);
    expect(meet('path:/usr/jails', 'path:/usr/jailsX')).toBe(false);
    expect(meet('path:/usr/jailsX/a', 'path:/usr/jails')).toBe(false);
    expect(meet('path:/', 'path:/etc/rc.conf')).toBe(true);
  });
  it('a node meets what lies at or above it, not below it', () => {
    expect(meet('node:/usr/jails/www', 'path:/usr/jails')).toBe(true);
    expect(meet('node:/usr/jails', 'path:/usr/jails/www/etc')).toBe(false);
    expect(meet('path:/usr/jails/www/etc', 'node:/usr/jails')).toBe(false);
    expect(meet('path:/usr', 'node:/usr/jails')).toBe(true);
    expect(meet('node:/usr/jails', 'node:/usr/jails/www')).toBe(true);
    expect(meet('node:/usr/jails', 'node:/usr/jailsX')).toBe(false);
  });
  it('datasets meet their descendants and ancestors', () => {
    expect(meet('zfs:zroot/jails', 'zfs:zroot/jails/www')).toBe(true);
    expect(meet('zfs:zroot/jails/www', 'zfs:zroot/jails')).toBe(true);
    expect(meet('zfs:zroot/jails', 'zfs:zroot/jailsX')).toBe(false);
  });
});
