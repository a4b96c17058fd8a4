/** Thousands of hosts run identical scripts (rc.d, sysrc calls): parse each text once. */
import { ContentLru } from '../cache/content-lru.js';
import type { Program } from './ast.js';
import { parse } from './parser.js';

/**
 * Longer scripts are the engine's, different for every host and run (nonces),
 * so keeping their whole trees only holds memory; their common lines are
 * shared through line-cache.ts instead.
 */
const MAX_CACHED_LENGTH = 4 * 1024;
const cache = new ContentLru<Program>(256, MAX_CACHED_LENGTH);

export function parseCached(src: string): Program {
  return cache.get(src, parse);
}
