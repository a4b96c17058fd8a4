import type { z } from 'zod';

/** What the playbook layer needs to know about a module: its name and argument schema. */
export interface ModuleSchemaEntry {
  name: string;
  schema: z.ZodType;
}

/**
 * The modules engineer's registry matches this shape; the playbook layer
 * depends only on it, never on src/modules.
 */
export interface ModuleRegistry {
  get(name: string): ModuleSchemaEntry | undefined;
  names(): string[];
}
