/**
 * Argument types of the user and group modules. Names are held to a
 * portable subset of what pw_checkname (usr.sbin/pw/pw_user.c) accepts,
 * so a name is never taken for an option or split by a list.
 */
import { z } from 'zod';

/** A login or group name: a letter or "_" first, then letters, digits, "_", ".", "-"; at most 32 (MAXLOGNAME - 1); a final "$" allowed (samba). */
export const accountName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$/, 'expected a name of letters, digits, "_", "." or "-" (a letter or "_" first, at most 32)')
  .refine((n) => n.replace(/\$$/, '').length <= 32, 'expected at most 32 characters');

/** A uid or gid: a YAML number or a string of digits. */
export const idArg = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a number')])
  .transform(Number)
  .pipe(z.number().max(4294967294, 'expected an id below 4294967295'));

/** A group by name or gid, as pw's -g takes it. */
export const groupRef = z.union([accountName, idArg.transform(String)]);

/** One line of master.passwd holds it: no ":" and no newline. */
export const fieldText = (what: string) =>
  z.string().refine((s) => !/[:\n\r\0]/.test(s), `${what} may not contain ":", a newline or NUL`);
