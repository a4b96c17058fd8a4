import { z } from 'zod';
import { absolutePath, boolish, jailArg } from '../args.js';
import { accountName, fieldText, groupRef, idArg } from '../accounts/args.js';

/** Ansible takes a list or a comma-separated string; "" (or []) means no secondary group. */
const groupList = z.union([
  z.array(groupRef),
  z
    .string()
    .transform((v) => v.split(',').map((g) => g.trim()).filter(Boolean))
    .pipe(z.array(z.union([accountName, z.string().regex(/^\d+$/, 'expected a group name or gid')]))),
]);

/** Ansible's user module, with pw(8) behind it. */
export const userSchema = z
  .strictObject({
    name: accountName,
    state: z.enum(['present', 'absent']).default('present'),
    uid: idArg.optional(),
    /** The primary group, by name or gid. */
    group: groupRef.optional(),
    /** Secondary groups: exactly these, or with `append: true` these added to the current ones. */
    groups: groupList.optional(),
    append: boolish.default(false),
    comment: fieldText('comment').optional(),
    home: absolutePath.refine((p) => !p.includes(':'), 'a home may not contain ":"').optional(),
    shell: absolutePath.refine((p) => !p.includes(':'), 'a shell may not contain ":"').optional(),
    /** Make the home directory when the user is added (pw -m), from /usr/share/skel. */
    create_home: boolish.optional(),
    createhome: boolish.optional(),
    /** An already encrypted password (crypt(3), e.g. "$6$..."), as Ansible's; never printed. */
    password: fieldText('password').refine((p) => p !== '', 'expected an encrypted password').optional(),
    update_password: z.enum(['always', 'on_create']).default('always'),
    /** With state: absent, also remove the home directory (pw userdel -r). */
    remove: boolish.default(false),
    /** Manage the user inside this running jail (`jexec -l JAIL pw ...`). */
    jail: jailArg.optional(),
  })
  .transform(({ createhome, create_home, ...rest }) => ({ ...rest, create_home: create_home ?? createhome ?? true }));

export type UserArgs = z.output<typeof userSchema>;
