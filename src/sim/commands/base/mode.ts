/** File modes: parsing chmod's octal and symbolic forms, printing ls's mode string. */
import type { SimNode } from '../../types.js';

/** New mode for `spec` applied to `mode`; undefined when the spec is invalid. */
export function applyMode(spec: string, mode: number, isDir: boolean, umask = 0): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let result = mode;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] || 'a';
    const noWho = m[1] === '';
    let mask = 0;
    if (who.includes('a')) mask = 0o7777;
    if (who.includes('u')) mask |= 0o4700;
    if (who.includes('g')) mask |= 0o2070;
    if (who.includes('o')) mask |= 0o1007;
    for (const action of m[2]!.match(/[-+=][rwxXstugo]*/g) ?? []) {
      const op = action[0]!;
      let bits = 0;
      for (const p of action.slice(1)) {
        if (p === 'r') bits |= 0o444;
        else if (p === 'w') bits |= 0o222;
        else if (p === 'x') bits |= 0o111;
        else if (p === 'X') bits |= isDir || (result & 0o111) !== 0 ? 0o111 : 0;
        else if (p === 's') bits |= 0o6000;
        else if (p === 't') bits |= 0o1000;
        else {
          const shift = p === 'u' ? 6 : p === 'g' ? 3 : 0;
          const v = (result >> shift) & 7;
          bits |= (v << 6) | (v << 3) | v;
        }
      }
      let applied = bits & mask;
      if (noWho) applied &= ~umask;
      if (op === '+') result |= applied;
      else if (op === '-') result &= ~applied;
      else result = (result & ~mask) | applied;
    }
  }
  return result & 0o7777;
}

/** "drwxr-xr-x" as strmode(3) prints it. */
export function modeString(node: SimNode): string {
  const type = node.kind === 'dir' ? 'd' : node.kind === 'link' ? 'l' : '-';
  const m = node.mode;
  const rwx = (shift: number, special: number, on: string, off: string): string => {
    const v = (m >> shift) & 7;
    const x = v & 1 ? ((m & special) !== 0 ? on : 'x') : (m & special) !== 0 ? off : '-';
    return (v & 4 ? 'r' : '-') + (v & 2 ? 'w' : '-') + x;
  };
  return type + rwx(6, 0o4000, 's', 'S') + rwx(3, 0o2000, 's', 'S') + rwx(0, 0o1000, 't', 'T');
}
