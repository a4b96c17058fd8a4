import { describe, expect, it } from 'vitest';
import { SimTransport } from '../../src/sim/transport.js';
import type { Connector } from '../../src/engine/run.js';
import type { ExecResult } from '../../src/transport/transport.js';
import { runEngine, simHost, tapTransport } from './engine-harness.js';

// A connection lost in the middle of an apply marks the host unreachable and
// says which step it had reached; edits are atomic, so every file the host
// has is either old or new.
const play = {
  name: 'three files',
  hosts: 'all',
  tasks: [1, 2, 3].map((n) => ({ name: `file ${n}`, copy: { dest: `/root/f${n}`, content: `content ${n}\n` } })),
};

describe('a connection dropped mid-apply', () => {
  it('reports the host unreachable at the step it reached, others unaffected', async () => {
    // Measure the output of an undisturbed run on an identical fresh host
    // (nonces have a fixed length, so the byte counts carry over).
    const reference = simHost('ref');
    const outputs: ExecResult[] = [];
    const recording: Connector = { connect: async () => tapTransport(new SimTransport(reference), () => undefined, (r) => outputs.push(r)) };
    await runEngine([play], ['ref'], recording);
    // One exec: the facts, the ready marker, then the apply's frames.
    expect(outputs).toHaveLength(1);
    const [session] = outputs as [ExecResult];
    // Cut inside the frame of the second step of the apply.
    const secondStep = session.stdout.indexOf(':b:1\n', session.stdout.indexOf(':ready:0\n'));
    expect(secondStep).toBeGreaterThan(0);
    const budget = secondStep + 5;

    const cut = simHost('cut', 1);
    const fine = simHost('fine', 2);
    const hosts = new Map([['cut', cut], ['fine', fine]]);
    const connector: Connector = {
      connect: async (h) => new SimTransport(hosts.get(h.name)!, { faults: h.name === 'cut' ? { dropAfterBytes: budget } : {} }),
    };
    const { summary, events } = await runEngine([play], ['cut', 'fine'], connector);
    const lost = events.find((e) => e.type === 'host_unreachable');
    expect(lost).toMatchObject({ host: 'cut' });
    expect((lost as { message: string }).message).toMatch(/^cut: unreachable \(dropped\): connection (lost after \d+ bytes|closed) \(during step 2\/3 "write \/root\/f2"\)$/);
    expect(summary.hosts.cut).toMatchObject({ unreachable: 1 });
    expect(summary.hosts.fine).toMatchObject({ changed: 3, failed: 0, unreachable: 0 });
    // The host ran the script to its end (only the controller lost sight):
    // every file is whole, and no temp file is left.
    for (const n of [1, 2, 3]) expect(cut.fs.readFile(`/root/f${n}`)).toBe(`content ${n}\n`);
    expect(cut.fs.readdir('/root').filter((f) => f.startsWith('.jailfleet'))).toEqual([]);
  });
});
