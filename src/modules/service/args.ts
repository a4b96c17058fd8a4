import { z } from 'zod';
import { boolish, jailArg } from '../args.js';
import { rcVarName } from '../sysrc/args.js';

export const serviceSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'expected an rc.d script name'),
    /** NAME_enable=YES|NO in the (jail's) /etc/rc.conf. */
    enabled: boolish.optional(),
    /**
     * started/stopped act only when needed. reloaded/restarted always act —
     * they are meant for handlers, as in Ansible; reloading a stopped
     * service starts it (rc.subr's reload would fail with "not running?").
     */
    state: z.enum(['started', 'stopped', 'reloaded', 'restarted']).optional(),
    jail: jailArg.optional(),
    /** Override the enable variable when it is not NAME_enable. */
    rcvar: rcVarName.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.enabled === undefined && a.state === undefined) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'give state, enabled, or both' });
    }
  });

export type ServiceArgs = z.output<typeof serviceSchema>;
