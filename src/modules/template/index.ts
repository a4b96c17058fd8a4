import { copyFacts } from '../copy/facts.js';
import type { ModuleDef } from '../types.js';
import { templateSchema, type TemplateArgs } from './args.js';
import { planTemplate } from './plan.js';

/** A file rendered on the controller from a template (Ansible's template), written as copy writes. */
export const templateModule: ModuleDef<TemplateArgs> = {
  name: 'template',
  schema: templateSchema,
  facts: (args) => copyFacts({ dest: args.dest, content: '', backup: false, remote_src: false, force: true }),
  plan: planTemplate,
};

export type { TemplateArgs };
