/**
 * Issue 12: repairing drift never leaves a host worse than it found it.
 * Each case drives the engine against an in-process simulated host, changes
 * the host behind jailfleet's back (an operator's edit, a jail started by
 * hand, a deleted file), applies again, and checks the host — jls, the
 * interface's addresses, the mount table — and that the run after that
 * changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/run.js';
import type { RunEvent } from '../../src/report/events.js';
import { allCommands } from '../../src/sim/commands/index.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import { SimTransport } from '../../src/sim/transport.js';
import type { SimCommand } from '../../src/sim/types.js';
import { sha256Of } from '../helpers/sha256-of.js';
import { fileOn, runEngine, taskEvents, tapTransport, runsSomething } from '../engine/engine-harness.js';

const CONF = '/etc/jail.conf.d/www.conf';
const CACHE = '/var/cache/jailfleet/releases/14.2-RELEASE';

interface Host {
  sim: SimHost;
  /** URLs fetch was run with, in order. */
  fetched: string[];
}

function host(): Host {
  const fetched: string[] = [];
  const fetch: SimCommand = (ctx) => {
    fetched.push(ctx.argv.at(-1) ?? '');
    return allCommands.fetch!(ctx);
  };
  const sim = new SimHost('h1', freshHostState({ hostname: 'h1', address: '192.0.2.10' }), { commands: { ...allCommands, fetch } });
  return { sim, fetched };
}

interface Run {
  events: RunEvent[];
  statuses: Array<[string, string]>;
  /** What the controller sent the host to run. */
  sent: string;
  end: { channels: number; rounds: number };
}

async function apply(h: Host, tasks: unknown[]): Promise<Run> {
  let sent = '';
  const connector: Connector = {
    connect: async () =>
      tapTransport(new SimTransport(h.sim), (text, kind) => {
        if (kind === 'input' && runsSomething(text)) sent += text;
      }),
  };
  const { events } = await runEngine([{ name: 'p', hosts: 'all', tasks }], { [h.sim.name]: {} }, connector);
  const end = events.find((e): e is Extract<RunEvent, { type: 'host_end' }> => e.type === 'host_end')!;
  return { events, statuses: taskEvents(events).map((t) => [t.task, t.status]), sent, end: { channels: end.channels, rounds: end.rounds } };
}

/** A second run: nothing to change, one exec, one round. */
async function converged(h: Host, tasks: unknown[]): Promise<void> {
  const again = await apply(h, tasks);
  expect(again.statuses.every(([, s]) => s === 'ok'), JSON.stringify(again.statuses)).toBe(true);
  expect(again.end).toEqual({ channels: 1, rounds: 1 });
}

const sh = (h: Host, script: string): string => h.sim.run(script).stdout;

function jails(h: Host): Array<{ name: string; jid: number; ipv4_addrs: string[] }> {
  const doc = JSON.parse(sh(h, 'jls -v --libxo json')) as { 'jail-information': { jail: Array<{ name: string; jid: number; ipv4_addrs: string[] }> } };
  return doc['jail-information'].jail;
}

/** The em0 addresses, in order. */
const inet = (h: Host): string[] => [...sh(h, 'ifconfig em0').matchAll(/^\tinet (\S+) /gm)].map((m) => m[1] ?? '');
const mountsUnder = (h: Host, root: string): string[] => sh(h, 'mount').split('\n').filter((l) => l.includes(` on ${root}/`));

const www = (extra: Record<string, unknown> = {}) => ({
  name: 'www jail',
  jail: { name: 'www', ip4: 'em0|10.0.0.111/32', release: '14.2-RELEASE', mounts: ['devfs', 'procfs'], ...extra },
});

async function built(tasks: unknown[] = [www()]): Promise<Host> {
  const h = host();
  const first = await apply(h, tasks);
  expect(first.statuses.map(([, s]) => s)).toEqual(tasks.map(() => 'changed'));
  return h;
}

describe('repairing a jail whose conf.d file was edited', () => {
  it('the reported case: www.conf edited to .99 while www runs on .111 — the file is rewritten, www keeps running on .111, one alias', async () => {
    const h = await built();
    const good = fileOn(h.sim, CONF)!;
    const [before] = jails(h);
    h.sim.fs.writeFile(CONF, good.replace('10.0.0.111', '10.0.0.99'));

    const run = await apply(h, [www()]);
    expect(run.statuses).toEqual([['www jail', 'changed']]);
    const [after] = jails(h);
    expect(after).toMatchObject({ name: 'www', ipv4_addrs: ['10.0.0.111'] });
    // It runs as the playbook says: nothing stopped it.
    expect(after?.jid).toBe(before?.jid);
    expect(fileOn(h.sim, CONF)).toBe(good);
    expect(inet(h)).toEqual(['192.0.2.10', '10.0.0.111']);
    expect(sh(h, 'jls -j www')).toMatch(/^\s+\d+\s+10\.0\.0\.111\s+www\s+\/usr\/jails\/www$/m);
    await converged(h, [www()]);
  });

  it('a restart the playbook asks for (a new address), with the file edited too, moves the alias from .111 to .112', async () => {
    const h = await built();
    h.sim.fs.writeFile(CONF, fileOn(h.sim, CONF)!.replace('10.0.0.111', '10.0.0.99'));
    const moved = [www({ ip4: 'em0|10.0.0.112/32' })];
    const run = await apply(h, moved);
    expect(run.statuses).toEqual([['www jail', 'changed']]);
    expect(taskEvents(run.events)[0]?.message).toBe(
      '/etc/jail.conf.d/www.conf rewritten; jail www restarted: running with ip4 10.0.0.111, playbook says 10.0.0.112; 10.0.0.111 removed from em0',
    );
    expect(jails(h)).toMatchObject([{ name: 'www', ipv4_addrs: ['10.0.0.112'] }]);
    expect(inet(h)).toEqual(['192.0.2.10', '10.0.0.112']);
    expect(mountsUnder(h, '/usr/jails/www')).toEqual(['devfs on /usr/jails/www/dev (devfs)', 'procfs on /usr/jails/www/proc (procfs, local)']);
    await converged(h, moved);
  });

  it('a jail that goes with its last process during exec.stop (no persist, syslogd off) is restarted all the same', async () => {
    // jail(8) "persist": without it a jail is destroyed as its last process exits. With syslogd off, rc.shutdown
    // stops the jail's last daemon (cron), so the jail is gone when jexec returns and `jail -R` finds nothing.
    const h = await built();
    expect(sh(h, 'sysrc -f /usr/jails/www/etc/rc.conf syslogd_enable=NO >/dev/null && jexec www service syslogd onestop >/dev/null; jls name')).toBe('www\n');
    const moved = [www({ ip4: 'em0|10.0.0.112/32' })];
    const run = await apply(h, moved);
    expect(run.statuses).toEqual([['www jail', 'changed']]);
    expect(jails(h)).toMatchObject([{ name: 'www', ipv4_addrs: ['10.0.0.112'] }]);
    expect(inet(h)).toEqual(['192.0.2.10', '10.0.0.112']);
    expect(mountsUnder(h, '/usr/jails/www')).toEqual(['devfs on /usr/jails/www/dev (devfs)', 'procfs on /usr/jails/www/proc (procfs, local)']);
    await converged(h, moved);
  });

  it('a start whose /etc/rc leaves no process (no persist) fails, and takes off the alias and mounts jail(8) left', async () => {
    // jail(8) "persist": without it the jail goes as its last process exits; `service jail start` still exits 0.
    const h = await built();
    const stopped = [www({ state: 'stopped' })];
    expect((await apply(h, stopped)).statuses).toEqual([['www jail', 'changed']]);
    sh(h, 'sysrc -f /usr/jails/www/etc/rc.conf syslogd_enable=NO cron_enable=NO sendmail_enable=NONE');
    const before = { inet: inet(h), mounts: sh(h, 'mount') };
    expect(before.inet).toEqual(['192.0.2.10']);

    const run = await apply(h, [www()]);
    expect(run.statuses).toEqual([['www jail', 'failed']]);
    expect(taskEvents(run.events)[0]?.stderr).toContain(
      'jail www: not running after service jail start\njail www: what jail(8) set up for it is undone (a jail without persist goes when its /etc/rc leaves no process running)\n',
    );
    expect(jails(h)).toEqual([]);
    expect(inet(h)).toEqual(before.inet);
    expect(sh(h, 'mount')).toBe(before.mounts);
  });

  it('an edit of path and hostname, or a deleted file, is repaired by rewriting the file: no stop, no start', async () => {
    const h = await built();
    const good = fileOn(h.sim, CONF)!;
    const jid = jails(h)[0]?.jid;
    h.sim.fs.writeFile(CONF, good.replace("path = '/usr/jails/www'", "path = '/srv/www'").replace("host.hostname = 'www'", "host.hostname = 'x'"));
    let run = await apply(h, [www()]);
    expect(run.statuses).toEqual([['www jail', 'changed']]);
    expect(run.sent).not.toMatch(/jail -R|service jail start/);
    expect(fileOn(h.sim, CONF)).toBe(good);

    h.sim.run(`rm ${CONF}`);
    run = await apply(h, [www()]);
    expect(run.statuses).toEqual([['www jail', 'changed']]);
    expect(run.sent).not.toMatch(/jail -R|service jail start/);
    expect(fileOn(h.sim, CONF)).toBe(good);
    expect(jails(h)[0]?.jid).toBe(jid);
    await converged(h, [www()]);
  });

  it('state: stopped with an edited file stops the jail as it runs: its alias and mounts go too', async () => {
    const h = await built();
    h.sim.fs.writeFile(CONF, fileOn(h.sim, CONF)!.replace('10.0.0.111', '10.0.0.99').replace('\tmount.procfs;\n', ''));
    const run = await apply(h, [www({ state: 'stopped' })]);
    expect(run.statuses).toEqual([['www jail', 'changed']]);
    expect(jails(h)).toEqual([]);
    expect(inet(h)).toEqual(['192.0.2.10']);
    expect(mountsUnder(h, '/usr/jails/www')).toEqual([]);
    await converged(h, [www({ state: 'stopped' })]);
    // And it starts again cleanly.
    expect((await apply(h, [www()])).statuses).toEqual([['www jail', 'changed']]);
    expect(inet(h)).toEqual(['192.0.2.10', '10.0.0.111']);
  });
});

describe('a jail started by hand with other parameters', () => {
  it('is restarted from what runs: the hand-made alias and mounts are gone, the playbook\'s are there once', async () => {
    const h = await built();
    h.sim.run('service jail stop www');
    expect(jails(h)).toEqual([]);
    const byHand = h.sim.run("jail -c name=www path=/usr/jails/www host.hostname=www 'ip4.addr=em0|10.0.0.77/32' persist mount.devfs");
    expect(byHand.code).toBe(0);
    expect(inet(h)).toEqual(['192.0.2.10', '10.0.0.77']);

    const run = await apply(h, [www()]);
    expect(run.statuses).toEqual([['www jail', 'changed']]);
    const task = taskEvents(run.events)[0];
    expect(task?.message).toContain('jail www restarted: running with ip4 10.0.0.77, playbook says 10.0.0.111');
    expect(task?.message).toContain('10.0.0.77 removed from em0');
    expect(jails(h)).toMatchObject([{ name: 'www', ipv4_addrs: ['10.0.0.111'] }]);
    expect(inet(h)).toEqual(['192.0.2.10', '10.0.0.111']);
    expect(mountsUnder(h, '/usr/jails/www')).toEqual(['devfs on /usr/jails/www/dev (devfs)', 'procfs on /usr/jails/www/proc (procfs, local)']);
    await converged(h, [www()]);
  });

  it('keeps an address the host configures in rc.conf (an ip_alias task) while restarting a jail that shares it', async () => {
    const tasks = [
      { name: 'alias', ip_alias: { interface: 'em0', address: '10.0.0.111/32' } },
      { name: 'www jail', jail: { name: 'www', ip4: '10.0.0.111', release: '14.2-RELEASE' } },
    ];
    const h = await built(tasks);
    h.sim.run("jail -r -f /etc/jail.conf.d/www.conf www && jail -c name=www path=/usr/jails/www host.hostname=other ip4.addr=10.0.0.111 persist");
    const run = await apply(h, tasks);
    expect(run.statuses).toEqual([
      ['alias', 'ok'],
      ['www jail', 'changed'],
    ]);
    expect(taskEvents(run.events)[1]?.message).toContain('10.0.0.111 kept: rc.conf configures it (ifconfig_em0_alias0)');
    expect(inet(h)).toEqual(['192.0.2.10', '10.0.0.111']);
    expect(jails(h)).toMatchObject([{ name: 'www', ipv4_addrs: ['10.0.0.111'] }]);
    await converged(h, tasks);
  });
});

describe('a root tree that lost part of the base system', () => {
  it('fails the jail task naming what is missing, and rebuilds nothing over the data', async () => {
    const h = await built();
    const jid = jails(h)[0]?.jid;
    h.sim.run('echo keep me > /usr/jails/www/root/notes && rm /usr/jails/www/bin/sh && rm -r /usr/jails/www/etc');
    const run = await apply(h, [www()]);
    expect(run.statuses).toEqual([['www jail', 'failed']]);
    expect(taskEvents(run.events)[0]?.message).toBe(
      'jail www: root tree /usr/jails/www (built from 14.2-RELEASE) is incomplete: bin/sh, etc missing; not rebuilding over what is there — restore the missing files, or move the tree away to have it built anew',
    );
    expect(run.sent).toBe('');
    expect(h.fetched).toHaveLength(2);
    expect(sh(h, 'cat /usr/jails/www/root/notes')).toBe('keep me\n');
    expect(h.sim.fs.exists('/usr/jails/www/etc')).toBe(false);
    expect(jails(h)[0]?.jid).toBe(jid);
  });
});

describe('release downloads', () => {
  const db = { name: 'db jail', jail: { name: 'db', ip4: 'em0|10.0.0.112/32', release: '14.2-RELEASE' } };

  it('two jails of one release download it once, into the cache', async () => {
    const h = await built([www(), db]);
    expect(h.fetched.map((u) => u.replace(/.*\//, ''))).toEqual(['MANIFEST', 'base.txz']);
    expect(sh(h, `ls ${CACHE}`)).toBe('MANIFEST\nbase.txz\n');
    expect(jails(h).map((j) => j.name)).toEqual(['www', 'db']);
    await converged(h, [www(), db]);
    expect(h.fetched).toHaveLength(2);
  });

  it('a .part left by an interrupted download is replaced, and a later jail still downloads nothing', async () => {
    const h = host();
    h.sim.run(`mkdir -p ${CACHE} && printf 'the first 3%% of base.txz' > ${CACHE}/base.txz.part`);
    expect((await apply(h, [www()])).statuses).toEqual([['www jail', 'changed']]);
    expect(sh(h, `ls ${CACHE}`)).toBe('MANIFEST\nbase.txz\n');
    const want = /^base\.txz\t([0-9a-f]{64})\t/.exec(sh(h, `cat ${CACHE}/MANIFEST`))?.[1];
    // MANIFEST names the sha256 of base.txz (release/scripts/make-manifest.sh); the kept file must have it.
    expect(sha256Of(h.sim, `${CACHE}/base.txz`)).toBe(want);
    expect((await apply(h, [www(), db])).statuses).toEqual([
      ['www jail', 'ok'],
      ['db jail', 'changed'],
    ]);
    expect(h.fetched.map((u) => u.replace(/.*\//, ''))).toEqual(['MANIFEST', 'base.txz']);
  });
});
