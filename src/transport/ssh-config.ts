/**
 * ~/.ssh/config and inventory connection variables -> SshOptions.
 * resolveSshConfig() computes what the config says about an alias with the
 * ssh-config package (first value wins, as in ssh_config(5)); buildSshOptions()
 * lets inventory variables win over it (DESIGN.md §2).
 */
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import type { Connection, HostKeyChecking } from '../inventory/types.js';
import { readTextIfPresent } from '../read-text-if-present.js';
import { becomePasswordFromEnv } from './become.js';
import { passphraseFromEnv } from './passphrase.js';
import type { SshOptions } from './ssh.js';

export interface ResolvedSshConfig {
  hostName?: string;
  port?: number;
  user?: string;
  /** Every IdentityFile that applies, in order, `~` and %-tokens expanded. */
  identityFile?: string[];
  proxyJump?: string;
  userKnownHostsFile?: string;
}

export function defaultSshConfigPath(home: string = homedir()): string {
  return join(home, '.ssh', 'config');
}

/** The config text, or '' when the file does not exist (ssh(1) treats it the same). */
export function readSshConfig(path: string = defaultSshConfigPath()): string {
  return readTextIfPresent(path) ?? '';
}

export function resolveSshConfig(alias: string, configText: string = readSshConfig(), home: string = homedir()): ResolvedSshConfig {
  if (configText.trim() === '') return {};
  // Match exec would run shell commands while merely reading an inventory.
  const computed = SSHConfig.parse(configText).compute(alias, { ignoreCase: true, matchExec: false });
  const first = (key: string): string | undefined => {
    const value = computed[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const all = (key: string): string[] => {
    const value = computed[key];
    if (value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  };

  const hostNameRaw = first('hostname');
  const hostName = hostNameRaw === undefined ? undefined : expandTokens(hostNameRaw, { h: alias });
  const port = parsePort(first('port'));
  const user = first('user');
  const tokens = { h: hostName ?? alias, r: user ?? userInfo().username, p: String(port ?? 22) };
  const identityFile = all('identityfile')
    .filter((file) => file.toLowerCase() !== 'none')
    .map((file) => expandPath(file, tokens, home));
  const proxyJump = first('proxyjump');
  // Several files may be listed; the first is the one ssh(1) writes to.
  const knownHosts = first('userknownhostsfile')?.split(/\s+/)[0];

  return {
    ...(hostName !== undefined ? { hostName } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(identityFile.length > 0 ? { identityFile } : {}),
    ...(proxyJump !== undefined && proxyJump.toLowerCase() !== 'none' ? { proxyJump } : {}),
    ...(knownHosts !== undefined ? { userKnownHostsFile: knownHosts.toLowerCase() === 'none' ? '/dev/null' : expandPath(knownHosts, tokens, home) } : {}),
  };
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/** `~` / `~/...` and the ssh_config(5) tokens %d %u %h %r %p %%. */
export function expandPath(path: string, tokens: Record<string, string> = {}, home: string = homedir()): string {
  const expanded = expandTokens(path, { d: home, ...tokens });
  if (expanded === '~') return home;
  if (expanded.startsWith('~/')) return join(home, expanded.slice(2));
  return expanded;
}

function expandTokens(text: string, tokens: Record<string, string>): string {
  const all: Record<string, string> = { u: userInfo().username, ...tokens, '%': '%' };
  return text.replace(/%(.)/g, (match, token: string) => all[token] ?? match);
}

export interface ResolvedSshOptions extends SshOptions {
  /** ProxyJump spec from ~/.ssh/config (`[user@]host[:port][,...]`); openWithJumps() follows it. */
  proxyJump?: string;
}

export interface BuildSshOptionsInput {
  /** Default ~/.ssh/config. */
  configPath?: string;
  /** Config text instead of reading configPath (tests). */
  configText?: string;
  home?: string;
  /** Used when the inventory Connection has none. Default strict. */
  hostKeyChecking?: HostKeyChecking;
  /** Used when neither the inventory nor the config names one. Default ~/.ssh/known_hosts. */
  knownHostsFile?: string;
  passphrase?: string;
  /** sudo password for hosts with `become`; default JAILFLEET_BECOME_PASSWORD. */
  becomePassword?: string;
  agent?: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  retries?: number;
  maxChannels?: number;
}

/** ssh(1)'s default identities, tried when nothing else names a key. */
const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export function buildSshOptions(conn: Connection, hostName: string, input: BuildSshOptionsInput = {}): ResolvedSshOptions {
  const home = input.home ?? homedir();
  const configText = input.configText ?? readSshConfig(input.configPath ?? defaultSshConfigPath(home));
  // ssh_host is what the user would type after `ssh`, so it is the alias looked up.
  const config = resolveSshConfig(conn.address, configText, home);
  const expand = (path: string): string => expandPath(path, {}, home);

  const candidates = conn.key !== undefined ? [expand(conn.key)] : (config.identityFile ?? DEFAULT_IDENTITIES.map((f) => join(home, '.ssh', f)));
  // An inventory key must exist (a clear auth error later); config/default ones are only tried if present.
  const keyFile = conn.key !== undefined ? candidates[0] : candidates.find((file) => existsSync(file));
  const passphrase = input.passphrase ?? passphraseFromEnv();
  const user = conn.user ?? config.user;
  // Only a host that asks for become gets the password, so it never travels further than needed.
  const becomePassword = conn.become === 'sudo' ? (input.becomePassword ?? becomePasswordFromEnv()) : undefined;

  return {
    host: hostName,
    address: config.hostName ?? conn.address,
    port: conn.port ?? config.port ?? 22,
    knownHostsFile: expand(conn.knownHosts ?? config.userKnownHostsFile ?? input.knownHostsFile ?? '~/.ssh/known_hosts'),
    hostKeyChecking: conn.hostKeyChecking ?? input.hostKeyChecking ?? 'strict',
    ...(user !== undefined ? { user } : {}),
    ...(keyFile !== undefined ? { keyFile } : {}),
    ...(passphrase !== undefined ? { passphrase } : {}),
    ...(conn.become !== undefined ? { become: { method: conn.become, ...(becomePassword !== undefined ? { password: becomePassword } : {}) } } : {}),
    ...(input.agent !== undefined ? { agent: input.agent } : {}),
    ...(input.connectTimeoutMs !== undefined ? { connectTimeoutMs: input.connectTimeoutMs } : {}),
    ...(input.commandTimeoutMs !== undefined ? { commandTimeoutMs: input.commandTimeoutMs } : {}),
    ...(input.keepaliveIntervalMs !== undefined ? { keepaliveIntervalMs: input.keepaliveIntervalMs } : {}),
    ...(input.retries !== undefined ? { retries: input.retries } : {}),
    ...(input.maxChannels !== undefined ? { maxChannels: input.maxChannels } : {}),
    ...(config.proxyJump !== undefined ? { proxyJump: config.proxyJump } : {}),
  };
}
