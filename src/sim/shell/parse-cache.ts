/** Thousands of hosts run identical fact scripts: parse each text once. */
import type { Program } from './ast.js';
import { parse } from './parser.js';

const MAX_ENTRIES = 256;
/** Huge one-off scripts (file contents in here-documents) are not worth keeping. */
const MAX_CACHED_LENGTH = 256 * 1024;
const cache = new Map<string, Program>();

export function parseCached(src: string): Program {
  const hit = cache.get(src);
  if (hit) {
    cache.delete(src);
    cache.set(src, hit);
    return hit;
  }
  const program = parse(src);
  if (src.length <= MAX_CACHED_LENGTH) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(src, program);
  }
  return program;
}
