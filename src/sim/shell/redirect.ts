/** Opening redirections: returns the fds a command runs with, or an error message. */
import { SimFsError, type SimFs } from '../fs.js';
import type { Redir } from './ast.js';
import { FileSink, Reader, nullSink, type Fd, type Io } from './io.js';

export interface RedirTargets {
  fs: SimFs;
  root: string;
  cwd: string;
  /** A redirection's word, expanded (no splitting); '' for a here-document. */
  target(redir: Redir): string;
  /** A here-document's body, expanded (or not, when its delimiter was quoted). */
  body(redir: Redir): string;
  /** The shell's umask: a file `>` creates gets 0666 less it (open(2) with 0666, FreeBSD bin/sh/redir.c). */
  umask?: number;
  /** set -C: `>` does not overwrite an existing regular file (sh(1): "-C noclobber ... Do not overwrite existing files with >"). */
  noclobber?: boolean;
}

function openOutput(t: RedirTargets, path: string, append: boolean, io: Io, exclusive = false): Fd | string {
  if (path === '/dev/null') return nullSink;
  if (path === '/dev/stdout') return io.fds[1] ?? nullSink;
  if (path === '/dev/stderr') return io.fds[2] ?? nullSink;
  const host = t.fs.resolve(t.root, t.cwd, path);
  try {
    const node = t.fs.stat(host);
    if (node?.kind === 'dir') return `cannot create ${path}: Is a directory`;
    // set -C: an existing regular file (through a link, too) is refused, and so is a dangling link (O_CREAT|O_EXCL
    // fails on any existing name); what is not a regular file (a device, a fifo) is opened as it is.
    if (exclusive && (node?.kind === 'file' || (!node && t.fs.lstat(host)))) return `cannot create ${path}: File exists`;
    if (!node) t.fs.writeFile(host, '', { mode: 0o666 & ~(t.umask ?? 0o022) });
    else if (!append) t.fs.writeFile(host, '');
    else t.fs.assertWritable(host); // open(2) O_APPEND on a read-only mount: EROFS (vn_writechk)
    return new FileSink(t.fs, host);
  } catch (err) {
    if (err instanceof SimFsError) return `cannot create ${path}: ${err.strerror}`;
    throw err;
  }
}

function openInput(t: RedirTargets, path: string): Fd | string {
  if (path === '/dev/null' || path === '/dev/zero') return new Reader('');
  const host = t.fs.resolve(t.root, t.cwd, path);
  try {
    return new Reader(t.fs.readFile(host));
  } catch (err) {
    if (err instanceof SimFsError) return `cannot open ${path}: ${err.strerror}`;
    throw err;
  }
}

export function applyRedirs(t: RedirTargets, redirs: Redir[], io: Io): Io | string {
  const fds = io.fds.slice();
  const next: Io = { fds };
  for (const r of redirs) {
    const target = t.target(r);
    let fd: Fd | string | undefined;
    switch (r.op) {
      case '<<':
      case '<<-':
        fd = new Reader(t.body(r));
        break;
      case '<':
        fd = openInput(t, target);
        break;
      case '<>':
        fd = openInput(t, target);
        break;
      case '>':
      case '>|':
      case '>>':
        fd = openOutput(t, target, r.op === '>>', next, r.op === '>' && t.noclobber === true);
        break;
      case '<&':
      case '>&': {
        if (target === '-') {
          fds[r.fd] = undefined;
          continue;
        }
        if (!/^[0-9]$/.test(target)) return `${target}: bad file descriptor number`;
        fd = fds[Number(target)];
        if (fd === undefined) return `${target}: Bad file descriptor`;
        break;
      }
    }
    if (typeof fd === 'string') return fd;
    fds[r.fd] = fd;
  }
  return next;
}
