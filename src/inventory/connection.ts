/**
 * How to reach a host, from its variables. Both jailfleet's ssh_* names and
 * Ansible's ansible_* names are accepted so existing inventories work; when a
 * host has both spellings with different values we refuse rather than guess
 * which one the user meant.
 */
import { InputError, type SourcePos } from '../errors.js';
import type { Connection, InventoryHost } from './types.js';

export function connectionOf(host: InventoryHost): Connection {
  const read = (names: string[]): Found | undefined => pick(host, names);
  const transport = oneOf(read(['transport']), ['ssh', 'sim'] as const) ?? 'ssh';
  const conn: Connection = {
    transport,
    address: text(read(['ssh_host', 'ansible_host'])) ?? host.name,
    hostKeyChecking: oneOf(read(['ssh_host_key_checking', 'ansible_host_key_checking']), ['strict', 'accept-new'] as const) ?? 'strict',
  };
  const port = portOf(read(['ssh_port', 'ansible_port']));
  if (port !== undefined) conn.port = port;
  const user = text(read(['ssh_user', 'ansible_user']));
  if (user !== undefined) conn.user = user;
  const key = text(read(['ssh_key', 'ansible_ssh_private_key_file']));
  if (key !== undefined) conn.key = key;
  const knownHosts = text(read(['ssh_known_hosts']));
  if (knownHosts !== undefined) conn.knownHosts = knownHosts;
  const become = becomeOf(read(['become']));
  if (become !== undefined) conn.become = become;
  return conn;
}

interface Found {
  name: string;
  value: unknown;
  pos: SourcePos;
}

function pick(host: InventoryHost, names: string[]): Found | undefined {
  const found = names
    .filter((n) => Object.hasOwn(host.vars, n) && host.vars[n] !== null && host.vars[n] !== undefined)
    .map((n) => ({ name: n, value: host.vars[n], pos: host.varPos?.[n] ?? host.pos }));
  const [first, second] = found;
  if (first && second && JSON.stringify(first.value) !== JSON.stringify(second.value)) {
    throw new InputError(
      `${first.name} (${JSON.stringify(first.value)}) and ${second.name} (${JSON.stringify(second.value)}) disagree for host "${host.name}"; set only one`,
      first.pos,
    );
  }
  return first;
}

function text(found: Found | undefined): string | undefined {
  if (!found) return undefined;
  if (typeof found.value === 'number') return String(found.value);
  if (typeof found.value !== 'string' || found.value === '') {
    throw new InputError(`${found.name}: expected a non-empty string, got ${describe(found.value)}`, found.pos);
  }
  // The inventory sits below the templating layer; connecting to "{{ x }}" would fail obscurely later.
  if (found.value.includes('{{')) {
    throw new InputError(`${found.name}: templates are not supported in connection variables`, found.pos);
  }
  return found.value;
}

function oneOf<T extends string>(found: Found | undefined, allowed: readonly T[]): T | undefined {
  if (!found) return undefined;
  if (typeof found.value === 'string' && (allowed as readonly string[]).includes(found.value)) return found.value as T;
  const words = allowed.map((a) => `"${a}"`).join(' or ');
  throw new InputError(`${found.name}: expected ${words}, got ${describe(found.value)}`, found.pos);
}

function portOf(found: Found | undefined): number | undefined {
  if (!found) return undefined;
  const n = typeof found.value === 'string' && /^\d+$/.test(found.value) ? Number(found.value) : found.value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535) return n;
  throw new InputError(`${found.name}: expected a port number 1-65535, got ${describe(found.value)}`, found.pos);
}

/** `become: false` switches off a group's become for one host; `true` has no method to name. */
function becomeOf(found: Found | undefined): 'sudo' | 'doas' | undefined {
  if (!found || found.value === false) return undefined;
  return oneOf(found, ['sudo', 'doas'] as const);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a map';
  return String(value);
}
