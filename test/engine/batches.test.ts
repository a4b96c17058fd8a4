import { describe, expect, it } from 'vitest';
import { splitBatches } from '../../src/engine/batches.js';
import { stopReason } from '../../src/engine/rollout-stop.js';

const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i + 1}`);
const sizes = (n: number, serial?: Array<number | string>) => splitBatches(hosts(n), serial).map((b) => b.length);

describe('serial batches', () => {
  it('cuts numbers, percentages and lists as Ansible does, the last value repeating', () => {
    expect(sizes(20)).toEqual([20]);
    expect(sizes(20, [1, '50%'])).toEqual([1, 10, 9]);
    expect(sizes(20, [1, 5, '25%'])).toEqual([1, 5, 5, 5, 4]);
    expect(sizes(7, [3])).toEqual([3, 3, 1]);
    expect(sizes(3, ['10%'])).toEqual([1, 1, 1]); // rounded down, at least one
    expect(sizes(0, [2])).toEqual([]);
    expect(splitBatches(hosts(4), [1, 2])).toEqual([['h1'], ['h2', 'h3'], ['h4']]);
  });
});

describe('stopping a rollout', () => {
  const r = (failed: number, of: number) => ({ batch: 2, batches: 3, hosts: hosts(of), failed: hosts(failed) });
  it('stops when failures exceed max_fail_percentage (strictly), on any error when fatal, and when a whole serial batch failed', () => {
    const play = { anyErrorsFatal: false, maxFailPercentage: 10, serial: [5] };
    expect(stopReason(play, r(1, 10))).toBeUndefined();
    expect(stopReason(play, r(2, 10))).toBe('max_fail_percentage 10% exceeded: 2 of 10 hosts failed in batch 2/3 (20%: h1, h2)');
    expect(stopReason({ ...play, maxFailPercentage: undefined, anyErrorsFatal: true }, r(1, 10))).toBe('any_errors_fatal: 1 host(s) failed in batch 2/3 (h1)');
    expect(stopReason({ anyErrorsFatal: false, serial: [2] }, r(2, 2))).toBe('every host of batch 2/3 failed (h1, h2)');
    expect(stopReason({ anyErrorsFatal: false }, r(2, 2))).toBeUndefined();
    expect(stopReason(play, r(0, 10))).toBeUndefined();
  });
});
