/** Parameter-name rules from usr.sbin/jail/config.c (equalopts, wild_jail_*). */

/** "opt" equals "noopt", also in the last dotted component ("allow.mount" vs "allow.nomount"). */
export function equalOpts(a: string, b: string): boolean {
  return positiveName(a) === positiveName(b);
}

/** The name without a "no" prefix on its last component: "allow.nomount" → "allow.mount". */
export function positiveName(name: string): string {
  const dot = name.lastIndexOf('.');
  const head = name.slice(0, dot + 1);
  const last = name.slice(dot + 1);
  return last.startsWith('no') ? head + last.slice(2) : name;
}

export function isNegated(name: string): boolean {
  return positiveName(name) !== name;
}

/** A "*" component makes a block a wildcard ("*", "*.example", "web.*"). */
export function isWildName(name: string): boolean {
  return name.split('.').includes('*');
}

/** A non-final "*" matches one component, a final "*" one or more. */
export function wildMatch(jail: string, wild: string): boolean {
  const jc = jail.split('.');
  const wc = wild.split('.');
  for (let k = 0; k < wc.length; k++) {
    const w = wc[k]!;
    const last = k === wc.length - 1;
    if (last && w === '*') return jc.length > k;
    if (k >= jc.length) return false;
    if (w !== '*' && w !== jc[k]) return false;
  }
  return jc.length === wc.length;
}
