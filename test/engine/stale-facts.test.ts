/**
 * No task is planned from a stale fact (DESIGN.md §4, issue 11): what a
 * pending step may change is stale until read again, unless a plan predicted
 * it; undeclared scopes mean everything.
 */
import { describe, expect, it } from 'vitest';
import { FactStore, MissingFactError, StaleFactError } from '../../src/engine/fact-store.js';
import { overlaps } from '../../src/engine/scopes.js';
import type { FactSpec } from '../../src/modules/types.js';

const fact = (key: string, reads?: string[]): FactSpec<string> => ({ key, command: 'true', parse: (o) => o.stdout, ...(reads ? { reads } : {}) });

describe('overlaps', () => {
  it.each([
    [['path:/etc/rc.conf'], ['path:/etc/rc.conf'], true],
    [['path:/etc/rc.conf'], ['path:/etc/rc.conf.local'], false],
    [['path:/usr/jails/web'], ['path:/usr/jails/web/etc/ssh/sshd_config'], true],
    [['path:/usr/jails/web/etc/ssh/sshd_config'], ['path:/usr/jails/web/'], true],
    [['path:/usr/jails/web'], ['path:/usr/jails/webby/etc'], false],
    [['jail:web'], ['path:/usr/jails/web/etc/rc.conf'], true],
    [['path:/etc/motd'], ['jail:web'], true],
    [['jail:web'], ['jail:db'], false],
    [['service::sshd'], ['service::sshd', 'net'], true],
    [['net'], ['pkg:'], false],
    [[], ['path:/etc/rc.conf'], false],
    [undefined, ['pkg:'], true],
    [['pkg:'], undefined, true],
    [['*'], ['sysctl:kern.hostname'], true],
  ])('%j changes / %j reads -> %s', (changes, reads, want) => {
    expect(overlaps(changes, reads)).toBe(want);
  });
});

describe('FactStore', () => {
  it('a step that may change what a fact reads makes it stale, naming the task', () => {
    const store = new FactStore();
    const rc = fact('file::/etc/rc.conf', ['path:/etc/rc.conf']);
    const motd = fact('file::/etc/motd', ['path:/etc/motd']);
    store.setValue(rc.key, 'a', rc.reads);
    store.setValue(motd.key, 'b', motd.reads);
    store.changed(['path:/etc/rc.conf'], 'set sshd_enable');
    expect(() => store.get(rc)).toThrow(StaleFactError);
    expect(() => store.get(rc)).toThrow('depends on the change made by task set sshd_enable');
    expect(store.get(motd)).toBe('b');
    expect(store.staleKeys()).toEqual([rc.key]);
  });

  it('a prediction or a fresh read makes it current again', () => {
    const store = new FactStore();
    const rc = fact('file::/etc/rc.conf', ['path:/etc/rc.conf']);
    store.setValue(rc.key, 'a', rc.reads);
    store.changed(undefined, 'a command');
    store.apply([{ spec: rc, value: 'predicted' }]);
    expect(store.get(rc)).toBe('predicted');
    store.changed(['*'], 'another');
    expect(store.isCurrent(rc.key)).toBe(false);
    store.setValue(rc.key, 'read again');
    expect(store.get(rc)).toBe('read again');
    // Its scopes were kept from the first read: the next change still finds it.
    store.changed(['path:/etc/rc.conf'], 'third');
    expect(store.isCurrent(rc.key)).toBe(false);
  });

  it('a fact that declares nothing is stale after any step; a step that declares nothing touches every fact', () => {
    const store = new FactStore();
    const loose = fact('status::x');
    const rc = fact('file::/etc/rc.conf', ['path:/etc/rc.conf']);
    store.setValue(loose.key, '0');
    store.setValue(rc.key, 'a', rc.reads);
    store.changed(['sysctl:kern.hostname'], 'sysctl');
    expect(store.isCurrent(loose.key)).toBe(false);
    expect(store.isCurrent(rc.key)).toBe(true);
    store.changed(undefined, 'command');
    expect(store.isCurrent(rc.key)).toBe(false);
  });

  it('a fact never read is missing, not stale', () => {
    expect(() => new FactStore().get(fact('x'))).toThrow(MissingFactError);
  });
});
