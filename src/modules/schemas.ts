/**
 * Every module's name and argument schema, and nothing else: what reading
 * and validating a playbook needs (src/playbook/module-registry.ts). The
 * modules' facts and planners stay out of `validate`'s bundle chunk
 * (issue 17: start-up), loaded only by the commands that run tasks
 * (registry.ts). A test keeps both lists the same.
 */
import type { z } from 'zod';
import type { ModuleRegistry, ModuleSchemaEntry } from '../playbook/module-registry.js';
import { assertSchema } from './assert/args.js';
import { commandSchema } from './command/args.js';
import { copySchema } from './copy/args.js';
import { cronSchema } from './cron/args.js';
import { debugSchema } from './debug/args.js';
import { directorySchema } from './directory/args.js';
import { fetchSchema } from './fetch/args.js';
import { fileSchema } from './file/args.js';
import { groupSchema } from './group/args.js';
import { ipAliasSchema } from './ip-alias/args.js';
import { jailSchema } from './jail/args.js';
import { jailSnapshotSchema } from './jail-snapshot/args.js';
import { lineSchema } from './line/args.js';
import { migrateSchema } from './migrate/args.js';
import { mountSchema } from './mount/args.js';
import { pkgSchema } from './pkg/args.js';
import { rebindSchema } from './rebind/args.js';
import { serviceSchema } from './service/args.js';
import { setFactSchema } from './set-fact/args.js';
import { sysctlSchema } from './sysctl/args.js';
import { sysrcSchema } from './sysrc/args.js';
import { templateSchema } from './template/args.js';
import { userSchema } from './user/args.js';
import { zfsSchema } from './zfs/args.js';

const SCHEMAS: ReadonlyArray<[string, z.ZodType]> = [
  ['assert', assertSchema],
  ['command', commandSchema],
  ['copy', copySchema],
  ['cron', cronSchema],
  ['debug', debugSchema],
  ['directory', directorySchema],
  ['fetch', fetchSchema],
  ['file', fileSchema],
  ['group', groupSchema],
  ['ip_alias', ipAliasSchema],
  ['jail', jailSchema],
  ['jail_snapshot', jailSnapshotSchema],
  ['line', lineSchema],
  ['migrate', migrateSchema],
  ['mount', mountSchema],
  ['pkg', pkgSchema],
  ['rebind', rebindSchema],
  ['service', serviceSchema],
  ['set_fact', setFactSchema],
  ['sysctl', sysctlSchema],
  ['sysrc', sysrcSchema],
  ['template', templateSchema],
  ['user', userSchema],
  ['zfs', zfsSchema],
];

const byName = new Map<string, ModuleSchemaEntry>(SCHEMAS.map(([name, schema]) => [name, { name, schema }]));

export const moduleSchemas: ModuleRegistry = {
  get: (name) => byName.get(name),
  names: () => [...byName.keys()],
};
