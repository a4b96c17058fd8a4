import { describe, expect, it } from 'vitest';
import { moduleRegistry, modules } from '../../src/modules/registry.js';
import { moduleSchemas } from '../../src/modules/schemas.js';
import { boolish, modeArg } from '../../src/modules/args.js';
import { backupPath } from '../../src/modules/file-edit/backup-path.js';

describe('module registry', () => {
  it('lists every module by name', () => {
    expect(moduleRegistry.names()).toEqual([
      'sysrc',
      'line',
      'copy',
      'directory',
      'sysctl',
      'service',
      'jail',
      'ip_alias',
      'rebind',
      'pkg',
      'command',
      'migrate',
      'template',
      'file',
      'fetch',
      'mount',
      'zfs',
      'user',
      'group',
      'cron',
      'jail_snapshot',
      'debug',
      'assert',
      'set_fact',
    ]);
    expect(moduleRegistry.get('sysrc')).toBe(modules.get('sysrc'));
    expect(moduleRegistry.get('unarchive')).toBeUndefined();
  });

  it('rejects unknown arguments (typos)', () => {
    expect(moduleRegistry.get('copy')?.schema.safeParse({ dest: '/x', content: 'a', mdoe: '0644' }).success).toBe(false);
  });
});

describe('shared arguments', () => {
  it('boolish accepts booleans and yes/no/true/false words', () => {
    expect(['yes', 'True', 'on', '1', true].map((v) => boolish.parse(v))).toEqual([true, true, true, true, true]);
    expect(['no', 'FALSE', 'off', '0', false].map((v) => boolish.parse(v))).toEqual([false, false, false, false, false]);
    expect(boolish.safeParse('maybe').success).toBe(false);
  });

  it('mode reads strings and YAML numbers as octal digits', () => {
    expect(['0644', '644', '0o644', 644].map((v) => modeArg.parse(v))).toEqual([0o644, 0o644, 0o644, 0o644]);
    expect(modeArg.parse('4755')).toBe(0o4755);
    for (const bad of ['u=rw', '0888', 420.5, -1, '12345']) expect(modeArg.safeParse(bad).success).toBe(false);
  });

  it('backup name comes from the run id, else .bak', () => {
    expect(backupPath('/etc/rc.conf', { jailfleet_run_id: '20251128T151200-ab12' })).toBe('/etc/rc.conf.20251128T151200-ab12~');
    expect(backupPath('/etc/rc.conf', {})).toBe('/etc/rc.conf.bak');
  });
});

describe('the schema registry (what validate loads)', () => {
  it('names every module of the registry, each with the very schema the engine validates with', () => {
    expect(moduleSchemas.names().sort()).toEqual(moduleRegistry.names().sort());
    for (const name of moduleRegistry.names()) expect(moduleSchemas.get(name)?.schema, name).toBe(moduleRegistry.get(name)!.schema);
  });
});
