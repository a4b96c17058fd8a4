import { z } from 'zod';
import { expandTemplate, pyRegex } from '../../playbook/py-regex.js';
import { absolutePath, boolish, modeArg, principalArg } from '../args.js';
import { validateArg } from '../file-edit/validate-command.js';

/**
 * Regular expressions are Python's, as Ansible's `re.search` takes them,
 * run by JavaScript's RegExp through py-regex.ts: `(?P<name>...)`,
 * `(?P=name)`, `\A`, `\Z` and Python's `$` are translated; verbose mode,
 * possessive quantifiers and atomic groups are refused. JavaScript-only
 * syntax (`(?<name>...)`, `\k<name>`) is accepted too. Each line is tested
 * without its "\n" (Ansible tests it with the "\n", which only a pattern
 * naming the newline itself can tell apart).
 */
export const regexpArg = z.string().refine((s) => {
  try {
    pyRegex('regexp', s);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const lineText = z.string().refine((s) => !s.includes('\n'), 'a line may not contain a newline');

export const lineSchema = z
  .strictObject({
    path: absolutePath,
    regexp: regexpArg.optional(),
    /** A literal text: a line containing it matches (Ansible 2.11's search_string). */
    search_string: z.string().optional(),
    line: lineText.optional(),
    state: z.enum(['present', 'absent']).default('present'),
    create: boolish.default(false),
    /** insertafter: a regexp, or EOF / BOF; insertbefore: a regexp, or BOF. */
    insertafter: z.string().optional(),
    insertbefore: z.string().optional(),
    /** With insertafter/insertbefore (and regexp, search_string): the first matching line, not the last. */
    firstmatch: boolish.default(false),
    /** `line` is a Python replacement template for the regexp's match (\1, \g<name>); no match, no change. */
    backrefs: boolish.default(false),
    /** A command with %s, run on the new file before it replaces the old one (file-edit/validate-command.ts). */
    validate: validateArg.optional(),
    backup: boolish.default(false),
    mode: modeArg.optional(),
    owner: principalArg.optional(),
    group: principalArg.optional(),
  })
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (a.state === 'present' && a.line === undefined) issue('line', 'line is required with state: present');
    if (a.state === 'absent' && a.line === undefined && a.regexp === undefined && a.search_string === undefined) {
      issue('regexp', 'state: absent needs regexp, search_string or line');
    }
    if (a.insertafter !== undefined && a.insertbefore !== undefined) issue('insertbefore', 'insertafter and insertbefore are mutually exclusive');
    if (a.regexp !== undefined && a.search_string !== undefined) issue('search_string', 'regexp and search_string are mutually exclusive');
    if (a.backrefs && a.search_string !== undefined) issue('backrefs', 'backrefs and search_string are mutually exclusive');
    if (a.backrefs && a.state === 'present' && a.regexp === undefined) issue('backrefs', 'regexp is required with backrefs: true');
    if (a.backrefs && a.regexp !== undefined && a.line !== undefined && regexpArg.safeParse(a.regexp).success) {
      const problem = templateProblem(a.regexp, a.line);
      if (problem) issue('line', problem);
    }
    for (const key of ['insertafter', 'insertbefore'] as const) {
      const v = a[key];
      if (v === undefined || isPlace(key, v)) continue;
      if (!regexpArg.safeParse(v).success) issue(key, `not a valid regular expression (or ${key === 'insertafter' ? 'EOF/BOF' : 'BOF'})`);
    }
  });

/**
 * A group the template names that the regexp does not have, or a bad
 * escape: found before anything runs by expanding the template against a
 * match in which no group took part (the pattern or the empty string).
 */
function templateProblem(regexp: string, line: string): string | undefined {
  const re = pyRegex('regexp', regexp);
  const none = new RegExp(`(?:${re.source})|`, re.flags).exec('');
  try {
    if (none) expandTemplate('backrefs', line, none);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * The words that are places, not patterns: Ansible takes EOF and BOF for
 * insertafter but only BOF for insertbefore (`insertbefore: EOF` is the
 * regexp "EOF" there).
 */
export function isPlace(key: 'insertafter' | 'insertbefore', v: string): boolean {
  return v === 'BOF' || (key === 'insertafter' && v === 'EOF');
}

export type LineArgs = z.output<typeof lineSchema>;
