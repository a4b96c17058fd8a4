/** Thousands of hosts run identical scripts (rc.d, sysrc calls): parse each text once. */
import { ContentLru } from '../cache/content-lru.js';
import type { Program } from './ast.js';
import { parse } from './parser.js';

/** Short texts: rc.d scripts, sysrc, the commands of facts and steps. */
const SHORT = 4 * 1024;
const short = new ContentLru<Program>(256, SHORT);
/**
 * Long texts are the engine's scripts. One run sends the same session script
 * (the same facts, one nonce per controller process) to every host of a
 * fleet, so the few newest are kept; a round's script differs per host
 * (addresses in it), and its common lines are shared through line-cache.ts.
 */
const long = new ContentLru<Program>(8, 256 * 1024);

export function parseCached(src: string): Program {
  return src.length <= SHORT ? short.get(src, parse) : long.get(src, parse);
}
