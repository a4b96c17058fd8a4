/** getopt(3) for the simulated commands: "ab:c" spec, stops at the first operand or "--". */
import { getopts } from '../freebsd/getopts.js';

export interface ParsedOpts {
  /** Options in the order given; a flag maps to '' and repeats are all kept. */
  list: Array<[string, string]>;
  rest: string[];
  /** The offending option character when an unknown option or missing argument is seen. */
  bad?: string;
}

export function getopt(args: string[], spec: string): ParsedOpts {
  const parsed = getopts(args, spec);
  const list = parsed.opts.map((o): [string, string] => [o.flag, o.arg ?? '']);
  return parsed.error ? { list, rest: [], bad: parsed.error.flag } : { list, rest: parsed.operands };
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
