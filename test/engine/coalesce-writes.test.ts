import { describe, expect, it } from 'vitest';
import { SimTransport } from '../../src/sim/transport.js';
import type { SimTransportFaults } from '../../src/sim/transport.js';
import type { Connector } from '../../src/engine/run.js';
import { fileOn, runEngine, simHost, taskEvents, tapTransport } from './engine-harness.js';

const RC = '/etc/rc.conf.local';
const lineTask = (name: string, line: string, path = RC) => ({ name, line: { path, regexp: `^${line.split('=')[0]}=`, line, create: true } });
const fourLines = [
  lineTask('syslogd', 'syslogd_flags="-ss"'),
  lineTask('inetd', 'inetd_flags="-wW"'),
  lineTask('jail_enable', 'jail_enable="YES"'),
  lineTask('jail_list', 'jail_list="web"'),
];

/** A SimTransport that keeps every command line it ran. */
function recording(faults: SimTransportFaults = {}) {
  const sim = simHost('web1');
  const commands: string[] = [];
  const connector: Connector = { connect: async () => tapTransport(new SimTransport(sim, { faults }), (text) => commands.push(text)) };
  const writes = (): number => (commands.find((c) => c.includes('# jailfleet: round'))?.match(/mktemp/g) ?? []).length;
  return { sim, connector, writes };
}

describe('consecutive writes of one file in an apply script', () => {
  it('run once: four line tasks on one file are one write, each task reported changed with its own diff', async () => {
    const { sim, connector, writes } = recording();
    const run = await runEngine([{ hosts: 'all', tasks: fourLines }], ['web1'], connector);
    expect(writes()).toBe(1);
    expect(fileOn(sim, RC)).toBe('syslogd_flags="-ss"\ninetd_flags="-wW"\njail_enable="YES"\njail_list="web"\n');
    const tasks = taskEvents(run.events);
    expect(tasks.map((t) => t.status)).toEqual(['changed', 'changed', 'changed', 'changed']);
    // --diff is what each task planned: task 2 starts from task 1's result.
    expect(tasks.map((t) => t.diffs?.map((d) => [d.before, d.after]))).toEqual([
      [['', 'syslogd_flags="-ss"\n']],
      [['syslogd_flags="-ss"\n', 'syslogd_flags="-ss"\ninetd_flags="-wW"\n']],
      [['syslogd_flags="-ss"\ninetd_flags="-wW"\n', 'syslogd_flags="-ss"\ninetd_flags="-wW"\njail_enable="YES"\n']],
      [['syslogd_flags="-ss"\ninetd_flags="-wW"\njail_enable="YES"\n', 'syslogd_flags="-ss"\ninetd_flags="-wW"\njail_enable="YES"\njail_list="web"\n']],
    ]);
    const again = await runEngine([{ hosts: 'all', tasks: fourLines }], ['web1'], connector);
    expect(taskEvents(again.events).map((t) => t.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('reports the same events and diffs as check mode', async () => {
    const checked = await runEngine([{ hosts: 'all', tasks: fourLines }], ['web1'], recording().connector, { check: true });
    const applied = await runEngine([{ hosts: 'all', tasks: fourLines }], ['web1'], recording().connector);
    const view = (events: typeof checked.events) => taskEvents(events).map((t) => ({ task: t.task, status: t.status, message: t.message, diffs: t.diffs }));
    expect(view(applied.events)).toEqual(view(checked.events));
  });

  it('fails every coalesced task when the surviving write fails, and nothing after them runs', async () => {
    const { sim, connector, writes } = recording({ failCommand: [{ match: 'mv -f', code: 1, stderr: 'mv: read-only file system\n' }] });
    const tasks = [...fourLines, lineTask('other file', 'x="1"', '/etc/other.conf')];
    const run = await runEngine([{ hosts: 'all', tasks }], ['web1'], connector);
    expect(writes()).toBe(2);
    const events = taskEvents(run.events);
    expect(events.map((t) => [t.task, t.status])).toEqual([
      ['syslogd', 'failed'],
      ['inetd', 'failed'],
      ['jail_enable', 'failed'],
      ['jail_list', 'failed'],
    ]);
    for (const e of events) expect(e).toMatchObject({ step: `write ${RC}`, exitCode: 1, stderr: 'mv: read-only file system\n' });
    expect(run.summary.hosts.web1!.failed).toBe(4);
    expect(fileOn(sim, RC)).toBeUndefined();
    expect(fileOn(sim, '/etc/other.conf')).toBeUndefined();
  });

  it('keeps both writes when another step comes between them', async () => {
    const { sim, connector, writes } = recording();
    const tasks = [fourLines[0]!, lineTask('other file', 'x="1"', '/etc/other.conf'), fourLines[1]!];
    const run = await runEngine([{ hosts: 'all', tasks }], ['web1'], connector);
    expect(writes()).toBe(3);
    expect(taskEvents(run.events).map((t) => t.status)).toEqual(['changed', 'changed', 'changed']);
    expect(fileOn(sim, RC)).toBe('syslogd_flags="-ss"\ninetd_flags="-wW"\n');
  });

  it('keeps both writes when only the later task ignores errors', async () => {
    const { connector, writes } = recording();
    const tasks = [fourLines[0]!, { ...fourLines[1]!, ignore_errors: true }];
    const run = await runEngine([{ hosts: 'all', tasks }], ['web1'], connector);
    expect(writes()).toBe(2);
    expect(taskEvents(run.events).map((t) => t.status)).toEqual(['changed', 'changed']);
  });
});
