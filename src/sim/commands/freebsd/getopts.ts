/**
 * POSIX getopts over argv: grouped flags (`-nq`), attached or separate option
 * arguments (`-ffile`, `-f file`), `--` ends options, the first operand stops
 * option parsing (as sh's getopts does).
 */
export interface ParsedOpts {
  opts: Array<{ flag: string; arg?: string }>;
  operands: string[];
  /** First bad flag, or flag missing its argument. */
  error?: { flag: string; kind: 'illegal' | 'missing' };
}

export interface GetoptError {
  flag: string;
  kind: 'illegal' | 'missing';
}

/**
 * getopt(3) as a loop that goes on past a bad flag (the caller's `default:`
 * case ignores it, as rcorder's main does): every error, and every option.
 */
export function getoptAll(args: string[], spec: string): { opts: ParsedOpts['opts']; operands: string[]; errors: Array<GetoptError & { at: number }> } {
  const opts: ParsedOpts['opts'] = [];
  const errors: Array<GetoptError & { at: number }> = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      const at = spec.indexOf(flag);
      if (at < 0 || flag === ':') {
        errors.push({ flag, kind: 'illegal', at: opts.length });
        continue;
      }
      if (spec[at + 1] !== ':') {
        opts.push({ flag });
        continue;
      }
      const attached = arg.slice(j + 1);
      const value = attached || args[++i];
      if (value === undefined) errors.push({ flag, kind: 'missing', at: opts.length });
      else opts.push({ flag, arg: value });
      break;
    }
  }
  return { opts, operands: args.slice(i), errors };
}

/** getopts stops at the first error: the options before it, no operands. */
export function getopts(args: string[], spec: string): ParsedOpts {
  const all = getoptAll(args, spec);
  const first = all.errors[0];
  if (!first) return { opts: all.opts, operands: all.operands };
  return { opts: all.opts.slice(0, first.at), operands: [], error: { flag: first.flag, kind: first.kind } };
}
