/** Thousands of hosts run identical scripts (rc.d, sysrc calls): parse each text once. */
import { ContentLru } from '../../content-lru.js';
import { RecentTexts } from '../../shell/recent-texts.js';
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
 * Each host's copy is a new string: compared, not hashed (recent-texts.ts).
 */
const long = new RecentTexts<Program>(8);
/** Past this, a text is parsed afresh each time (a comparison would be as long as the text). */
const LONG = 256 * 1024;

export function parseCached(src: string): Program {
  if (src.length <= SHORT) return short.get(src, parse);
  return src.length <= LONG ? long.get(src, parse) : parse(src);
}
