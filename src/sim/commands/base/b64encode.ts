/**
 * b64encode(1), FreeBSD 14's bintrans (usr.bin/bintrans/uuencode.c
 * main_encode and do_base64_encode): `b64encode [-r] [-w column]
 * [-o output_file] [file] name`. Framed output is `begin-base64 MODE NAME`,
 * the data wrapped at 76 columns (a last partial line ends with a newline),
 * then `====`; `-r` leaves the two framing lines out. MODE is the file's
 * permission bits in octal, or 0666 less the umask (022 here) for stdin.
 */
import { bytesOfText } from '../../bytes.js';
import { SimFsError } from '../../fs.js';
import type { SimCommand } from '../../types.js';
import { fail, fsError, getopt, hostPath, isResult } from './util.js';

const USAGE = 'usage: uuencode [-m] [-o outfile] [infile] remotefile\n       b64encode [-o outfile] [infile] remotefile';

/** arg_to_col: a non-negative decimal, else err(2, ...). */
function columnsOf(w: string): number | string {
  if (!/^[0-9]+$/.test(w)) return /^-[0-9]+$/.test(w) ? 'b64encode: columns argument must be non-negative: Invalid argument\n' : 'b64encode: Invalid argument\n';
  return Number(w);
}

function wrap(data: string, columns: number): string {
  if (data === '') return columns === 0 ? '\n' : '';
  if (columns === 0) return `${data}\n`;
  let out = '';
  for (let i = 0; i < data.length; i += columns) out += `${data.slice(i, i + columns)}\n`;
  return out;
}

export const b64encode: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'mo:rw:', USAGE);
  if (isResult(p)) return p;
  const w = p.opts.get('w');
  const columns = typeof w === 'string' ? columnsOf(w) : 76;
  if (typeof columns === 'string') return fail(columns, 2);
  if (p.args.length < 1 || p.args.length > 2) return fail(`${USAGE}\n`);
  let text = ctx.stdin;
  let mode = 0o644;
  if (p.args.length === 2) {
    const file = p.args[0]!;
    try {
      const path = hostPath(ctx, file);
      text = ctx.host.fs.readFile(path);
      mode = (ctx.host.fs.stat(path)?.mode ?? 0o644) & 0o777;
    } catch (err) {
      return fail(fsError('b64encode', file, err));
    }
  }
  const name = p.args[p.args.length - 1]!;
  const body = wrap(bytesOfText(text).toString('base64'), columns);
  const raw = p.opts.has('r');
  const stdout = raw ? body : `begin-base64 ${mode.toString(8)} ${name}\n${body}====\n`;
  const outfile = p.opts.get('o');
  if (typeof outfile !== 'string') return { stdout, stderr: '', code: 0 };
  try {
    ctx.host.fs.writeFile(hostPath(ctx, outfile), stdout);
  } catch (err) {
    if (!(err instanceof SimFsError)) throw err;
    return fail(`b64encode: unable to open ${outfile} for output: ${err.strerror}\n`);
  }
  return { stdout: '', stderr: '', code: 0 };
};
