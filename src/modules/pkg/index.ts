import type { ModuleDef } from '../types.js';
import { pkgSchema, type PkgArgs } from './args.js';
import { pkgFacts } from './facts.js';
import { planPkg } from './plan.js';

/** Binary packages with pkg(8), on the host or in a jail (`pkg -j`). */
export const pkgModule: ModuleDef<PkgArgs> = {
  name: 'pkg',
  schema: pkgSchema,
  facts: pkgFacts,
  plan: planPkg,
};

export type { PkgArgs };
