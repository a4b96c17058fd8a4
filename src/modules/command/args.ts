import { posix } from 'node:path';
import { z } from 'zod';
import { absolutePath, boolish, jailArg, normalizePath } from '../args.js';

const shellText = z
  .string()
  .refine((s) => s.trim() !== '', 'expected a non-empty shell command')
  .refine((s) => !s.includes('\0'), 'a command may not contain NUL');

const pathArg = z
  .string()
  .min(1)
  .refine((p) => !/[\0\n]/.test(p), 'a path may not contain NUL or newline');

export const commandSchema = z
  .strictObject({
    /**
     * Shell text the user wrote, run as `/bin/sh -c CMD`: pipes, redirections
     * and variables work, and it is NOT quoted by jailfleet (it is the
     * program, not a value). Use `argv` to run a program with values that
     * must reach it unchanged.
     */
    cmd: shellText.optional(),
    /** Program and arguments; every word is quoted. */
    argv: z.array(z.string().refine((s) => !s.includes('\0'), 'a word may not contain NUL')).min(1).optional(),
    /** Skip when this path exists (relative paths are under chdir). */
    creates: pathArg.optional(),
    /** Skip unless this path exists. */
    removes: pathArg.optional(),
    /**
     * Skip when this shell command exits 0. It runs in the fact-gathering
     * exec, before any change of the play, so it must only read.
     */
    unless: shellText.optional(),
    /** Run only when this shell command exits 0 (same read-only contract as unless). */
    onlyif: shellText.optional(),
    chdir: absolutePath.optional(),
    /**
     * Run inside this running jail (`jexec -l JAIL`, a clean login
     * environment); creates/removes/unless/onlyif are then read through
     * jexec too, so paths and chdir are the jail's.
     */
    jail: jailArg.optional(),
    /**
     * Only true/false: the command's output is unknown when the plan is made
     * (plans are computed before anything runs), so an expression on stdout
     * cannot be evaluated. false reports the task as ok even when it ran.
     */
    changed_when: boolish.default(true),
  })
  .superRefine((a, ctx) => {
    if ((a.cmd === undefined) === (a.argv === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['cmd'], message: 'give exactly one of cmd or argv' });
    }
    for (const key of ['creates', 'removes'] as const) {
      const p = a[key];
      if (p !== undefined && !p.startsWith('/') && a.chdir === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a relative path needs chdir' });
      }
    }
  });

export type CommandArgs = z.output<typeof commandSchema>;

/** creates/removes as absolute paths, so equal paths share one fact. */
export function guardPath(args: CommandArgs, p: string): string {
  return normalizePath(posix.resolve(args.chdir ?? '/', p));
}
