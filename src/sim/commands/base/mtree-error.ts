/**
 * mtree_err() (contrib/mtree/misc.c): warnx("mtree: ...") then, once a spec
 * line has been read, "failed at line N of the specification", exit 1.
 */
export class MtreeError extends Error {}

/** The stderr text mtree_err() writes for `err` after `lineno` spec lines. */
export function mtreeErrText(err: MtreeError, lineno: number): string {
  const tail = lineno ? `mtree: failed at line ${lineno} of the specification\n` : '';
  return `mtree: ${err.message}\n${tail}`;
}
