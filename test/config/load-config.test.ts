import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { inputErrorOfAsync } from '../helpers/input-error.js';

const dirs: string[] = [];

/** A temp project: a package.json bounds cosmiconfig's upward search to it. */
function project(files: Record<string, string>, pkg: object = { name: 'fleet' }): string {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const configError = (cwd: string): Promise<string> => inputErrorOfAsync(() => loadConfig(cwd));

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('returns the defaults when there is no config, paths resolved against cwd', async () => {
    const dir = project({});
    expect(await loadConfig(dir)).toEqual({
      forks: 25,
      connectTimeoutMs: 10_000,
      commandTimeoutMs: 300_000,
      lockTimeoutS: 60,
      hostKeyChecking: 'strict',
      logLevel: 'info',
      stateDir: join(dir, '.jailfleet'),
    });
  });

  it('reads .jailfleetrc.yml, keeps defaults for the rest and reports the file', async () => {
    const dir = project({ '.jailfleetrc.yml': 'inventory: inventory/prod.yml\nforks: 5\nhostKeyChecking: accept-new\n' });
    expect(await loadConfig(dir)).toEqual({
      inventory: join(dir, 'inventory/prod.yml'),
      forks: 5,
      connectTimeoutMs: 10_000,
      commandTimeoutMs: 300_000,
      lockTimeoutS: 60,
      hostKeyChecking: 'accept-new',
      logLevel: 'info',
      stateDir: join(dir, '.jailfleet'),
      filepath: join(dir, '.jailfleetrc.yml'),
    });
  });

  it.each([
    ['jailfleet.config.json', '{"forks": 7}'],
    ['jailfleet.config.yaml', 'forks: 7\n'],
    ['jailfleet.config.yml', 'forks: 7\n'],
    ['jailfleet.config.mjs', 'export default { forks: 7 };\n'],
    ['.jailfleetrc', 'forks: 7\n'],
    ['.jailfleetrc.json', '{"forks": 7}'],
    ['.jailfleetrc.yaml', 'forks: 7\n'],
  ])('finds %s', async (name, text) => {
    const dir = project({ [name]: text });
    const config = await loadConfig(dir);
    expect(config.forks).toBe(7);
    expect(config.filepath).toBe(join(dir, name));
  });

  it('reads the "jailfleet" key of package.json', async () => {
    const dir = project({}, { name: 'fleet', jailfleet: { logLevel: 'debug', logFile: 'logs/run.jsonl' } });
    const config = await loadConfig(dir);
    expect(config).toMatchObject({ logLevel: 'debug', logFile: join(dir, 'logs/run.jsonl'), filepath: join(dir, 'package.json') });
  });

  it('searches up from a subdirectory to the project root, resolving paths against the config file', async () => {
    const dir = project({ '.jailfleetrc.json': '{"stateDir": "state", "knownHosts": "/etc/ssh/known"}', 'playbooks/x': '' });
    const config = await loadConfig(join(dir, 'playbooks'));
    expect(config).toMatchObject({ stateDir: join(dir, 'state'), knownHosts: '/etc/ssh/known' });
  });

  it('accepts an empty config file', async () => {
    const dir = project({ '.jailfleetrc.yml': '' });
    expect((await loadConfig(dir)).forks).toBe(25);
  });

  it('rejects an unknown key at its line, listing the known ones', async () => {
    const dir = project({ '.jailfleetrc.yml': 'forks: 5\nfork: 6\n' });
    expect(await configError(dir)).toBe(
      `${join(dir, '.jailfleetrc.yml')}:2:1: unknown key "fork"; expected one of inventory, forks, connectTimeoutMs, commandTimeoutMs, lockTimeoutS, hostKeyChecking, knownHosts, logLevel, logFile, stateDir`,
    );
  });

  it('rejects bad values at their line, in JSON and in package.json too', async () => {
    const json = project({ 'jailfleet.config.json': '{\n  "forks": 0\n}\n' });
    expect(await configError(json)).toBe(`${join(json, 'jailfleet.config.json')}:2:12: forks: expected a number >= 1, got 0`);
    const pkg = project({}, { name: 'fleet', jailfleet: { hostKeyChecking: false } });
    expect(await configError(pkg)).toBe(
      `${join(pkg, 'package.json')}:4:24: hostKeyChecking: expected one of "strict", "accept-new", got false`,
    );
  });

  it('names the file when a JS config is wrong (no line to give)', async () => {
    const dir = project({ 'jailfleet.config.mjs': 'export default { logLevel: "loud" };\n' });
    expect(await configError(dir)).toBe(
      `${join(dir, 'jailfleet.config.mjs')}: logLevel: expected one of "error", "warn", "info", "verbose", "debug", "silly", got "loud"`,
    );
  });

  it('rejects a config that is not a map', async () => {
    const dir = project({ '.jailfleetrc.yml': '- forks\n' });
    expect(await configError(dir)).toBe(`${join(dir, '.jailfleetrc.yml')}:1:1: expected map, got list`);
  });

  it('reports a config file that cannot be parsed', async () => {
    const dir = project({ '.jailfleetrc.json': '{"forks": }' });
    expect(await configError(dir)).toMatch(new RegExp(`^cannot load config ${join(dir, '.jailfleetrc.json').replace(/[.]/g, '\\.')}: `));
  });
});
