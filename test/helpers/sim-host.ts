/**
 * The one way the suite builds a fresh simulated host (issue 19): FreeBSD
 * 14 as `freshHostState` seeds it, named `name`, with its hostname and
 * address as given (the hostname defaults to the name).
 */
import { SimHost, type SimHostOptions } from '../../src/sim/host.js';
import { freshHostState, type FreshHostOptions } from '../../src/sim/seed.js';

export function simHost(name: string, seed: Omit<FreshHostOptions, 'hostname'> & { hostname?: string }, options: SimHostOptions = {}): SimHost {
  return new SimHost(name, freshHostState({ hostname: name, ...seed }), options);
}

/** FreeBSD's 14.2-RELEASE base.txz on the simulated mirror (fetch(1) of a release archive, src/sim). */
export const RELEASE_BASE = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz';

/** Shell lines that fetch base.txz once and extract it into each root (made first), as a jail's root tree is built. */
export function releaseInto(...roots: string[]): string[] {
  return [`fetch -q -o /tmp/base.txz ${RELEASE_BASE}`, `mkdir -p ${roots.join(' ')}`, ...roots.map((r) => `tar -xf /tmp/base.txz -C ${r} --unlink`)];
}
