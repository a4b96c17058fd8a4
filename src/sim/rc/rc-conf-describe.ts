/**
 * sysrc -d: the comment that documents a variable in the defaults file, as
 * f_sysrc_desc_awk (usr.sbin/sysrc/sysrc.subr @2f19667) extracts it. The first
 * assignment's trailing `# comment` starts the text; following comment-only
 * lines are joined with a space until a line that is not a comment, is a
 * (possibly commented-out) assignment, or is blank.
 */

const SPACE = '[ \\t\\v\\f\\r]';
const ASSIGNMENT = new RegExp(`^${SPACE}*[A-Za-z_][A-Za-z0-9_]*=`);
const COMMENTED_ASSIGNMENT = new RegExp(`^${SPACE}*#[A-Za-z_][A-Za-z0-9_]*=`);
const COMMENT = new RegExp(`^${SPACE}*#`);
const BLANK = new RegExp(`^${SPACE}*$`);
/** `sub(/^[^#]*(#[[:space:]]*)?/, "")`: everything up to the comment text. */
const FIRST_PREFIX = new RegExp(`^[^#]*(?:#${SPACE}*)?`);
/** `sub(/(.*#)*[[:space:]]*\/, "")`: everything up to the last `#`, then blanks. */
const NEXT_PREFIX = new RegExp(`^(?:.*#)?${SPACE}*`);
const TRIM = new RegExp(`^${SPACE}*|${SPACE}*$`, 'g');

/** The description awk prints for `name` in `defaults` ('' when there is none). */
export function describeRcVar(defaults: string, name: string): string {
  const regex = new RegExp(`^${SPACE}*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=`);
  const lines = defaults.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let buffer: string | undefined;
  for (const line of lines) {
    if (buffer === undefined) {
      if (regex.test(line)) buffer = line.replace(FIRST_PREFIX, '');
      continue;
    }
    if (!COMMENT.test(line) || ASSIGNMENT.test(line) || COMMENTED_ASSIGNMENT.test(line) || BLANK.test(line)) break;
    buffer = `${buffer} ${line.replace(NEXT_PREFIX, '')}`;
  }
  return (buffer ?? '').replace(TRIM, '');
}
