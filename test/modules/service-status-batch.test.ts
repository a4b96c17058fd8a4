/**
 * Issue 17: the `service NAME onestatus` facts of a host read by one part
 * (service/status-batch.ts). Each service must read as its own onestatus
 * does: exit 0 running; "NAME is not running." and 1 stopped (rc.subr
 * run_rc_command, `_pidcmd` ... `echo "${name} is not running."`); "NAME
 * does not exist in /etc/rc.d or the local startup directories" from
 * service(8) for one that is not installed. Output of any other shape reads
 * as unknown, never as running or stopped.
 */
import { describe, expect, it } from 'vitest';
import { serviceStatusFact } from '../../src/modules/service/facts.js';
import { splitStatusBatch } from '../../src/modules/service/status-batch.js';
import type { FactOutput } from '../../src/modules/types.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';

const NAMES = ['sshd', 'ntpd', 'nosuchd', 'cron', 'postfix'];

describe('in the simulator', () => {
  const host = new SimHost('h', freshHostState({ hostname: 'h', address: '192.0.2.10' }));
  const specs = NAMES.map((name) => serviceStatusFact({ name }));
  const sim = (command: string): FactOutput => host.exec(`( ${command}\n) </dev/null`, { stdin: '' });

  it('each service reads as its own onestatus', () => {
    const split = splitStatusBatch(sim(specs[0]!.batch!.command(NAMES)), NAMES);
    expect(specs.map((s, i) => s.parse(split[i]!))).toEqual(specs.map((s) => s.parse(sim(s.command))));
    expect(specs.map((s, i) => s.parse(split[i]!).kind)).toEqual(['running', 'stopped', 'missing', 'running', 'running']);
    expect(split.map((o) => o.code)).toEqual(specs.map((s) => sim(s.command).code));
  });

  it('a service stopped since reads as stopped', () => {
    host.exec('service sshd onestop >/dev/null', { stdin: '' });
    const split = splitStatusBatch(sim(specs[0]!.batch!.command(NAMES)), NAMES);
    expect(specs[0]!.parse(split[0]!)).toEqual({ kind: 'stopped' });
  });
});

describe('output of other shapes reads as unknown for every service', () => {
  const spec = serviceStatusFact({ name: 'sshd' });
  const cases: Array<[string, FactOutput]> = [
    ['a status line missing', { stdout: 'sshd is running as pid 7.\n\n@@jailfleet-status:0\n', stderr: '', code: 0 }],
    ['a status line too many', { stdout: 'a\n@@jailfleet-status:0\nb\n@@jailfleet-status:1\n\n@@jailfleet-status:1\n', stderr: '', code: 0 }],
    ['an empty status', { stdout: 'a\n@@jailfleet-status:\nb\n@@jailfleet-status:0\n', stderr: '', code: 0 }],
    ['not a status', { stdout: 'a\n@@jailfleet-status:x\nb\n@@jailfleet-status:1\n', stderr: '', code: 0 }],
    ['text after the last status', { stdout: 'a\n@@jailfleet-status:0\nb\n@@jailfleet-status:1\nmore', stderr: '', code: 0 }],
    ['the part failed', { stdout: '', stderr: 'sh: fork: Resource temporarily unavailable\n', code: 1 }],
  ];
  for (const [what, out] of cases) {
    it(what, () => {
      const split = splitStatusBatch(out, ['sshd', 'inetd']);
      expect(split).toHaveLength(2);
      for (const o of split) expect(spec.parse(o).kind).toBe('unknown');
    });
  }
});
