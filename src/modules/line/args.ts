import { z } from 'zod';
import { absolutePath, boolish, modeArg, principalArg } from '../args.js';

/**
 * Regular expressions are JavaScript RegExps (no flags), tested against each
 * line without its "\n" — Ansible uses Python's `re.search`; the common
 * syntax is the same, lookbehind and named groups are spelled differently.
 */
const regexpArg = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'not a valid JavaScript regular expression');

const lineText = z.string().refine((s) => !s.includes('\n'), 'a line may not contain a newline');

export const lineSchema = z
  .strictObject({
    path: absolutePath,
    regexp: regexpArg.optional(),
    line: lineText.optional(),
    state: z.enum(['present', 'absent']).default('present'),
    create: boolish.default(false),
    /** A regexp, or EOF / BOF. */
    insertafter: z.string().optional(),
    insertbefore: z.string().optional(),
    backup: boolish.default(false),
    mode: modeArg.optional(),
    owner: principalArg.optional(),
    group: principalArg.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.state === 'present' && a.line === undefined) {
      ctx.addIssue({ code: 'custom', path: ['line'], message: 'line is required with state: present' });
    }
    if (a.state === 'absent' && a.line === undefined && a.regexp === undefined) {
      ctx.addIssue({ code: 'custom', path: ['regexp'], message: 'state: absent needs regexp or line' });
    }
    if (a.insertafter !== undefined && a.insertbefore !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['insertbefore'], message: 'insertafter and insertbefore are mutually exclusive' });
    }
    for (const key of ['insertafter', 'insertbefore'] as const) {
      const v = a[key];
      if (v === undefined || v === 'EOF' || v === 'BOF') continue;
      if (!regexpArg.safeParse(v).success) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'not a valid JavaScript regular expression (or EOF/BOF)' });
      }
    }
  });

export type LineArgs = z.output<typeof lineSchema>;
