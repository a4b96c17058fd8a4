/**
 * Argument types shared by the modules. Playbook values arrive from YAML, so
 * booleans and modes come in more than one spelling.
 */
import { posix } from 'node:path';
import { z } from 'zod';

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/** true/false, or the strings yes/no/true/false/on/off/1/0 (any case). */
export const boolish = z.union([z.boolean(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  const word = v.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  ctx.addIssue({ code: 'custom', message: `expected a boolean (true/false/yes/no), got "${v}"` });
  return z.NEVER;
});

/**
 * An octal file mode. Strings "0644"/"644"/"0o644" are octal. A YAML number
 * is read by its decimal digits as octal digits: users write `mode: 644` or
 * `mode: 0644` meaning 0o644, and the YAML 1.2 parser hands us 644 for both.
 * Symbolic modes (u=rw,go=r) are not accepted: they would make the planned
 * result depend on the current mode in ways check mode could not show.
 */
export const modeArg = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const digits = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 ? String(v) : '') : v.trim().replace(/^0o/i, '');
  if (!/^[0-7]{1,4}$/.test(digits)) {
    ctx.addIssue({ code: 'custom', message: `expected an octal mode like "0644", got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return parseInt(digits, 8);
});

/** A user or group name (or numeric id). No ':' — it would split `chown o:g`. */
export const principalArg = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^[^\s:]+$/, 'expected a user or group name without spaces or ":"'));

/**
 * An absolute path, normalised (no "//", ".", "..", trailing "/") so that
 * tasks spelling the same path differently share one fact key.
 */
export const absolutePath = z
  .string()
  .refine((p) => p.startsWith('/'), 'expected an absolute path')
  .refine((p) => !/[\0\n]/.test(p), 'a path may not contain NUL or newline')
  .transform(normalizePath);

export function normalizePath(p: string): string {
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** A jail name or JID, passed to `-j`. A leading '-' would read as an option. */
export const jailArg = z.string().regex(/^[^-\s][^\s]*$/, 'expected a jail name or JID');

/** 0o644 -> "0644", the spelling chmod and diffs use. */
export function formatMode(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}
