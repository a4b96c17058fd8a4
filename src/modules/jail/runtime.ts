/**
 * Starting one jail through rc.d/jail, verified with jls: `service jail
 * start` exits 0 even when jail(8) failed (freebsd.md §2), so the step
 * checks `jls -j NAME` itself and, on failure, puts rc.d/jail's output —
 * which carries jail(8)'s own message — on stderr. Stopping goes by the
 * running jail instead (teardown.ts).
 */
import { quote } from '../../shell/quote.js';
import type { Scope, Step } from '../types.js';
import { unmountBelowLines } from './unmount-below.js';

/** rc.subr refuses plain start/stop when jail_enable is off; "one" forces it. */
function verb(action: 'start', enabled: boolean): string {
  return enabled ? action : `one${action}`;
}

/**
 * What jail(8) set up for a jail before its /etc/rc ran: the aliases of its
 * `iface|addr` entries and the mounts below its root. A jail without
 * `persist` whose rc left no process goes right after (jail(8) "persist";
 * `service jail start` still exits 0) and nothing removes those: the failed
 * start does, for what was not there before it (a repair never leaves a host
 * worse than it found it).
 */
export interface StartLeftovers {
  root: string;
  /** Without `iface` (a jail this module did not configure: jail_snapshot), the undo looks for the address on every interface. */
  aliases: ReadonlyArray<{ iface?: string; addr: string }>;
  /** A vnet jail's epair host end, made by its exec.prestart (conf-render.ts) and destroyed only by its exec.poststop. */
  epair?: string;
}

/** `changes`: run-scopes.ts (undefined when the jail's conf may reach anything). */
export function startStep(name: string, enabled: boolean, changes: Scope[] | undefined, why = '', leftovers?: StartLeftovers): Step {
  const n = quote(name);
  const v = verb('start', enabled);
  const ifaces = [...new Set(leftovers?.aliases.flatMap((a) => (a.iface === undefined ? [] : [a.iface])) ?? [])];
  return {
    title: `start jail ${name}${why}`,
    command: [
      ...(leftovers ? beforeLines(leftovers, ifaces) : []),
      `jf_out=$(service jail ${v} ${n} 2>&1)`,
      `printf '%s\\n' "$jf_out"`,
      `jls -j ${n} >/dev/null 2>&1 && exit 0`,
      `printf '%s\\n' "$jf_out" >&2`,
      `printf 'jail %s: not running after service jail ${v}\\n' ${n} >&2`,
      ...(leftovers ? undoLines(name, leftovers, ifaces) : []),
      'exit 1',
    ].join('\n'),
    changes,
  };
}

/** What the host had before the start: its mount table, the interfaces' addresses, whether the epair was there. */
function beforeLines(l: StartLeftovers, ifaces: string[]): string[] {
  return [
    'jf_m0=$(mount)',
    ...ifaces.map((f, i) => `jf_i${i}=$(ifconfig ${quote(f)} 2>/dev/null)`),
    ...(l.aliases.some((a) => a.iface === undefined) ? ['jf_ia=$(ifconfig -a 2>/dev/null)'] : []),
    ...(l.epair ? [`jf_e0=; ! ifconfig ${quote(l.epair)} >/dev/null 2>&1 || jf_e0=1`] : []),
  ];
}

/**
 * Aliases not on their interface before the start, a vnet jail's epair
 * made by it (destroying one end destroys both, epair(4)), then mounts below
 * the root not in the mount table before it, deepest first.
 */
function undoLines(name: string, l: StartLeftovers, ifaces: string[]): string[] {
  const aliases = l.aliases.map((a) => {
    const held = `*"inet "${quote(a.addr)}" "*`;
    const off = (f: string) => `case $(ifconfig ${f} 2>/dev/null) in ${held}) ifconfig ${f} inet ${quote(a.addr)} -alias ;; esac`;
    if (a.iface === undefined) return `case $jf_ia in ${held}) ;; *) for jf_f in $(ifconfig -l); do ${off('"$jf_f"')}; done ;; esac`;
    return `case $jf_i${ifaces.indexOf(a.iface)} in ${held}) ;; *) ${off(quote(a.iface))} ;; esac`;
  });
  const epair = l.epair ? [`[ -n "$jf_e0" ] || ! ifconfig ${quote(l.epair)} >/dev/null 2>&1 || ifconfig ${quote(l.epair)} destroy`] : [];
  // A line of the mount table before the start stays mounted (the whole line, newlines around it, matched literally).
  const before = '  case "\n$jf_m0\n" in *"\n$jf_l\n"*) continue ;; esac';
  return [
    ...aliases,
    ...epair,
    ...unmountBelowLines(l.root, [before], false),
    `printf 'jail %s: what jail(8) set up for it is undone (a jail without persist goes when its /etc/rc leaves no process running)\\n' ${quote(name)} >&2`,
  ];
}
