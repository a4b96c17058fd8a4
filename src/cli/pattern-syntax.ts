/**
 * What the pattern matcher (inventory/pattern.ts) would silently read as
 * "no host": an operator with nothing after it (`web:&`), an unclosed
 * glob class (`fb[1`), Ansible's subscripts (`web[0:2]`, split at its
 * colon) and regexes (`~web\d`), which jailfleet does not have.
 */

/** Why the pattern is malformed, or undefined when the matcher can read it. */
export function patternSyntaxProblem(pattern: string): string | undefined {
  const elements = pattern.split(/[,:]/).map((s) => s.trim());
  if (elements.every((e) => e === '')) return 'empty pattern';
  const named = elements.filter((e) => e !== '');
  for (const written of named) {
    if (written === '&' || written === '!') return `"${written}" needs a host or group after it`;
    const problem = elementProblem(written);
    // The element is named only when it is not the whole pattern, which the caller names.
    if (problem) return named.length > 1 ? `"${written}": ${problem}` : problem;
  }
  return undefined;
}

/** One element, never a bare "&" or "!" (the caller names those). */
function elementProblem(written: string): string | undefined {
  const op = written.charAt(0);
  const text = op === '&' || op === '!' ? written.slice(1).trim() : written;
  if (/^[&!]/.test(text)) return 'one "&" or "!" per element';
  if (text.startsWith('~')) return 'regular-expression patterns (~) are not supported; use a glob (web*)';
  const open = text.indexOf('[');
  const close = text.indexOf(']');
  if (close !== -1 && (open === -1 || close < open)) return '"]" without "["';
  if (open !== -1 && text.indexOf(']', open + 2) === -1) {
    return 'unclosed "[" (a glob class like web[12]; subscripts like web[0:2] are not supported)';
  }
  return undefined;
}
