/**
 * rc.conf evaluation is a chain: defaults, then each rc_conf_files entry, then
 * the service's rc.conf.d files, each sourced on top of the variables so far.
 * Every step's result is cached on the step before it, keyed by the exact text
 * sourced, so thousands of hosts with the same /etc/defaults/rc.conf share one
 * evaluated map, and a host re-reading an unchanged /etc/rc.conf costs a
 * lookup. Any edit to a file is a different text, hence a different key: a
 * cached result can never be stale. The maps are shared, so never mutated;
 * each step is a layer over the one before (rc-vars-layer.ts), not a copy.
 */
import { ContentLru } from '../../content-lru.js';
import { sourceRcText, type RcVars } from './rc-conf-parse.js';
import { RcVarsLayer } from './rc-vars-layer.js';

/** Variables before anything is sourced. */
export const NO_RC_VARS: RcVars = new Map<string, string>();

/** Per base map: the texts sourced on top of it, most recent first out. */
const next = new WeakMap<RcVars, ContentLru<RcVars>>();
/** Enough for the rc.conf versions of every host busy at once (forks) and then some. */
const VERSIONS_PER_BASE = 64;

/** `base` with `text` sourced on top. */
export function sourcedOnto(base: RcVars, text: string): RcVars {
  let versions = next.get(base);
  if (!versions) {
    versions = new ContentLru<RcVars>(VERSIONS_PER_BASE);
    next.set(base, versions);
  }
  return versions.get(text, (t) => {
    const vars = new RcVarsLayer(base);
    sourceRcText(t, vars);
    return vars;
  });
}
