import { z } from 'zod';
import { jailArg } from '../args.js';
import { accountName, idArg } from '../accounts/args.js';

/** Ansible's group module: name, state, gid; plus jail. */
export const groupSchema = z.strictObject({
  name: accountName,
  state: z.enum(['present', 'absent']).default('present'),
  gid: idArg.optional(),
  /** Manage the group inside this running jail (`jexec -l JAIL pw ...`). */
  jail: jailArg.optional(),
});

export type GroupArgs = z.output<typeof groupSchema>;
