/**
 * sysrc(8)'s file edits (f_sysrc_set_awk, f_sysrc_delete_awk in sysrc.subr),
 * reproduced on whole file texts. Line matching is the awk regex
 * `^[[:space:]]*NAME=`, so commented-out assignments are never touched.
 */

function assignmentRegex(name: string): RegExp {
  return new RegExp(`^[ \\t\\v\\f\\r]*${name}=`);
}

/** Whether some line of `text` assigns `name` (f_sysrc_find's grep). */
export function fileAssigns(text: string, name: string): boolean {
  const re = assignmentRegex(name);
  return text.split('\n').some((line) => re.test(line));
}

export interface SetResult {
  text: string;
}

/**
 * Replace the value in the last assignment of `name`, keeping the quoting
 * style and anything after the value (a `# comment`). If that assignment's
 * value starts with a backtick, `$` or backslash it is left alone and a new
 * assignment is appended instead, as sysrc does.
 *
 * sysrc rebuilds the file through `$(awk 1 file | tail -r)`, so every line ends
 * in a newline afterwards and leading blank lines are lost; modelled too.
 */
export function setInText(text: string, name: string, value: string): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const re = assignmentRegex(name);
  let appendNew = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const m = re.exec(line);
    if (!m) continue;
    const replaced = replaceValue(line, m[0].length, value);
    if (replaced === undefined) appendNew = true;
    else lines[i] = replaced;
    break;
  }
  while (lines.length && lines[0] === '') lines.shift();
  if (appendNew) lines.push(`${name}="${value}"`);
  return lines.map((l) => `${l}\n`).join('');
}

/** One line with the value after `prefixLen` replaced, or undefined to leave it. */
function replaceValue(line: string, prefixLen: number, value: string): string | undefined {
  const prefix = line.slice(0, prefixLen);
  let rest = line.slice(prefixLen);
  const first = rest.charAt(0);
  let open = first;
  let close = first;
  if (/[`$\\]/.test(first)) return undefined;
  if (first === "'") {
    rest = rest.replace(/^'[^']*/, '');
    if (rest.length === 0) close = '';
    rest = rest.replace(/^'/, '');
  } else if (first === '"') {
    rest = rest.replace(/^"(.*\\+")*[^"]*/, '');
    if (rest.length === 0) close = '';
    rest = rest.replace(/^"/, '');
  } else if (first !== '' && /[^\s;]/.test(first)) {
    open = close = '"';
    rest = rest.replace(/^\S*/, '');
  } else {
    // Null assignment (`name=` then a blank, `;` or end of line) becomes "value".
    open = close = '"';
  }
  return `${prefix}${open}${value}${close}${rest}`;
}

/** Append `name="value"` to a file's text, adding a newline first if it lacks one. */
export function appendAssignment(text: string | undefined, name: string, value: string): string {
  const before = text ?? '';
  const sep = before !== '' && !before.endsWith('\n') ? '\n' : '';
  return `${before}${sep}${name}="${value}"\n`;
}

/** Remove every assignment line of `name`; undefined if there was none. */
export function deleteFromText(text: string, name: string): string | undefined {
  const re = assignmentRegex(name);
  const lines = text.split('\n');
  const trailing = lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  const kept = lines.filter((line) => !re.test(line));
  if (kept.length === lines.length) return undefined;
  // awk prints each kept record with a newline.
  return kept.map((l) => `${l}\n`).join('');
}
