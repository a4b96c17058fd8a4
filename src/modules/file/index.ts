import type { ModuleDef } from '../types.js';
import { fileSchema, type FileArgs } from './args.js';
import { fileModuleFacts } from './facts.js';
import { planFileModule } from './plan.js';

/** Ansible's `file`: a file's attributes, a directory, a symbolic or hard link, an empty file (touch), or nothing. */
export const fileModule: ModuleDef<FileArgs> = {
  name: 'file',
  schema: fileSchema,
  facts: fileModuleFacts,
  plan: planFileModule,
};

export type { FileArgs };
