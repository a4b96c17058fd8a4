/**
 * README "Commands": options with no end-to-end test before, through the CLI
 * on the shipped simulated fleet (a scratch copy):
 * - `jailfleet inventory -i INVENTORY [--limit P] [--json]`;
 * - `jailfleet facts HOST -i INVENTORY` without `--json` (the same facts, as YAML);
 * - `jailfleet sim reset` with no HOST forgets every simulated host (Quick start);
 * - `apply --state-dir D`: the simulated hosts' state lives in D, not in `.jailfleet`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, scratchProject } from '../helpers/cli.js';

interface InventoryDump {
  hosts: Record<string, { groups: string[]; connection: Record<string, unknown>; vars: Record<string, unknown> }>;
  groups: Record<string, unknown>;
}

describe('command options on the shipped simulated fleet', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  afterAll(() => project.cleanup());

  it('inventory --limit P keeps the matching hosts; --json is the same data as JSON', async () => {
    const yaml = await run('inventory', '-i', 'inventory/sim.yml', '--limit', 'new');
    expect(yaml.code).toBe(0);
    const fromYaml = parse(yaml.stdout) as InventoryDump;
    expect(Object.keys(fromYaml.hosts)).toEqual(['new1', 'new2']);
    expect(fromYaml.hosts.new1!.groups).toEqual(['all', 'new']);
    expect(fromYaml.hosts.new1!.connection).toMatchObject({ transport: 'sim', address: '192.0.2.21' });

    const json = await run('inventory', '-i', 'inventory/sim.yml', '--limit', 'new:!new2', '--json');
    expect(json.code).toBe(0);
    const fromJson = JSON.parse(json.stdout) as InventoryDump;
    expect(Object.keys(fromJson.hosts)).toEqual(['new1']);
    expect(fromJson.hosts.new1).toEqual(fromYaml.hosts.new1);
    // Groups list only the selected hosts (as ansible-inventory --limit), not the ones --limit left out.
    expect(fromYaml.groups).toMatchObject({ all: { hosts: [], children: ['old', 'new'] }, old: { hosts: [] }, new: { hosts: ['new1', 'new2'] } });
    expect(fromJson.groups).toMatchObject({ old: { hosts: [] }, new: { hosts: ['new1'] } });

    const none = await run('inventory', '-i', 'inventory/sim.yml', '--limit', 'nosuch');
    expect(none.code).toBe(4);
  });

  it('facts without --json prints the same facts as YAML', async () => {
    const text = await run('facts', 'new1', '-i', 'inventory/sim.yml');
    const json = await run('facts', 'new1', '-i', 'inventory/sim.yml', '--json');
    expect([text.code, json.code]).toEqual([0, 0]);
    expect(text.stdout.trimStart().startsWith('{')).toBe(false);
    expect(parse(text.stdout)).toEqual(JSON.parse(json.stdout));
    expect(text.stdout).toMatch(/^release: 14\.2-RELEASE$/m);
  });

  it('apply --state-dir D keeps the simulated hosts in D; sim reset with no HOST forgets every one', async () => {
    const r = await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'old', '--state-dir', 'elsewhere');
    expect(r.code).toBe(0);
    expect(readdirSync(join(project.dir, 'elsewhere', 'sim')).sort()).toEqual(['old1.json', 'old2.json']);
    // Not in the default state directory (where only the facts test's new1 may be).
    for (const h of ['old1', 'old2']) expect(existsSync(join(project.dir, '.jailfleet', 'sim', `${h}.json`))).toBe(false);
    // The same state, seen by the commands that take --state-dir: old1 is converged there.
    const again = await run('check', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'old', '--state-dir', 'elsewhere');
    expect(again.code).toBe(0);

    const reset = await run('sim', 'reset', '--state-dir', 'elsewhere');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('old1');
    expect(reset.stdout).toContain('old2');
    expect(readdirSync(join(project.dir, 'elsewhere', 'sim'))).toEqual([]);
    // Forgotten: the next check starts from fresh hosts and finds everything to do.
    expect((await run('check', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'old', '--state-dir', 'elsewhere')).code).toBe(2);
  });
});
