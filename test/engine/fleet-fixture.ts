/**
 * A simulated fleet in a temp dir: N sim hosts (h01..), an inventory with
 * per-host variables, and a playbook, for end-to-end rollout tests.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface Fleet {
  dir: string;
  names: string[];
  /** The simulated host's state file content (undefined: never touched). */
  state(host: string): SimStateJson | undefined;
  /** Content of a file on a host, undefined when absent or the host was never touched. */
  file(host: string, path: string): string | undefined;
  writePlaybook(plays: unknown[]): void;
  cleanup(): void;
}

export interface SimStateJson {
  fs: Record<string, { kind: string; content?: string }>;
}

export const hostName = (i: number): string => `h${String(i + 1).padStart(2, '0')}`;

export function simFleet(count: number, hostVars: (name: string, i: number) => Record<string, unknown> = () => ({})): Fleet {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-rollout-'));
  const names = Array.from({ length: count }, (_, i) => hostName(i));
  const hosts = Object.fromEntries(names.map((n, i) => [n, { host_ip: `192.0.2.${10 + i}`, ...hostVars(n, i) }]));
  writeFileSync(join(dir, 'inventory.yml'), stringify({ all: { vars: { transport: 'sim' }, hosts } }));
  const statePath = (h: string) => join(dir, '.jailfleet', 'sim', `${h}.json`);
  const state = (h: string): SimStateJson | undefined =>
    existsSync(statePath(h)) ? (JSON.parse(readFileSync(statePath(h), 'utf8')) as SimStateJson) : undefined;
  return {
    dir,
    names,
    state,
    file: (h, path) => {
      const node = state(h)?.fs[path];
      return node?.kind === 'file' ? node.content : undefined;
    },
    writePlaybook: (plays) => writeFileSync(join(dir, 'site.yml'), stringify(plays)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
