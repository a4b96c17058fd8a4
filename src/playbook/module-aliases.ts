/**
 * Ansible's module names accepted for their jailfleet twins, so a task
 * copied from an Ansible playbook reads as written. A registry module of
 * the same name always wins over an alias.
 */
import type { ModuleRegistry, ModuleSchemaEntry } from './module-registry.js';
import { nearestName } from './nearest-name.js';

export interface ModuleAlias {
  module: string;
  /** Turns Ansible's arguments into the twin's; a string says why they cannot be. */
  args?: (args: Record<string, unknown>) => Record<string, unknown> | string;
}

/**
 * Ansible's other spellings of an argument (its argument_spec `aliases`),
 * renamed to the twin's; giving two spellings of one argument is refused.
 */
function renameArgs(names: Readonly<Record<string, string>>): (args: Record<string, unknown>) => Record<string, unknown> | string {
  return (args) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) {
      const to = Object.hasOwn(names, k) ? names[k]! : k;
      if (Object.hasOwn(out, to)) return `${k} and ${to} are the same argument; give one`;
      out[to] = v;
    }
    return out;
  };
}

/** lineinfile.py: path aliases dest, destfile, name; regexp alias regex; line alias value. */
const lineinfileArgs = renameArgs({ dest: 'path', destfile: 'path', name: 'path', regex: 'regexp', value: 'line' });
/** ansible.posix.sysctl: name alias key, value alias val. */
const sysctlArgs = renameArgs({ key: 'name', val: 'value' });

export const MODULE_ALIASES: Readonly<Record<string, ModuleAlias>> = {
  lineinfile: { module: 'line', args: lineinfileArgs },
  'ansible.builtin.lineinfile': { module: 'line', args: lineinfileArgs },
  'ansible.builtin.copy': { module: 'copy' },
  'ansible.builtin.template': { module: 'template' },
  'ansible.builtin.command': { module: 'command' },
  shell: { module: 'command' },
  'ansible.builtin.shell': { module: 'command' },
  'ansible.builtin.service': { module: 'service' },
  'community.general.sysrc': { module: 'sysrc' },
  'ansible.builtin.sysctl': { module: 'sysctl', args: sysctlArgs },
  'ansible.posix.sysctl': { module: 'sysctl', args: sysctlArgs },
  pkgng: { module: 'pkg' },
  'community.general.pkgng': { module: 'pkg' },
  'ansible.builtin.file': { module: 'file' },
  'ansible.builtin.fetch': { module: 'fetch' },
  'ansible.posix.mount': { module: 'mount' },
  'community.general.zfs': { module: 'zfs' },
  'ansible.builtin.debug': { module: 'debug' },
  'ansible.builtin.assert': { module: 'assert' },
  'ansible.builtin.set_fact': { module: 'set_fact' },
  'ansible.builtin.user': { module: 'user' },
  'ansible.builtin.group': { module: 'group' },
  'ansible.builtin.cron': { module: 'cron' },
};

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
