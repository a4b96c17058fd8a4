/**
 * rcorder(8) (/sbin/rcorder; sbin/rcorder/rcorder.c and rcorder.8,
 * freebsd/freebsd-src @51f5475): prints the file operands in dependency
 * order (rcorder-order.ts). -k keeps only files with one of the keywords,
 * -s drops files with any of them, -p prints files of one sequence on one
 * line. getopt(3) complains about a bad option and rcorder goes on
 * (main's `default: break`). A file that cannot be opened is warned about
 * and left out without changing the exit status; one that is not a regular
 * file is left out silently. Missing providers and loops are warned about
 * and make the exit status 1, and the order is printed all the same.
 */
import { SimFsError } from '../../fs.js';
import type { SimCommand, SimCommandContext } from '../../types.js';
import { hostPath, optionError } from '../base/util.js';
import { getoptAll } from './getopts.js';
import { rcorderOrder, type RcorderInput } from './rcorder-order.js';

interface Options {
  keep: string[];
  skip: string[];
  parallel: boolean;
  graph: boolean;
  operands: string[];
  warnings: string[];
}

/** getopt(argc, argv, "dgk:ps:") as rcorder's main uses it: errors are printed, never fatal. */
function parseOptions(args: string[]): Options {
  const parsed = getoptAll(args, 'dgk:ps:');
  const o: Options = { keep: [], skip: [], parallel: false, graph: false, operands: parsed.operands, warnings: [] };
  let next = 0;
  const complain = (upTo: number) => {
    for (; next < parsed.errors.length && parsed.errors[next]!.at <= upTo; next++) {
      o.warnings.push(optionError('rcorder', parsed.errors[next]!));
    }
  };
  parsed.opts.forEach(({ flag, arg }, i) => {
    complain(i);
    if (flag === 'k') o.keep.push(arg!);
    else if (flag === 's') o.skip.push(arg!);
    else if (flag === 'p') o.parallel = true;
    else if (flag === 'g') o.graph = true;
    else o.warnings.push('rcorder: debugging not compiled in, -d ignored\n');
  });
  complain(Infinity);
  return o;
}

/** crunch_file's fopen and fstat: the text of a regular file, or undefined. */
function readOperand(ctx: SimCommandContext, name: string, warnings: string[]): string | undefined {
  try {
    const path = hostPath(ctx, name);
    const node = ctx.host.fs.stat(path);
    if (!node) throw new SimFsError('ENOENT', name);
    return node.kind === 'file' ? ctx.host.fs.readFile(path) : undefined;
  } catch (err) {
    if (!(err instanceof SimFsError)) throw err;
    warnings.push(`rcorder: could not open ${name}: ${err.strerror}\n`);
    return undefined;
  }
}

export const rcorder: SimCommand = (ctx) => {
  const o = parseOptions(ctx.argv.slice(1));
  if (o.graph) return { stdout: '', stderr: 'rcorder: -g (graphviz output) is not simulated by jailfleet\n', code: 1 };
  const warnings = [...o.warnings];
  const input: RcorderInput = {
    files: o.operands.map((name) => ({ name, text: readOperand(ctx, name, warnings) })),
    keep: o.keep,
    skip: o.skip,
    parallel: o.parallel,
  };
  const r = rcorderOrder(input);
  return { stdout: r.stdout, stderr: [...warnings, ...r.warnings].join(''), code: r.code };
};
