/** Shared by the base utilities: results, getopt, paths as the command sees them. */
import { SimFsError } from '../../fs.js';
import type { RunOptions, SimCommandContext, SimNode, SimResult } from '../../types.js';
import { getopts, type GetoptError } from '../freebsd/getopts.js';

export const ok = (stdout = ''): SimResult => ({ stdout, stderr: '', code: 0 });
export const fail = (stderr: string, code = 1, stdout = ''): SimResult => ({ stdout, stderr, code });

/**
 * The stdin a command hands to the child it runs (lockf, env, jexec): fd 0
 * itself, as exec(2) would, so an open stdin stays open and unread until the
 * child reads it. Contexts made outside the interpreter have only the text.
 */
export function inheritStdin(ctx: SimCommandContext): Pick<RunOptions, 'input' | 'stdin'> {
  return ctx.input ? { input: ctx.input } : { stdin: ctx.stdin };
}

export interface Parsed {
  /** Each option letter to its argument (or true); repeated options keep the last. */
  opts: Map<string, string | true>;
  /** The option letters in the order given (where the last of several wins, as du's -g/-h/-k/-m). */
  order: string[];
  args: string[];
}

/**
 * getopt(3): `spec` lists option letters, a letter followed by ':' takes an
 * argument. Returns the FreeBSD "illegal option" error with the usage line.
 */
export function getopt(argv: string[], spec: string, usage: string, usageCode = 1): Parsed | SimResult {
  const name = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
  const parsed = getopts(argv.slice(1), spec);
  if (parsed.error) return fail(`${optionError(name, parsed.error)}${usage}\n`, usageCode);
  const opts = new Map<string, string | true>();
  for (const o of parsed.opts) opts.set(o.flag, o.arg ?? true);
  return { opts, order: parsed.opts.map((o) => o.flag), args: parsed.operands };
}

/** getopt(3)'s own message for a bad option: `NAME: illegal option -- X` or `... option requires an argument -- X`. */
export function optionError(name: string, error: GetoptError): string {
  return `${name}: ${error.kind === 'illegal' ? 'illegal option' : 'option requires an argument'} -- ${error.flag}\n`;
}

export function isResult(x: Parsed | SimResult): x is SimResult {
  return 'code' in x;
}

/** Host path of a path argument, as seen from the command's root and cwd. */
export function hostPath(ctx: SimCommandContext, path: string): string {
  return ctx.host.fs.resolve(ctx.root, ctx.cwd, path);
}

export function statOf(ctx: SimCommandContext, path: string): SimNode | undefined {
  try {
    return ctx.host.fs.stat(hostPath(ctx, path));
  } catch (err) {
    if (err instanceof SimFsError) return undefined;
    throw err;
  }
}

export function lstatOf(ctx: SimCommandContext, path: string): SimNode | undefined {
  return ctx.host.fs.lstat(hostPath(ctx, path));
}

/** "cmd: path: strerror" for a filesystem error; rethrows anything else. */
export function fsError(cmd: string, path: string, err: unknown): string {
  if (err instanceof SimFsError) return `${cmd}: ${path}: ${err.strerror}\n`;
  throw err;
}

/** Read a file argument ('-' is stdin). */
export function readInput(ctx: SimCommandContext, cmd: string, path: string): { text: string } | { error: string } {
  if (path === '-' || path === '/dev/stdin') return { text: ctx.stdin };
  if (path === '/dev/null') return { text: '' };
  try {
    return { text: ctx.host.fs.readFile(hostPath(ctx, path)) };
  } catch (err) {
    return { error: fsError(cmd, path, err) };
  }
}

/** Lines of a text without the final newline's empty element. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function joinLines(lines: string[]): string {
  return lines.length ? `${lines.join('\n')}\n` : '';
}
