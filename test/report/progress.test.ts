import { describe, expect, it } from 'vitest';
import { ProgressState, slowestLine, summaryLine } from '../../src/report/progress.js';
import { plainProgress } from '../../src/report/plain-progress.js';
import { formatRecap } from '../../src/report/recap.js';
import { emptyStats } from '../../src/report/events.js';

describe('progress', () => {
  it('tracks batch, hosts done, changed, failed and the slowest running host with what it does', () => {
    let now = 0;
    const p = new ProgressState(() => now);
    p.update({ type: 'play_start', play: 'rollout', hosts: ['a', 'b', 'c', 'd'] });
    p.update({ type: 'batch_start', play: 'rollout', batch: 2, batches: 3, hosts: ['a', 'b'] });
    p.update({ type: 'host_start', play: 'rollout', host: 'a' });
    now = 2000;
    p.update({ type: 'host_start', play: 'rollout', host: 'b' });
    p.update({ type: 'host_phase', play: 'rollout', host: 'a', phase: 'apply', task: 'install config' });
    p.update({ type: 'task', play: 'rollout', host: 'b', task: 't', module: 'copy', status: 'changed', message: '' });
    p.update({ type: 'host_end', play: 'rollout', host: 'b', channels: 2, rounds: 1 });
    p.update({ type: 'host_not_run', play: 'rollout', host: 'd', reason: 'x' });
    now = 12_500;
    const v = p.view();
    expect(summaryLine(v)).toBe('[jailfleet] rollout  batch 2/3  hosts 2/4  changed 1  failed 0  not run 1');
    expect(slowestLine(v)).toBe('  slowest: a (12s) applying "install config"');
  });

  it('shows a move in progress as what its host is doing: bytes, total, rate and time left', () => {
    let now = 0;
    const p = new ProgressState(() => now);
    p.update({ type: 'play_start', play: 'consolidate', hosts: ['new1'] });
    p.update({ type: 'host_start', play: 'consolidate', host: 'new1' });
    p.update({ type: 'transfer_progress', play: 'consolidate', host: 'new1', task: 'www from old1', bytes: 12_300_000, total_bytes: 45_600_000, rate_bps: 10_200_000, eta_s: 3.2 });
    now = 5000;
    expect(slowestLine(p.view())).toBe('  slowest: new1 (5s) "www from old1": 12.3 MB of 45.6 MB, 10.2 MB/s, 4 s left');
  });

  it('plain mode writes timestamped lines for batches, hosts done and a stopped rollout', () => {
    const lines: string[] = [];
    const sink = plainProgress((t) => lines.push(t), () => new Date('2025-01-02T03:04:05.000Z'));
    sink.emit({ type: 'play_start', play: 'p', hosts: ['a', 'b'] });
    sink.emit({ type: 'batch_start', play: 'p', batch: 1, batches: 2, hosts: ['a'] });
    sink.emit({ type: 'host_start', play: 'p', host: 'a' });
    sink.emit({ type: 'host_end', play: 'p', host: 'a', channels: 1, rounds: 1 });
    sink.emit({ type: 'rollout_stopped', play: 'p', batch: 1, batches: 2, reason: 'why', notRun: ['b'] });
    expect(lines).toEqual([
      '2025-01-02T03:04:05.000Z batch 1/2 of "p": 1 host(s)\n',
      '2025-01-02T03:04:05.000Z a done; [jailfleet] p  batch 1/2  hosts 1/2  changed 0  failed 0\n',
      '2025-01-02T03:04:05.000Z rollout stopped: why; 1 host(s) not run\n',
    ]);
  });

  it('the recap has a not_run column', () => {
    expect(formatRecap({ web1: { ...emptyStats(), notRun: 1 } })).toBe(
      'PLAY RECAP ' + '*'.repeat(60) + '\nweb1                : ok=0      changed=0     unreachable=0     failed=0     skipped=0    not_run=1\n',
    );
  });
});
