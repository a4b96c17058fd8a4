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
