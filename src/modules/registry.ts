import { copyModule } from './copy/index.js';
import { cronModule } from './cron/index.js';
import { directoryModule } from './directory/index.js';
import { fileModule } from './file/index.js';
import { fetchModule } from './fetch/index.js';
import { groupModule } from './group/index.js';
import { ipAliasModule } from './ip-alias/index.js';
import { jailModule } from './jail/index.js';
import { jailSnapshotModule } from './jail-snapshot/index.js';
import { migrateModule } from './migrate/index.js';
import { mountModule } from './mount/index.js';
import { commandModule } from './command/index.js';
import { lineModule } from './line/index.js';
import { pkgModule } from './pkg/index.js';
import { rebindModule } from './rebind/index.js';
import { serviceModule } from './service/index.js';
import { sysctlModule } from './sysctl/index.js';
import { sysrcModule } from './sysrc/index.js';
import { templateModule } from './template/index.js';
import { zfsModule } from './zfs/index.js';
import { userModule } from './user/index.js';
import type { ModuleDef } from './types.js';
import { assertModule } from './assert/index.js';
import { debugModule } from './debug/index.js';
import { setFactModule } from './set-fact/index.js';

/* Each module has its own argument type; the engine validates with the module's schema first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = ModuleDef<any>;

const all: AnyModule[] = [sysrcModule, lineModule, copyModule, directoryModule, sysctlModule, serviceModule, jailModule, ipAliasModule, rebindModule, pkgModule, commandModule, migrateModule, templateModule, fileModule, fetchModule, mountModule, zfsModule, userModule, groupModule, cronModule, jailSnapshotModule];

/** Controller-side modules (Ansible's debug, assert, set_fact): no fact, no step. */
const controller: AnyModule[] = [debugModule, assertModule, setFactModule];

export const modules: Map<string, AnyModule> = new Map([...all, ...controller].map((m) => [m.name, m]));

export interface ModuleRegistry {
  get(name: string): AnyModule | undefined;
  names(): string[];
}

export const moduleRegistry: ModuleRegistry = {
  get: (name) => modules.get(name),
  names: () => [...modules.keys()],
};
