/**
 * Starting one jail through rc.d/jail, verified with jls: `service jail
 * start` exits 0 even when jail(8) failed (freebsd.md §2), so the step
 * checks `jls -j NAME` itself and, on failure, puts rc.d/jail's output —
 * which carries jail(8)'s own message — on stderr. Stopping goes by the
 * running jail instead (teardown.ts).
 */
import { quote } from '../../shell/quote.js';
import type { Scope, Step } from '../types.js';

/** rc.subr refuses plain start/stop when jail_enable is off; "one" forces it. */
function verb(action: 'start', enabled: boolean): string {
  return enabled ? action : `one${action}`;
}

/** `changes`: run-scopes.ts (undefined when the jail's conf may reach anything). */
export function startStep(name: string, enabled: boolean, changes: Scope[] | undefined, why = ''): Step {
  const n = quote(name);
  const v = verb('start', enabled);
  return {
    title: `start jail ${name}${why}`,
    command: [
      `jf_out=$(service jail ${v} ${n} 2>&1)`,
      `printf '%s\\n' "$jf_out"`,
      `jls -j ${n} >/dev/null 2>&1 && exit 0`,
      `printf '%s\\n' "$jf_out" >&2`,
      `printf 'jail %s: not running after service jail ${v}\\n' ${n} >&2`,
      'exit 1',
    ].join('\n'),
    changes,
  };
}
