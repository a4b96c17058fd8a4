/**
 * Every file fact of a host in one command (issue 17: processes on the
 * target are the cost): shell builtins sort the paths into absent, regular
 * and other, one `ls -ldL` lists every path that exists, one `head` prints
 * every regular file whole. Per path, file-fact.ts's own command runs `ls`
 * and `cat`, two processes per file; here it is two for all of them. The
 * output is split back into what that command prints for each path, so
 * parseFileFact sees the same text and fails the same way.
 *
 * `head -n 2147483647 /dev/null F...` and not `cat F...`: with more than
 * one operand head starts each file that it could open with "==> F <==",
 * after a newline for all but the first (FreeBSD usr.bin/head/head.c:
 * `printf("%s==> %s <==\n", first ? "" : "\n", *argv)` after fopen
 * succeeded; GNU head's write_header alike), and copies lines with
 * fgetln/fwrite, so the bytes and a missing final newline are kept.
 * /dev/null first gives every file a header with its newline. The count is
 * the most FreeBSD's head takes (`strtol` into an int).
 */
import { quote } from '../../shell/quote.js';
import type { FactBatch, FactOutput } from '../types.js';

/** Between a regular file's `ls` line and its content, in a file fact's output. */
export const CONTENT_MARKER = '@@jailfleet-content';
const KINDS = '@@jailfleet-kinds:';
const LS_END = '@@jailfleet-ls:';
const HEAD_LINES = 2147483647;

/**
 * Whether the path can be read in a batch: `ls` prints one line per path
 * and `head` one header line, which a newline in the path would split.
 */
export function batchable(path: string): boolean {
  return !path.includes('\n');
}

/**
 * a/f/e per path (absent, regular, other) on the first line, `ls -ldL` of
 * those that exist and its status, then head's copy of the regular ones.
 * ls colours or quotes names only when told to by these variables (FreeBSD
 * ls(1) CLICOLOR_FORCE, GNU ls QUOTING_STYLE); the names must come out as
 * given, to find each path's line.
 */
export function fileBatchCommand(paths: string[]): string {
  const ps = paths.map(quote);
  return [
    'unset CLICOLOR_FORCE QUOTING_STYLE; jf_k=; set --',
    ...ps.map((p) => `if [ -e ${p} ]; then set -- "$@" ${p}; if [ -f ${p} ]; then jf_k=\${jf_k}f; else jf_k=\${jf_k}e; fi; else jf_k=\${jf_k}a; fi`),
    `printf '%s\\n' "${KINDS}$jf_k"`,
    '[ $# -eq 0 ] || ls -ldL "$@"',
    `printf '%s\\n' "${LS_END}$?"`,
    'jf_r=$jf_k; set -- /dev/null',
    ...ps.map((p) => `case $jf_r in f*) set -- "$@" ${p} ;; esac; jf_r=\${jf_r#?}`),
    `[ $# -eq 1 ] || head -n ${HEAD_LINES} "$@"`,
  ].join('\n');
}

/** The lines of `stderr` that name the path (a tool's "ls: PATH: ..."), else all of it. */
function stderrOf(stderr: string, path: string): string {
  const lines = stderr.split(/(?<=\n)/).filter((l) => l.includes(path));
  return lines.length ? lines.join('') : stderr;
}

/** The `ls -l` line of each path: the one ending in " PATH" (the longest such path: "/a /b" before "/b"). */
function lsLines(text: string, paths: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const longestFirst = [...paths].sort((a, b) => b.length - a.length);
  for (const line of text.split('\n')) {
    const path = longestFirst.find((p) => line.endsWith(` ${p}`));
    if (path !== undefined && !found.has(path)) found.set(path, line);
  }
  return found;
}

const NON_ASCII = /[^\0-\x7f]/;

/** Bytes of the text's characters from `from` up to `bytes`: the offset there, or -1 when the text ends first. */
function offsetAfterBytes(text: string, from: number, bytes: number): number {
  // ASCII (nearly every config file) is one byte a character: only the file's own span is looked at, not the rest of
  // the output, by a regular expression first (the loop below measured three times as slow on a 30 KB file).
  if (from + bytes <= text.length && !NON_ASCII.test(text.slice(from, from + bytes))) return from + bytes;
  const end = Math.min(text.length, from + bytes);
  let i = from;
  while (i < end && text.charCodeAt(i) < 0x80) i++;
  if (i === from + bytes) return i;
  if (i === text.length) return -1;
  let left = bytes - (i - from);
  while (left > 0 && i < text.length) {
    const c = text.codePointAt(i)!;
    // A lone U+DC80..U+DCFF is one byte that is not UTF-8 (the simulator's surrogateescape, sim/bytes.ts).
    left -= c < 0x80 || (c >= 0xdc80 && c <= 0xdcff) ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    i += c >= 0x10000 ? 2 : 1;
  }
  return left === 0 ? i : -1;
}

/**
 * Each regular file's content from head's output: after its header, up to
 * the header of a later file or the end. Where the file is still the size
 * `ls` saw, the content ends exactly there, so a line in it that looks like
 * a later file's header cannot cut it short.
 */
function contents(text: string, files: Array<{ path: string; size: number }>): Map<string, string> {
  const found = new Map<string, string>();
  const first = '==> /dev/null <==\n';
  if (!text.startsWith(first)) return found;
  const headers = files.map((f) => `\n==> ${f.path} <==\n`);
  let pos = first.length;
  for (let k = 0; k < files.length; k++) {
    if (!text.startsWith(headers[k]!, pos)) continue;
    const start = pos + headers[k]!.length;
    const bySize = offsetAfterBytes(text, start, files[k]!.size);
    const end = bySize >= 0 && (bySize === text.length || laterHeaderAt(text, headers, k, bySize)) ? bySize : firstLaterHeader(text, headers, k, start);
    found.set(files[k]!.path, text.slice(start, end));
    pos = end;
  }
  return found;
}

/** Whether a later file's header starts at `at`. */
function laterHeaderAt(text: string, headers: string[], k: number, at: number): boolean {
  for (let j = k + 1; j < headers.length; j++) if (text.startsWith(headers[j]!, at)) return true;
  return false;
}

/** Where the first later file's header after `from` starts, or the text's end. */
function firstLaterHeader(text: string, headers: string[], k: number, from: number): number {
  let end = text.length;
  for (let j = k + 1; j < headers.length; j++) {
    const i = text.indexOf(headers[j]!, from);
    if (i >= 0 && i < end) end = i;
  }
  return end;
}

export function splitFileBatch(out: FactOutput, paths: string[]): FactOutput[] {
  const kinds = out.stdout.startsWith(KINDS) ? out.stdout.slice(KINDS.length, out.stdout.indexOf('\n')) : '';
  const lsStart = KINDS.length + kinds.length + 1;
  const lsEnd = out.stdout.startsWith(LS_END, lsStart) ? lsStart : out.stdout.indexOf(`\n${LS_END}`, lsStart) + 1;
  const statusEnd = out.stdout.indexOf('\n', lsEnd);
  // Not the batch's shape: each fact gets the whole output, which its parser rejects naming the fact.
  if (kinds.length !== paths.length || !/^[afe]*$/.test(kinds) || lsEnd <= 0 || statusEnd < 0) return paths.map(() => out);
  const lsCode = Number(out.stdout.slice(lsEnd + LS_END.length, statusEnd));
  const existing = paths.filter((_, i) => kinds[i] !== 'a');
  const lines = lsLines(out.stdout.slice(lsStart, lsEnd), existing);
  const regular = paths.filter((_, i) => kinds[i] === 'f').map((path) => ({ path, size: Number(lines.get(path)?.trim().split(/\s+/)[4] ?? -1) }));
  const texts = contents(out.stdout.slice(statusEnd + 1), regular);
  return paths.map((path, i): FactOutput => {
    if (kinds[i] === 'a') return { stdout: 'absent\n', stderr: '', code: 0 };
    const line = lines.get(path);
    if (line === undefined) return { stdout: '', stderr: stderrOf(out.stderr, path), code: lsCode || 1 };
    if (kinds[i] === 'e') return { stdout: `${line}\n`, stderr: '', code: 0 };
    const content = texts.get(path);
    const head = `${line}\n${CONTENT_MARKER}\n`;
    if (content === undefined) return { stdout: head, stderr: stderrOf(out.stderr, path), code: out.code || 1 };
    return { stdout: head + content, stderr: '', code: 0 };
  });
}

/** The batch of a file fact on `path`. */
export function fileBatch(path: string): FactBatch | undefined {
  if (!batchable(path)) return undefined;
  return { kind: 'file', member: path, command: fileBatchCommand, split: splitFileBatch };
}
