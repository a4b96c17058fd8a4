/** A module registry shaped like the real one, with schemas close to DESIGN.md §3. */
import { z } from 'zod';
import type { ModuleRegistry, ModuleSchemaEntry } from '../../src/playbook/module-registry.js';

const jail = z.string().optional();

const schemas: Record<string, z.ZodType> = {
  command: z.strictObject({ cmd: z.string(), creates: z.string().optional() }),
  copy: z
    .strictObject({
      dest: z.string(),
      content: z.string().optional(),
      src: z.string().optional(),
      mode: z.union([z.string(), z.number()]).optional(),
      owner: z.string().optional(),
      backup: z.boolean().optional(),
    })
    .refine((a) => (a.content === undefined) !== (a.src === undefined), { message: 'copy needs exactly one of content or src' }),
  service: z.strictObject({
    name: z.string(),
    enabled: z.boolean().optional(),
    state: z.enum(['started', 'stopped', 'reloaded', 'restarted']).optional(),
    jail,
  }),
  sysctl: z.strictObject({ name: z.string(), value: z.union([z.string(), z.number()]), persist: z.boolean().default(true) }),
  sysrc: z.strictObject({
    name: z.string(),
    value: z.string().optional(),
    state: z.enum(['present', 'absent', 'value_present', 'value_absent']).default('present'),
    path: z.string().default('/etc/rc.conf'),
    jail,
    delim: z.string().optional(),
  }),
};

export const fakeModules: ModuleRegistry = {
  get(name: string): ModuleSchemaEntry | undefined {
    const schema = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
    return schema ? { name, schema } : undefined;
  },
  names: () => Object.keys(schemas),
};
