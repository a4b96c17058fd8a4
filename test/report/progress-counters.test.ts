import { describe, expect, it } from 'vitest';
import { ProgressState, summaryLine } from '../../src/report/progress.js';
import { plainProgress } from '../../src/report/plain-progress.js';
import type { RunEvent } from '../../src/report/events.js';

// Issue 15: the progress counters count what the recap counts — an
// unreachable host is unreachable, not failed — and count the current play
// only (they used to add up across plays).
const task = (play: string, host: string, status: 'ok' | 'changed' | 'failed', ignored = false): RunEvent => ({
  type: 'task', play, host, task: 't', module: 'copy', status, message: '', ...(ignored ? { ignored } : {}),
});

describe('progress counters', () => {
  it('an unreachable host is counted as unreachable, not failed', () => {
    const p = new ProgressState(() => 0);
    p.update({ type: 'play_start', play: 'one', hosts: ['a', 'b', 'c'] });
    p.update({ type: 'host_unreachable', play: 'one', host: 'a', message: 'refused' });
    p.update({ type: 'host_end', play: 'one', host: 'a', channels: 0, rounds: 0 });
    p.update(task('one', 'b', 'failed'));
    p.update(task('one', 'b', 'failed', true));
    p.update(task('one', 'c', 'changed'));
    expect(summaryLine(p.view())).toBe('[jailfleet] one  hosts 1/3  changed 1  failed 1  unreachable 1');
  });

  it('starts from zero at each play', () => {
    const p = new ProgressState(() => 0);
    p.update({ type: 'play_start', play: 'one', hosts: ['a', 'b'] });
    p.update(task('one', 'a', 'changed'));
    p.update(task('one', 'b', 'failed'));
    p.update({ type: 'host_unreachable', play: 'one', host: 'c', message: 'refused' });
    p.update({ type: 'host_not_run', play: 'one', host: 'd', reason: 'x' });
    expect(summaryLine(p.view())).toBe('[jailfleet] one  hosts 1/2  changed 1  failed 1  unreachable 1  not run 1');
    p.update({ type: 'play_end', play: 'one' });
    p.update({ type: 'play_start', play: 'two', hosts: ['a'] });
    expect(summaryLine(p.view())).toBe('[jailfleet] two  hosts 0/1  changed 0  failed 0');
    p.update(task('two', 'a', 'changed'));
    expect(summaryLine(p.view())).toBe('[jailfleet] two  hosts 0/1  changed 1  failed 0');
  });

  it('hosts of a play that never started (a stopped rollout) do not count in the last one', () => {
    const p = new ProgressState(() => 0);
    p.update({ type: 'play_start', play: 'one', hosts: ['a'] });
    p.update({ type: 'host_end', play: 'one', host: 'a', channels: 1, rounds: 1 });
    p.update({ type: 'host_not_run', play: 'two', host: 'a', reason: 'rollout stopped: x' });
    expect(summaryLine(p.view())).toBe('[jailfleet] one  hosts 1/1  changed 0  failed 0');
  });

  it('plain lines: per play, unreachable apart', () => {
    const lines: string[] = [];
    const sink = plainProgress((t) => lines.push(t), () => new Date('2025-01-02T03:04:05.000Z'));
    const run: RunEvent[] = [
      { type: 'play_start', play: 'one', hosts: ['a', 'b'] },
      { type: 'host_start', play: 'one', host: 'a' },
      { type: 'host_unreachable', play: 'one', host: 'a', message: 'refused' },
      { type: 'host_end', play: 'one', host: 'a', channels: 0, rounds: 0 },
      { type: 'host_start', play: 'one', host: 'b' },
      task('one', 'b', 'changed'),
      { type: 'host_end', play: 'one', host: 'b', channels: 1, rounds: 1 },
      { type: 'play_end', play: 'one' },
      { type: 'play_start', play: 'two', hosts: ['b'] },
      { type: 'host_start', play: 'two', host: 'b' },
      task('two', 'b', 'ok'),
      { type: 'host_end', play: 'two', host: 'b', channels: 2, rounds: 1 },
    ];
    for (const e of run) sink.emit(e);
    expect(lines).toEqual([
      '2025-01-02T03:04:05.000Z a done; [jailfleet] one  hosts 1/2  changed 0  failed 0  unreachable 1\n',
      '2025-01-02T03:04:05.000Z b done; [jailfleet] one  hosts 2/2  changed 1  failed 0  unreachable 1\n',
      '2025-01-02T03:04:05.000Z b done; [jailfleet] two  hosts 1/1  changed 0  failed 0\n',
    ]);
  });
});
