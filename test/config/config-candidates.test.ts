import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { afterEach, describe, expect, it } from 'vitest';
import { mayHaveConfig } from '../../src/config/config-candidates.js';
import { SEARCH_PLACES } from '../../src/config/load-config.js';

// The shortcut may only skip cosmiconfig when cosmiconfig would find nothing:
// each case is checked against cosmiconfig's own search.
const dirs: string[] = [];

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-candidates-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function cosmiconfigFinds(cwd: string): Promise<boolean> {
  const found = await cosmiconfig('jailfleet', { searchPlaces: SEARCH_PLACES, searchStrategy: 'project' }).search(cwd);
  return found !== null;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PKG = JSON.stringify({ name: 'fleet' });

function configText(place: string): string {
  if (place.endsWith('.json')) return '{"forks": 2}';
  if (place.endsWith('.cjs') || place.endsWith('.js')) return 'module.exports = { forks: 2 };\n';
  if (place.endsWith('.mjs')) return 'export default { forks: 2 };\n';
  return 'forks: 2\n';
}

type Case = [name: string, files: Record<string, string>, sub: string, expected: boolean];

const cases: Case[] = [
  ['a project without a config', { 'package.json': PKG }, '.', false],
  ['a package.json without a "jailfleet" key, in a subdirectory', { 'package.json': PKG, 'playbooks/site.yml': '' }, 'playbooks', false],
  ['a config above the project root (cosmiconfig stops at package.json)', { '.jailfleetrc.yml': 'forks: 2\n', 'p/package.json': PKG }, 'p', false],
  ['a "jailfleet" key in package.json', { 'package.json': JSON.stringify({ jailfleet: { forks: 2 } }) }, '.', true],
  ['a config in the project root, from a subdirectory', { 'package.json': PKG, 'jailfleet.config.json': '{"forks": 2}', 'a/b/x': '' }, 'a/b', true],
  ...SEARCH_PLACES.filter((p) => p !== 'package.json').map((p): Case => [p, { 'package.json': PKG, [p]: configText(p) }, '.', true]),
];

describe('mayHaveConfig', () => {
  it.each(cases)('%s', async (_name, files, sub, expected) => {
    const cwd = join(tree(files), sub);
    expect(mayHaveConfig(cwd, SEARCH_PLACES, 'jailfleet')).toBe(expected);
    expect(await cosmiconfigFinds(cwd)).toBe(expected);
  });

  it('says yes for a package.json that is not JSON, so cosmiconfig reports it', () => {
    const cwd = tree({ 'package.json': '{ name: fleet' });
    expect(mayHaveConfig(cwd, SEARCH_PLACES, 'jailfleet')).toBe(true);
  });

  it("says yes for cosmiconfig's meta config, which can add search places", () => {
    const cwd = tree({ 'package.json': PKG, '.config/config.yml': 'cosmiconfig:\n  searchPlaces: [fleet.yml]\n' });
    expect(mayHaveConfig(cwd, SEARCH_PLACES, 'jailfleet')).toBe(true);
    const keyed = tree({ 'package.json': JSON.stringify({ cosmiconfig: { searchPlaces: ['fleet.yml'] } }) });
    expect(mayHaveConfig(keyed, SEARCH_PLACES, 'jailfleet')).toBe(true);
  });
});
