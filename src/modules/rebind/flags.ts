/**
 * The rc.conf flag values (freebsd.md §6). Other flags the user set are kept:
 * only the binding options are taken out and the wanted ones appended, so
 * inetd's default "-wW -C 60" becomes "-wW -C 60 -a ADDR". Values compare as
 * word lists: "-wW  -C 60" with two spaces already is "-wW -C 60".
 */
export function words(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

/** Drop `-X ARG` / `-XARG` for each option letter with an argument, and the exact flags given. */
function without(ws: string[], withArg: string[], exact: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] ?? '';
    if (exact.includes(w)) continue;
    const opt = withArg.find((o) => w === o || (w.startsWith(o) && w.length > o.length));
    if (opt === undefined) {
      out.push(w);
      continue;
    }
    if (w === opt) i++; // the argument is the next word
  }
  return out;
}

/** syslogd: `-ss` opens no socket; `-b ADDR` binds only the host address. */
export function syslogdFlags(current: string, mode: 'none' | 'bind', address: string): string {
  const kept = without(words(current), ['-b'], ['-s', '-ss']);
  return [...kept, ...(mode === 'none' ? ['-ss'] : ['-b', address])].join(' ');
}

/** inetd: `-a ADDR` replaces any earlier `-a`. */
export function inetdFlags(current: string, address: string): string {
  return [...without(words(current), ['-a'], []), '-a', address].join(' ');
}

export function sameWords(a: string, b: string): boolean {
  return words(a).join(' ') === words(b).join(' ');
}
