/** getopt(3) for the simulated commands: "ab:c" spec, stops at the first operand or "--". */

export interface ParsedOpts {
  /** Options in the order given; a flag maps to '' and repeats are all kept. */
  list: Array<[string, string]>;
  rest: string[];
  /** The offending option character when an unknown option or missing argument is seen. */
  bad?: string;
}

export function getopt(args: string[], spec: string): ParsedOpts {
  const list: Array<[string, string]> = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let k = 1; k < a.length; k++) {
      const ch = a[k]!;
      const at = spec.indexOf(ch);
      if (at < 0 || ch === ':') return { list, rest: args.slice(i + 1), bad: ch };
      if (spec[at + 1] !== ':') {
        list.push([ch, '']);
        continue;
      }
      const value = k + 1 < a.length ? a.slice(k + 1) : args[++i];
      if (value === undefined) return { list, rest: [], bad: ch };
      list.push([ch, value]);
      break;
    }
  }
  return { list, rest: args.slice(i) };
}

export function has(p: ParsedOpts, ch: string): boolean {
  return p.list.some(([c]) => c === ch);
}

/** The last value given for an option. */
export function value(p: ParsedOpts, ch: string): string | undefined {
  let v: string | undefined;
  for (const [c, val] of p.list) if (c === ch) v = val;
  return v;
}
