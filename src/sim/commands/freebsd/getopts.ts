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

export function getopts(args: string[], spec: string): ParsedOpts {
  const opts: ParsedOpts['opts'] = [];
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
      if (at < 0 || flag === ':') return { opts, operands: [], error: { flag, kind: 'illegal' } };
      if (spec[at + 1] !== ':') {
        opts.push({ flag });
        continue;
      }
      const attached = arg.slice(j + 1);
      if (attached) {
        opts.push({ flag, arg: attached });
      } else {
        const next = args[++i];
        if (next === undefined) return { opts, operands: [], error: { flag, kind: 'missing' } };
        opts.push({ flag, arg: next });
      }
      break;
    }
  }
  return { opts, operands: args.slice(i) };
}
