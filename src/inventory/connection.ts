/**
 * How to reach a host, from its variables. Both jailfleet's ssh_* names and
 * Ansible's ansible_* names are accepted so existing inventories work; when a
 * host has both spellings with different values we refuse rather than guess
 * which one the user meant.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { InputError, type SourcePos } from '../errors.js';
import { readSshConfig } from '../transport/ssh-config.js';
import type { Connection, InventoryHost } from './types.js';

export interface ConnectionCheckOptions {
  /** The names ssh_host may be besides a host name or address; default ~/.ssh/config's Host names. */
  sshAliases?: () => ReadonlySet<string>;
}

/** How to reach a host; throws the first problem found as an InputError. */
export function connectionOf(host: InventoryHost, opts: ConnectionCheckOptions = {}): Connection {
  const problems: InputError[] = [];
  const conn = readConnection(host, problems, opts);
  const [first] = problems;
  if (first) throw first;
  return conn;
}

/** Every problem with a host's connection variables (bad port, address, ...), none thrown. */
export function connectionProblems(host: InventoryHost, opts: ConnectionCheckOptions = {}): InputError[] {
  const problems: InputError[] = [];
  readConnection(host, problems, opts);
  return problems;
}

function readConnection(host: InventoryHost, problems: InputError[], opts: ConnectionCheckOptions): Connection {
  const read = (names: string[]): Found | undefined => {
    try {
      return pick(host, names);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err);
      return undefined;
    }
  };
  // Each setting is judged on its own, so one bad value does not hide the next.
  const get = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err);
      return undefined;
    }
  };
  const transport = get(() => oneOf(read(['transport']), ['ssh', 'sim'] as const)) ?? 'ssh';
  const conn: Connection = {
    transport,
    address: get(() => addressOf(read(['ssh_host', 'ansible_host']), opts)) ?? host.name,
    hostKeyChecking: get(() => oneOf(read(['ssh_host_key_checking', 'ansible_host_key_checking']), ['strict', 'accept-new'] as const)) ?? 'strict',
  };
  const port = get(() => portOf(read(['ssh_port', 'ansible_port'])));
  if (port !== undefined) conn.port = port;
  const user = get(() => text(read(['ssh_user', 'ansible_user'])));
  if (user !== undefined) conn.user = user;
  const key = get(() => text(read(['ssh_key', 'ansible_ssh_private_key_file'])));
  if (key !== undefined) conn.key = key;
  const knownHosts = get(() => text(read(['ssh_known_hosts'])));
  if (knownHosts !== undefined) conn.knownHosts = knownHosts;
  const become = get(() => becomeOf(read(['become'])));
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
  throw new InputError(`${found.name}: expected a port 1-65535, got ${describe(found.value)}`, found.pos);
}

/**
 * ssh_host is what `ssh` is given: a host name (RFC 1123 labels), an IPv4 or
 * IPv6 address, or an alias named on a Host line of ~/.ssh/config. Anything
 * else (spaces, `;`, quotes) is refused before it reaches a command line.
 */
function addressOf(found: Found | undefined, opts: ConnectionCheckOptions): string | undefined {
  const value = text(found);
  if (value === undefined || found === undefined) return undefined;
  if (isHostName(value) || isIPv4(value) || isIPv6(value)) return value;
  if ((opts.sshAliases ?? homeSshAliases)().has(value)) return value;
  throw new InputError(
    `${found.name}: expected a host name, an IPv4 or IPv6 address, or a Host alias from ~/.ssh/config, got ${describe(found.value)}`,
    found.pos,
  );
}

/** RFC 1123: dot-separated labels of letters, digits and inner hyphens, each 1-63 long, 253 in all (a final dot allowed). */
export function isHostName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/** The literal names on `Host` lines (no patterns, no negations), as ssh_config(5) writes them. */
export function sshConfigAliases(configText: string): Set<string> {
  const names = new Set<string>();
  for (const line of configText.split(/\r?\n/)) {
    const m = /^\s*host(?:\s*=\s*|\s+)(.*)$/i.exec(line);
    if (!m?.[1]) continue;
    for (const word of m[1].matchAll(/"([^"]*)"|(\S+)/g)) {
      const name = word[1] ?? word[2] ?? '';
      if (name !== '' && !/[*?!]/.test(name)) names.add(name);
    }
  }
  return names;
}

let homeAliases: Set<string> | undefined;
function homeSshAliases(): ReadonlySet<string> {
  if (!homeAliases) {
    try {
      homeAliases = sshConfigAliases(readSshConfig());
    } catch {
      homeAliases = new Set();
    }
  }
  return homeAliases;
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
