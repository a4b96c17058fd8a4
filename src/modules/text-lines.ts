/**
 * Files as lists of lines that keep their "\n" (Python's readlines()), so
 * joining them gives back the exact bytes, missing final newline included.
 */
export function splitLines(content: string): string[] {
  return content.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The line without its terminator, for matching. */
export function bare(line: string): string {
  return line.endsWith('\n') ? line.slice(0, -1) : line;
}

/** Append a line, first ending an unterminated last line (as sysrc and Ansible do). */
export function appendLine(lines: string[], text: string): string[] {
  const out = [...lines];
  const last = out.at(-1);
  if (last !== undefined && !last.endsWith('\n')) out[out.length - 1] = `${last}\n`;
  out.push(`${text}\n`);
  return out;
}
