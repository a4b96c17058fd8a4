/**
 * Fact specs that every host and task naming the same path or variable
 * builds again (command text, quoting, batch closures): a spec is a pure
 * value of its key (types.ts FactSpec: tasks asking for one key share one
 * read), so one is kept per key and handed to every asker, frozen. Bounded
 * (content-lru.ts): a long reconcile loop over changing playbooks does not
 * grow it for ever.
 */
import { ContentLru } from '../../content-lru.js';
import type { FactSpec } from '../types.js';

const specs = new ContentLru<FactSpec>(2048);

/** The spec under `key`, made by `make` (which must build exactly that key) the first time. */
export function memoSpec<T>(key: string, make: () => FactSpec<T>): FactSpec<T> {
  return specs.get(key, () => Object.freeze(make())) as FactSpec<T>;
}
