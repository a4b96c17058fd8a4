/**
 * The simulator's caches (issue 4) never answer with stale data: each test
 * primes a cache, changes what it was derived from, and checks the new answer.
 */
import { describe, expect, it } from 'vitest';
import { ContentLru } from '../../../src/content-lru.js';
import { SimHost } from '../../../src/sim/host.js';
import { RcVarsLayer } from '../../../src/sim/rc/rc-vars-layer.js';
import { RcVarsOverlay } from '../../../src/sim/rc/rc-vars-overlay.js';
import { freshHostState } from '../../../src/sim/seed.js';
import { parse } from '../../../src/sim/shell/parser.js';
import { ShellState } from '../../../src/sim/shell/state.js';
import type { SimFile } from '../../../src/sim/types.js';
import { newHost } from '../shell/fixture.js';

const MIRROR = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE';

function freshHost(name = 'h1'): SimHost {
  return new SimHost(name, freshHostState({ hostname: `${name}.example.org`, address: '192.0.2.23' }));
}

const stdout = (h: SimHost, line: string): string => {
  const r = h.exec(line);
  expect(r.stderr).toBe('');
  return r.stdout;
};

describe('rc.conf evaluation cache', () => {
  it('sysrc sees its own write, and a write made behind its back', () => {
    const h = freshHost();
    expect(stdout(h, 'sysrc -n sshd_flags')).toBe('\n');
    expect(stdout(h, 'sysrc sshd_flags=-4')).toBe('sshd_flags:  -> -4\n');
    expect(stdout(h, 'sysrc -n sshd_flags')).toBe('-4\n');
    h.fs.writeFile('/etc/rc.conf', `${h.fs.readFile('/etc/rc.conf')}sshd_flags="-6"\n`);
    expect(stdout(h, 'sysrc -n sshd_flags')).toBe('-6\n');
  });

  it('service follows rc.conf edits: enabled, then not', () => {
    const h = freshHost();
    expect(h.exec('service cron enabled').code).toBe(0);
    expect(stdout(h, 'sysrc cron_enable=NO')).toBe('cron_enable: YES -> NO\n');
    expect(h.exec('service cron enabled').code).toBe(1);
    h.fs.writeFile('/etc/rc.conf.local', 'cron_enable="YES"\n');
    expect(h.exec('service cron enabled').code).toBe(0);
  });

  it('two hosts with the same files share nothing they write', () => {
    const a = freshHost('a');
    const b = freshHost('b');
    expect(stdout(a, 'sysrc syslogd_flags=-ss')).toBe('syslogd_flags: -s -> -ss\n');
    expect(stdout(b, 'sysrc -n syslogd_flags')).toBe('-s\n');
    expect(stdout(a, 'sysrc -n syslogd_flags')).toBe('-ss\n');
  });

  it('an edit to /etc/defaults/rc.conf changes every later lookup', () => {
    const h = freshHost();
    const defaults = h.fs.readFile('/etc/defaults/rc.conf');
    expect(stdout(h, 'sysrc -n syslogd_program')).toBe('/usr/sbin/syslogd\n');
    h.fs.writeFile('/etc/defaults/rc.conf', defaults.replace('syslogd_program="/usr/sbin/syslogd"', 'syslogd_program="/opt/syslogd"'));
    expect(stdout(h, 'sysrc -n syslogd_program')).toBe('/opt/syslogd\n');
  });

  it('expands $name against what the files assign, per host', () => {
    const h = freshHost();
    h.fs.writeFile('/etc/rc.conf.local', 'base_flags="-a"\nsshd_flags="${base_flags} -b"\n');
    expect(stdout(h, 'sysrc -n sshd_flags')).toBe('-a -b\n');
    h.fs.writeFile('/etc/rc.conf.local', 'base_flags="-c"\nsshd_flags="${base_flags} -b"\n');
    expect(stdout(h, 'sysrc -n sshd_flags')).toBe('-c -b\n');
  });
});

describe('onestart overlay over the shared rc.conf variables', () => {
  it('reads and iterates exactly as a copy with one value set', () => {
    const base = new Map([['a', '1'], ['b', '2']]);
    for (const [name, value] of [['a', 'X'], ['c', 'Y']] as const) {
      const overlay = new RcVarsOverlay(base, name, value);
      const copy = new Map(base).set(name, value);
      expect([...overlay]).toEqual([...copy]);
      expect([...overlay.keys()]).toEqual([...copy.keys()]);
      expect([...overlay.values()]).toEqual([...copy.values()]);
      expect(overlay.size).toBe(copy.size);
      expect(new Map(overlay)).toEqual(copy);
      expect(overlay.get(name)).toBe(value);
      expect(overlay.has('zzz')).toBe(false);
    }
    expect(base).toEqual(new Map([['a', '1'], ['b', '2']]));
  });
});

describe('rc.conf layers over the shared variables', () => {
  it('read and iterate exactly as a copy with the assignments made on it', () => {
    const base = new Map([['a', '1'], ['b', '2'], ['c', '3']]);
    const layer = new RcVarsLayer(base).set('b', 'B').set('d', 'D').set('a', 'A').set('e', '');
    const copy = new Map(base).set('b', 'B').set('d', 'D').set('a', 'A').set('e', '');
    const top = new RcVarsLayer(layer).set('d', 'DD').set('f', 'F');
    const topCopy = new Map(copy).set('d', 'DD').set('f', 'F');
    const lookups = (view: ReadonlyMap<string, string>, expected: ReadonlyMap<string, string>): void => {
      for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'zzz']) {
        expect(view.get(k)).toBe(expected.get(k));
        expect(view.has(k)).toBe(expected.has(k));
      }
    };
    // Before the first iteration (layer over layer) and after it (a flat copy inside).
    lookups(top, topCopy);
    for (const [view, expected] of [[layer, copy], [top, topCopy]] as const) {
      expect(view.size).toBe(expected.size);
      expect([...view]).toEqual([...expected]);
      expect([...view.keys()]).toEqual([...expected.keys()]);
      expect([...view.values()]).toEqual([...expected.values()]);
      expect(view.size).toBe(expected.size);
      expect(new Map(view)).toEqual(expected);
      lookups(view, expected);
    }
    expect(base).toEqual(new Map([['a', '1'], ['b', '2'], ['c', '3']]));
  });
});

describe('passwd/group tables', () => {
  it('ls -l and chown use the current /etc/passwd and /etc/group', () => {
    const h = newHost();
    h.fs.writeFile('/tmp/f', 'x', { uid: 80, gid: 80 });
    expect(stdout(h, 'ls -l /tmp/f')).toMatch(/ www +www /);
    h.fs.writeFile('/etc/passwd', h.fs.readFile('/etc/passwd').replace('www:*:80:80', 'web:*:80:80'));
    h.fs.writeFile('/etc/group', h.fs.readFile('/etc/group').replace('www:*:80:', 'webgrp:*:80:'));
    expect(stdout(h, 'ls -l /tmp/f')).toMatch(/ web +webgrp /);
    expect(h.exec('chown www /tmp/f').code).not.toBe(0);
    expect(h.exec('chown web:webgrp /tmp/f').code).toBe(0);
  });
});

describe('parse caches', () => {
  it('a cached line is reused only where the script continues with the same text', () => {
    const a = parse('echo a\n(\necho x\n) </dev/null\necho z\n');
    const b = parse('echo a\n(\necho y\n) </dev/null\necho z\n');
    expect(JSON.stringify(b)).not.toEqual(JSON.stringify(a));
    expect(JSON.stringify(b)).toContain('"y"');
    expect(JSON.stringify(b)).not.toContain('"x"');
  });

  it('a line is not taken from the cache when it continues differently on the same physical line', () => {
    const h = newHost();
    expect(stdout(h, 'echo one\necho two\n')).toBe('one\ntwo\n');
    expect(stdout(h, 'echo one\necho two; echo three\n')).toBe('one\ntwo\nthree\n');
    expect(stdout(h, 'echo one\necho two')).toBe('one\ntwo\n');
    expect(stdout(h, 'echo one\necho two && echo four')).toBe('one\ntwo\nfour\n');
  });

  it('here-documents belong to their line', () => {
    const h = newHost();
    expect(stdout(h, 'cat <<EOF\nfirst\nEOF\necho done\n')).toBe('first\ndone\n');
    expect(stdout(h, 'cat <<EOF\nsecond\nEOF\necho done\n')).toBe('second\ndone\n');
  });

  it('a syntax error after cached lines is still reported', () => {
    const h = newHost();
    expect(stdout(h, 'echo ok\necho fine\n')).toBe('ok\nfine\n');
    const r = h.exec('echo ok\nif then\n');
    expect(r.stdout).toBe('ok\n');
    expect(r.code).toBe(2);
  });
});

describe('subshell variables (copy on write)', () => {
  it('a subshell never changes its parent, nor sees the parent change later', () => {
    const h = newHost();
    expect(stdout(h, 'a=1; (a=2; echo $a); echo $a')).toBe('2\n1\n');
    expect(stdout(h, 'f() { echo f; }; (f() { echo g; }; f); f')).toBe('g\nf\n');
    expect(stdout(h, 'a=1; b=$(a=3; echo $a); echo $a $b')).toBe('1 3\n');
    expect(stdout(h, 'export X=1; (unset X; echo "[$X]"); echo "[$X]"; (env | grep ^X=)')).toBe('[]\n[1]\nX=1\n');
  });

  it('clone shares until a write, then each side has its own', () => {
    const parent = ShellState.fromEnv({ A: '1' }, { cwd: '/', root: '/', jail: undefined, pid: 1 });
    const child = parent.clone();
    child.set('A', '2');
    parent.set('B', '3');
    expect([parent.get('A'), parent.get('B')]).toEqual(['1', '3']);
    expect([child.get('A'), child.get('B')]).toEqual(['2', undefined]);
    expect(child.env()).toEqual({ A: '2' });
    expect(parent.env()).toEqual({ A: '1' });
  });
});

describe('archive and symlink caches', () => {
  it('tar -x extracts the archive the file holds now, not the one decoded before', () => {
    const h = freshHost();
    h.fs.mkdir('/src/a', { parents: true });
    h.fs.writeFile('/src/a/f', 'first\n');
    expect(h.exec('tar -cf /tmp/t.tar -C /src a && mkdir /d1 && tar -xf /tmp/t.tar -C /d1').code).toBe(0);
    expect(h.fs.readFile('/d1/a/f')).toBe('first\n');
    h.fs.writeFile('/src/a/f', 'second\n');
    expect(h.exec('tar -cf /tmp/t.tar -C /src a && mkdir /d2 && tar -xf /tmp/t.tar -C /d2').code).toBe(0);
    expect(h.fs.readFile('/d2/a/f')).toBe('second\n');
  });

  it('base.txz fetched on two hosts extracts the same tree on each', () => {
    for (const name of ['a', 'b']) {
      const h = freshHost(name);
      expect(h.exec(`mkdir -p /j && fetch -q -o /tmp/base.txz ${MIRROR}/base.txz && tar -xf /tmp/base.txz -C /j`).code).toBe(0);
      expect((h.fs.stat('/tmp/base.txz') as SimFile).binary).toBe(true);
      expect(h.fs.readFile('/j/etc/defaults/rc.conf')).toBe(h.fs.readFile('/etc/defaults/rc.conf'));
      h.fs.writeFile('/j/etc/passwd', 'changed\n');
      expect(h.fs.readFile('/j/etc/passwd')).toBe('changed\n');
    }
  });

  it('paths follow symlinks created, moved and removed after the first lookup', () => {
    const h = newHost();
    h.fs.mkdir('/data');
    h.fs.writeFile('/data/f', 'data\n');
    expect(h.exec('cat /link/f').code).toBe(1);
    expect(h.exec('ln -s /data /link').code).toBe(0);
    expect(stdout(h, 'cat /link/f')).toBe('data\n');
    expect(h.exec('mv /link /moved').code).toBe(0);
    expect(h.exec('cat /link/f').code).toBe(1);
    expect(stdout(h, 'cat /moved/f')).toBe('data\n');
    expect(h.exec('rm /moved').code).toBe(0);
    expect(h.exec('cat /moved/f').code).toBe(1);
    h.fs.mkdir('/moved');
    expect(h.exec('cat /moved/f').code).toBe(1);
  });

  it('a state loaded afresh (host.state = ...) gets its own symlink index', () => {
    const h = newHost();
    h.fs.mkdir('/data');
    h.fs.writeFile('/data/f', 'data\n');
    expect(h.exec('cat /link/f').code).toBe(1);
    const loaded = structuredClone(h.state);
    loaded.fs['/link'] = { kind: 'link', target: '/data', mode: 0o755, uid: 0, gid: 0, mtime: loaded.clock };
    h.state = loaded;
    expect(stdout(h, 'cat /link/f')).toBe('data\n');
  });
});

describe('ContentLru', () => {
  it('keeps what was used since the last turnover, and derives afresh what it dropped', () => {
    let derived = 0;
    const lru = new ContentLru<string>(4);
    const get = (k: string) => lru.get(k, (t) => (derived++, t.toUpperCase()));
    expect([get('a'), get('b'), get('c')]).toEqual(['A', 'B', 'C']);
    expect(get('a')).toBe('A');
    get('d');
    get('e');
    expect(lru.size).toBeLessThanOrEqual(4);
    const before = derived;
    expect(get('e')).toBe('E');
    expect(derived).toBe(before);
  });

  it('never keeps texts over its length limit', () => {
    const lru = new ContentLru<number>(8, 3);
    let n = 0;
    lru.get('long text', () => ++n);
    lru.get('long text', () => ++n);
    expect(n).toBe(2);
    expect(lru.size).toBe(0);
  });
});

describe('the directory index (readdir)', () => {
  it('follows creates, removes and renames, a rename onto itself included', () => {
    const h = newHost();
    h.fs.mkdir('/d');
    expect(h.fs.readdir('/d')).toEqual([]);
    h.fs.writeFile('/d/b', '');
    h.fs.mkdir('/d/a');
    h.fs.writeFile('/d/a/x', '');
    h.fs.symlink('/d/b', '/d/c');
    expect(h.fs.readdir('/d')).toEqual(['a', 'b', 'c']);
    h.fs.rename('/d/b', '/d/b');
    h.fs.rename('/d/a', '/d/e');
    expect(h.fs.readdir('/d')).toEqual(['b', 'c', 'e']);
    expect(h.fs.readdir('/d/e')).toEqual(['x']);
    h.fs.remove('/d/c');
    h.fs.rename('/d/b', '/d/e/y');
    expect(h.fs.readdir('/d')).toEqual(['e']);
    expect(h.fs.readdir('/d/e')).toEqual(['x', 'y']);
    h.fs.remove('/d', { recursive: true });
    h.fs.mkdir('/d');
    expect(h.fs.readdir('/d')).toEqual([]);
    expect(stdout(h, 'ls /d; touch /d/z; ls /d')).toBe('z\n');
  });

  it('drops a name whose node was deleted from the state directly', () => {
    const h = newHost();
    h.fs.mkdir('/d');
    h.fs.writeFile('/d/f', '');
    expect(h.fs.readdir('/d')).toEqual(['f']);
    delete h.state.fs['/d/f'];
    expect(h.fs.readdir('/d')).toEqual([]);
  });
});
