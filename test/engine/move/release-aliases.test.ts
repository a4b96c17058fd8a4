/**
 * A host must not hold a moved jail's address once that jail is down
 * (engine/move/release-aliases.ts): an alias left behind is removed —
 * jail(8) adds `ip4.addr = "em0|ADDR"` as an alias when it creates the jail
 * and removes it only when it removes the jail (jail(8) ip4.addr, freebsd.md
 * §11), so a jail that died by itself leaves it — but never an interface's
 * own (first) address, nor an address a running jail holds.
 */
import { describe, expect, it } from 'vitest';
import { releaseAliases } from '../../../src/engine/move/release-aliases.js';
import { SimHost } from '../../../src/sim/host.js';
import { freshHostState } from '../../../src/sim/seed.js';
import { SimTransport } from '../../../src/sim/transport.js';

const host = (): SimHost => new SimHost('h', freshHostState({ hostname: 'h', address: '192.0.2.10' }));
const addrs = (sim: SimHost): string => sim.run("ifconfig em0 | grep 'inet '").stdout;

describe('releaseAliases', () => {
  it('removes an alias of a jail that does not run', async () => {
    const sim = host();
    sim.run('ifconfig em0 inet 192.0.2.111/32 alias');
    expect(await releaseAliases(new SimTransport(sim), 'www', ['192.0.2.111'])).toEqual([]);
    expect(addrs(sim)).not.toContain('192.0.2.111');
  });

  it('keeps an address a running jail holds, whichever jail it is', async () => {
    const sim = host();
    expect(sim.run("mkdir -p /j && jail -c name=other path=/j persist ip4.addr='em0|192.0.2.111/32'").code).toBe(0);
    expect(await releaseAliases(new SimTransport(sim), 'www', ['192.0.2.111'])).toEqual(['192.0.2.111']);
    expect(addrs(sim)).toContain('inet 192.0.2.111 ');
  });

  it("keeps the interface's own address, and reports it as held", async () => {
    const sim = host();
    expect(await releaseAliases(new SimTransport(sim), 'www', ['192.0.2.10'])).toEqual(['192.0.2.10']);
    expect(addrs(sim)).toContain('inet 192.0.2.10 ');
  });

  it('leaves nothing to do when the host holds none of the addresses', async () => {
    const sim = host();
    const before = addrs(sim);
    expect(await releaseAliases(new SimTransport(sim), 'www', ['192.0.2.111'])).toEqual([]);
    expect(addrs(sim)).toBe(before);
  });
});
