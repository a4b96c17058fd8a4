/**
 * Ansible's module names accepted for their jailfleet twins, so a task
 * copied from an Ansible playbook reads as written. A registry module of
 * the same name always wins over an alias (a real `file` module, once
 * there is one, replaces the alias below).
 */
import type { ModuleRegistry, ModuleSchemaEntry } from './module-registry.js';
import { nearestName } from './nearest-name.js';

export interface ModuleAlias {
  module: string;
  /** Turns Ansible's arguments into the twin's; a string says why they cannot be. */
  args?: (args: Record<string, unknown>) => Record<string, unknown> | string;
}

export const MODULE_ALIASES: Readonly<Record<string, ModuleAlias>> = {
  lineinfile: { module: 'line' },
  'ansible.builtin.lineinfile': { module: 'line' },
  'ansible.builtin.copy': { module: 'copy' },
  'ansible.builtin.template': { module: 'template' },
  'ansible.builtin.command': { module: 'command' },
  shell: { module: 'command' },
  'ansible.builtin.shell': { module: 'command' },
  'ansible.builtin.service': { module: 'service' },
  'community.general.sysrc': { module: 'sysrc' },
  'ansible.builtin.sysctl': { module: 'sysctl' },
  'ansible.posix.sysctl': { module: 'sysctl' },
  pkgng: { module: 'pkg' },
  'community.general.pkgng': { module: 'pkg' },
  'ansible.builtin.user': { module: 'user' },
  'ansible.builtin.group': { module: 'group' },
  'ansible.builtin.cron': { module: 'cron' },
  file: { module: 'directory', args: fileAsDirectory },
  'ansible.builtin.file': { module: 'directory', args: fileAsDirectory },
};

/**
 * Ansible's `file` with `state: directory` is the directory module; its
 * other states (file, link, hard, touch, absent) have no twin yet.
 * `dest` and `name` are Ansible's aliases of `path`.
 */
function fileAsDirectory(args: Record<string, unknown>): Record<string, unknown> | string {
  const { state, dest, name, ...rest } = args;
  if (state !== 'directory') {
    return `only state: directory is supported (as the directory module), got ${state === undefined ? 'no state (Ansible\'s default is file)' : `state: ${JSON.stringify(state)}`}`;
  }
  const path = rest.path ?? dest ?? name;
  return { ...rest, ...(path !== undefined ? { path } : {}), state: 'present' };
}

export interface FoundModule {
  entry: ModuleSchemaEntry;
  alias?: ModuleAlias;
}

/** The module a task key names: a registry module, else an alias of one. */
export function lookupModule(modules: ModuleRegistry, key: string): FoundModule | undefined {
  const entry = modules.get(key);
  if (entry) return { entry };
  const alias = Object.hasOwn(MODULE_ALIASES, key) ? MODULE_ALIASES[key] : undefined;
  const target = alias ? modules.get(alias.module) : undefined;
  return target && alias ? { entry: target, alias } : undefined;
}

/** Collection prefixes compared away, so `ansible.builtin.lineinfle` is near `lineinfile`, not near other long names. */
const PREFIX = /^(ansible\.(builtin|posix)|community\.general)\./;

/** `(did you mean "line"?)`, or the known modules when nothing is near. */
export function unknownModuleHint(modules: ModuleRegistry, key: string): string {
  const names = modules.names();
  const candidates = new Map<string, string>(names.map((n) => [n, n]));
  for (const [alias, { module }] of Object.entries(MODULE_ALIASES)) {
    const short = alias.replace(PREFIX, '');
    if (modules.get(module) && !candidates.has(short)) candidates.set(short, module);
  }
  const near = nearestName(key.replace(PREFIX, ''), [...candidates.keys()]);
  if (near !== undefined) return `(did you mean "${candidates.get(near)!}"?)`;
  return `(known: ${names.join(', ')})`;
}
