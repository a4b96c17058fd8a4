import { describe, expect, it } from 'vitest';
import { liveProgress } from '../../src/report/live-progress.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe('live progress (log-update)', () => {
  it('redraws the display in place, keeps normal output above it, and erases it at the recap', () => {
    let err = '';
    let out = '';
    const live = liveProgress((t) => (err += t), 100);
    const write = live.around((t) => (out += t));
    live.sink.emit({ type: 'play_start', play: 'rollout', hosts: ['a', 'b'] });
    live.sink.emit({ type: 'host_start', play: 'rollout', host: 'a' });
    write('changed: [a] t\n');
    live.sink.emit({ type: 'host_end', play: 'rollout', host: 'a', channels: 2, rounds: 1 });
    expect(out).toBe('changed: [a] t\n');
    expect(plain(err)).toContain('[jailfleet] rollout  hosts 1/2  changed 0  failed 0');
    expect(plain(err)).toContain('slowest: a (0s) connecting');
    const before = err.length;
    // The recap event carries the run id since issue 15 (README "Output").
    live.sink.emit({ type: 'recap', hosts: {}, run_id: '20250102T030405-abcd' });
    // Erasing only: the display is gone and nothing new is drawn.
    expect(plain(err.slice(before))).toBe('');
    expect(err.length).toBeGreaterThan(before);
  });

  it('a terminal that reports 0 columns (a pty with no size: script(1), some CI) draws whole lines, not a character per line', () => {
    let err = '';
    const live = liveProgress((t) => (err += t), 0);
    live.sink.emit({ type: 'play_start', play: 'rollout', hosts: ['a'] });
    expect(plain(err)).toContain('[jailfleet] rollout  hosts 0/1  changed 0  failed 0');
  });
});
