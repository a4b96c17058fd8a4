/**
 * The interpreter stopping where a command reads an open stdin that has no
 * more data, and going on from exactly there with the next input
 * (src/sim/shell/steps.ts, unit.ts; SimHost.start / SimExecRun).
 */
import { describe, expect, it } from 'vitest';
import type { SimExecRun } from '../../../src/sim/exec-run.js';
import { writeCommandFiles } from '../../../src/sim/command-files.js';
import type { SimHost } from '../../../src/sim/host.js';
import { OpenReader, SimSuspendError, type Suspension } from '../../../src/sim/shell/index.js';
import { quote } from '../../../src/shell/quote.js';
import { newHost } from './fixture.js';

/** A run with its stdin open, driven by hand: what it printed so far, where it stopped. */
function started(sim: SimHost, line: string): { run: SimExecRun; at: Suspension | undefined; input(text: string): Suspension | undefined; end(): Suspension | undefined } {
  const run = sim.start(line);
  const reader = run.input as OpenReader;
  const handle = {
    run,
    at: run.resume(),
    input(text: string) {
      reader.append(text);
      handle.at = run.resume();
      return handle.at;
    },
    end() {
      reader.close();
      handle.at = run.resume();
      return handle.at;
    },
  };
  return handle;
}

const STDIN = { kind: 'stdin' };

describe('a run waiting on its stdin', () => {
  it('stops at a read of open stdin and goes on from there with the next input', () => {
    const s = started(newHost(), 'echo a; read -r x; echo "got $x"; read -r y; echo "got $y"; exit 3');
    expect(s.at).toEqual(STDIN);
    expect(s.run.stdout.text()).toBe('a\n');
    expect(s.input('one\n')).toEqual(STDIN);
    expect(s.run.stdout.text()).toBe('a\ngot one\n');
    expect(s.input('two\n')).toBeUndefined();
    expect(s.run.result).toEqual({ stdout: 'a\ngot one\ngot two\n', stderr: '', code: 3 });
  });

  it('waits for a whole line, for all N bytes of head -c (bytes of UTF-8), and for the end of input for cat', () => {
    const s = started(newHost(), `read -r l; printf '<%s>' "$l"; x=$(head -c 5); printf '[%s]' "$x"; rest=$(cat); printf '{%s}' "$rest"`);
    expect(s.input('par')).toEqual(STDIN);
    expect(s.run.stdout.text()).toBe('');
    expect(s.input('tial\né')).toEqual(STDIN);
    expect(s.run.stdout.text()).toBe('<partial>');
    // é is 2 bytes, ✓ 3: five bytes in all, the rest stays for cat.
    expect(s.input('✓ and more')).toEqual(STDIN);
    expect(s.run.stdout.text()).toBe('<partial>[é✓]');
    expect(s.end()).toBeUndefined();
    expect(s.run.result?.stdout).toBe('<partial>[é✓]{ and more}');
  });

  it('runs what came before the wait once, and what comes after once', () => {
    const sim = newHost();
    const s = started(sim, 'echo before >> /tmp/log; read -r x; echo "$x" >> /tmp/log; read -r y; echo "$y" >> /tmp/log');
    s.input('one\n');
    s.input('two\n');
    expect(s.run.result?.code).toBe(0);
    expect(sim.fs.readFile('/tmp/log')).toBe('before\none\ntwo\n');
  });

  it('passes the wait through nested shells, functions, eval, loops, case and pipelines', () => {
    const sim = newHost();
    sim.exec('mkdir -p /jails/j/tmp');
    writeCommandFiles(sim.fs, '/jails/j'); // jexec runs the jail's own /bin/sh
    sim.state.jails.push({ name: 'j', jid: 1, path: '/jails/j', hostname: 'j', ip4: [], params: {}, state: 'ACTIVE' });
    const inner = [
      'f() { read -r a; echo "f:$a"; }',
      'f',
      'eval \'read -r b; echo "eval:$b"\'',
      'for i in 1 2; do read -r c; echo "for$i:$c"; done',
      'n=0; while [ $n -lt 1 ]; do IFS= read -r d; echo "while:$d"; n=$((n + 1)); done',
      'read -r e; case $e in x*) echo "case:$e" ;; esac',
      'if read -r g; then echo "if:$g"; fi',
      '( read -r h; echo "sub:$h" )',
      'env X=1 sh -c \'read -r k; echo "env:$X:$k"\'',
      'jexec j /bin/sh -c \'read -r m; echo "jail:$m"\'',
      "head -n 1 | tr a-z A-Z",
    ].join('\n');
    const s = started(sim, `echo start; lockf -k /tmp/lock /bin/sh -c ${quote(inner)}; echo end`);
    const lines = ['1', '2', '3', '4', '5', 'xy', '7', '8', '9', '10'];
    for (const line of lines) expect(s.input(`${line}\n`)).toEqual(STDIN);
    expect(s.input('last line\n')).toEqual(STDIN);
    expect(s.end()).toBeUndefined();
    expect(s.run.result).toEqual({
      stdout: 'start\nf:1\neval:2\nfor1:3\nfor2:4\nwhile:5\ncase:xy\nif:7\nsub:8\nenv:1:9\njail:10\nLAST LINE\nend\n',
      stderr: '',
      code: 0,
    });
  });

  it('holds lockf\'s lock while it waits, and gives it back when abandoned (no EXIT trap then)', () => {
    const sim = newHost();
    const s = started(sim, `lockf -k /tmp/lock /bin/sh -c ${quote("trap 'echo bye >> /tmp/trap' EXIT; read -r x")}`);
    expect(s.at).toEqual(STDIN);
    expect(sim.locks.isHeld('/tmp/lock')).toBe(true);
    // Another run cannot take it: a plain exec gives up at once, as after -t.
    expect(sim.exec('lockf -t 10 /tmp/lock echo never')).toEqual({ stdout: '', stderr: 'lockf: /tmp/lock: already locked\n', code: 75 });
    s.run.abandon();
    expect(sim.locks.isHeld('/tmp/lock')).toBe(false);
    expect(sim.fs.lstat('/tmp/trap')).toBeUndefined();
    expect(sim.fs.lstat('/tmp/lock')).toBeDefined();

    const done = started(sim, `lockf /tmp/lock2 /bin/sh -c ${quote("trap 'echo bye' EXIT; read -r x")}`);
    expect(done.end()).toBeUndefined();
    expect(done.run.result?.stdout).toBe('bye\n');
    expect(sim.locks.isHeld('/tmp/lock2')).toBe(false);
    // Without -k lockf removes its file once the command ended.
    expect(sim.fs.lstat('/tmp/lock2')).toBeUndefined();
  });

  it('stops lockf at a lock another run holds, until it is free or lockf gives up', () => {
    const sim = newHost();
    const holder = started(sim, 'lockf -k /tmp/lock /bin/sh -c "read -r x"');
    const waiter = sim.start('echo first; lockf -t 5 /tmp/lock echo got it');
    expect(waiter.resume()).toEqual({ kind: 'lock', path: '/tmp/lock', timeoutS: 5 });
    expect(waiter.stdout.text()).toBe('first\n');
    holder.end();
    expect(waiter.resume(true)).toBeUndefined();
    expect(waiter.result?.stdout).toBe('first\ngot it\n');

    const again = started(sim, 'lockf -k /tmp/lock /bin/sh -c "read -r x"');
    expect(again.at).toEqual(STDIN);
    const late = sim.start('lockf -t 1 /tmp/lock echo never; echo "rc=$?"');
    expect(late.resume()).toMatchObject({ kind: 'lock' });
    // The driver answers false when -t ran out.
    expect(late.resume(false)).toBeUndefined();
    expect(late.result).toEqual({ stdout: 'rc=75\n', stderr: 'lockf: /tmp/lock: already locked\n', code: 0 });
  });

  it('undoes what a blocked command printed before it blocked (xtrace), and the variables it had assigned', () => {
    const s = started(newHost(), 'a=old; set -x; a=new b=$(head -c 3); set +x; echo "$a $b"');
    expect(s.at).toEqual(STDIN);
    expect(s.input('x')).toEqual(STDIN);
    expect(s.run.stderr.text()).toBe('');
    expect(s.input('yz')).toBeUndefined();
    expect(s.run.result?.stdout).toBe('new xyz\n');
    expect(s.run.result?.stderr).toBe('+ head -c 3\n+ set +x\n');
  });

  it('fails loudly rather than run again something that changed the host', () => {
    const sim = newHost();
    expect(() => started(sim, 'x=$(touch /tmp/t; cat)')).toThrow(SimSuspendError);
    expect(() => started(sim, 'x=$(echo hi; cat)')).toThrow(/blocked on stdin after other commands in it had run/);
    expect(() => started(sim, 'n=0; x=$((n += 1))$(cat)')).toThrow(/its expansion assigned a variable/);
    // Reading before anything else is what every command does: that waits fine.
    expect(started(sim, 'x=$(cat); echo "$x"').at).toEqual(STDIN);
  });

  it('leaves a plain exec as it was: the whole stdin, closed, nothing waits', () => {
    const sim = newHost();
    expect(sim.exec('read -r a; x=$(head -c 3); rest=$(cat); echo "$a|$x|$rest"', { stdin: 'line\néxyz' })).toEqual({ stdout: 'line|éx|yz\n', stderr: '', code: 0 });
  });
});

describe('the shell the session script needs, as FreeBSD sh has it', () => {
  it('IFS= on read -r keeps blanks and backslashes, for that read only', () => {
    const sim = newHost();
    const script = 'IFS=: ; before=$IFS; IFS= read -r line; printf \'[%s]\' "$line" "$before" "$IFS"; read -r a b; printf \'(%s)\' "$a" "$b"';
    expect(sim.exec(script, { stdin: '  a\\b c  \nx:y\n' }).stdout).toBe('[  a\\b c  ][:][:](x)(y)');
  });

  it('${var#pattern} with a quoted pattern matches its * literally', () => {
    const sim = newHost();
    expect(sim.exec(`v='@@x:*chunk 12 34'; a=\${v#'@@x:*chunk '}; b=\${v#@@x:*chunk}; echo "$a|$b"`).stdout).toBe('12 34| 12 34\n');
    expect(sim.exec(`v='@@x:yychunk 1'; echo "\${v#'@@x:*chunk '}"`).stdout).toBe('@@x:yychunk 1\n');
  });

  it('case with a quoted pattern followed by *, and $((...))', () => {
    const sim = newHost();
    const script = `for h in '@@n:chunk 3 9' 'other' '@@n:chunkX'; do case $h in '@@n:chunk '*) echo "hit $h" ;; *) echo miss ;; esac; done; n=41; n=$((n + 1)); echo $n`;
    expect(sim.exec(script).stdout).toBe('hit @@n:chunk 3 9\nmiss\nmiss\n42\n');
  });
});
