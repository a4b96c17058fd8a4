/**
 * group_vars/ and host_vars/ beside the inventory and beside the playbook,
 * with Ansible's precedence (docs: "Understanding variable precedence",
 * items 3–10): inventory group vars < group_vars/all (inventory's, then the
 * playbook's) < other group_vars (inventory's, then the playbook's) <
 * the inventory's host vars < host_vars (inventory's, then the playbook's).
 * A directory given as -i is every inventory file in it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { inputErrorOf } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'jailfleet-vars-'));
const write = (path: string, text: string): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

write('inv/hosts.ini', '[web]\nw1 from_host=inventory\nw2\n[web:vars]\nfrom_group=inventory\nfrom_all=inventory\n');
write('inv/group_vars/all.yml', 'from_all: inv-all\nfrom_group: inv-all\nonly_all: true\n');
write('inv/group_vars/web/10-main.yml', 'from_group: inv-web\nsplit: first\n');
write('inv/group_vars/web/20-more.yaml', 'split: second\n');
write('inv/host_vars/w1', 'from_host: inv-host-vars\n');
write('pb/group_vars/web.json', '{"from_group": "pb-web"}');
write('pb/host_vars/w1.yml', 'from_host: pb-host-vars\n');
write('pb/group_vars/broken.yml', 'a: [1\n');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('group_vars and host_vars', () => {
  it("merge in Ansible's order: files over the inventory, the playbook's over the inventory's, hosts over groups", () => {
    write('pb2/group_vars/web.json', '{"from_group": "pb-web"}');
    write('pb2/host_vars/w1.yml', 'from_host: pb-host-vars\n');
    const inv = loadInventory(join(root, 'inv/hosts.ini'), { playbookDir: join(root, 'pb2') });
    expect(inv.hosts.get('w1')!.vars).toEqual({ from_all: 'inv-all', from_group: 'pb-web', only_all: true, split: 'second', from_host: 'pb-host-vars' });
    expect(inv.hosts.get('w2')!.vars).toEqual({ from_all: 'inv-all', from_group: 'pb-web', only_all: true, split: 'second' });
    // Errors about a variable point at the file that set it.
    expect(inv.hosts.get('w2')!.varPos!.split).toEqual({ file: join(root, 'inv/group_vars/web/20-more.yaml'), line: 1, col: 8 });
    expect(inv.groups.get('web')!.vars.from_group).toBe('pb-web');
  });

  it('without a playbook directory, the inventory directory alone', () => {
    const inv = loadInventory(join(root, 'inv/hosts.ini'));
    expect(inv.hosts.get('w1')!.vars.from_host).toBe('inv-host-vars');
    expect(inv.hosts.get('w2')!.vars.from_group).toBe('inv-web');
  });

  it('a vars file that is not YAML is an input error at its line', () => {
    expect(inputErrorOf(() => loadInventory(join(root, 'inv/hosts.ini'), { playbookDir: join(root, 'pb') }))).toMatch(/pb\/group_vars\/broken\.yml:2:1: invalid YAML/);
  });
});

describe('an inventory directory', () => {
  it('is every inventory file in it, INI and YAML, with its group_vars; notes and backups are skipped', () => {
    write('dir/10-web.ini', '[web]\nw1\n');
    write('dir/20-db.yml', 'all:\n  children:\n    db:\n      hosts:\n        d1:\n    web:\n      hosts:\n        w2:\n');
    write('dir/README.md', '# not an inventory\n');
    write('dir/old.bak', '[junk]\nj1\n');
    write('dir/group_vars/web.yml', 'tier: front\n');
    const inv = loadInventory(join(root, 'dir'));
    expect([...inv.hosts.keys()].sort()).toEqual(['d1', 'w1', 'w2']);
    expect(inv.groups.get('web')!.hosts).toEqual(['w1', 'w2']);
    expect(inv.hosts.get('w2')!.vars).toEqual({ tier: 'front' });
  });
});
