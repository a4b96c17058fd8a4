import { z } from 'zod';

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a variable name (letters, digits and _)');

/**
 * Ansible's set_fact: variable names and their values. `cacheable` is
 * accepted and has no effect: jailfleet keeps no fact cache between runs.
 */
export const setFactSchema = z
  .record(z.string(), z.unknown())
  .transform(({ cacheable: _cacheable, ...vars }) => vars)
  .pipe(z.record(name, z.unknown()).refine((v) => Object.keys(v).length > 0, { message: 'expected at least one variable to set' }));

export type SetFactArgs = z.output<typeof setFactSchema>;
