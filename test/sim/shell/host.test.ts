import { describe, expect, it } from 'vitest';
import { writeCommandFiles } from '../../../src/sim/command-files.js';
import { SimConnectionDropped, SimHost } from '../../../src/sim/host.js';
import type { SimCommand } from '../../../src/sim/types.js';
import { allCommands } from '../../../src/sim/commands/index.js';
import { CLOCK, full, newHost, seedState } from './fixture.js';

describe('SimHost', () => {
  it('runs as root in /root with the login environment, one clock tick per exec', () => {
    const host = newHost();
    expect(host.exec('pwd; echo $HOME $USER $SHELL; date +%s')).toEqual(full({ stdout: `/root\n/root root /bin/sh\n${CLOCK + 1}\n` }));
    expect(host.exec('date +%s')).toEqual(full({ stdout: `${CLOCK + 2}\n` }));
    expect(host.state.clock).toBe(CLOCK + 2);
  });

  it('starts in / when /root does not exist', () => {
    const state = seedState();
    delete state.fs['/root'];
    expect(new SimHost('h', state).exec('pwd')).toEqual(full({ stdout: '/\n' }));
  });

  it('allocates pids from state.nextPid', () => {
    const host = newHost();
    expect(host.newPid()).toBe(1000);
    expect(host.state.nextPid).toBe(1001);
  });

  it('keeps its state plain JSON', () => {
    const host = newHost();
    host.exec('mkdir -p /a/b && echo x > /a/b/f && ln -s /a/b/f /a/l');
    expect(JSON.parse(JSON.stringify(host.state))).toEqual(host.state);
  });

  it('fails a command matched by a failCommand fault instead of running it', () => {
    const host = newHost();
    const r = host.exec('mkdir /x; echo $?; mkdir /y', { faults: { failCommand: [{ match: 'mkdir /x', code: 70, stderr: 'injected\n' }] } });
    expect(r).toEqual(full({ stdout: '70\n', stderr: 'injected\n' }));
    expect(host.fs.exists('/x')).toBe(false);
    expect(host.fs.exists('/y')).toBe(true);
  });

  /*
   * A dropped connection as sshd leaves a command without a pty: no signal
   * is sent, the command runs on; its stdin reads EOF and a write to its
   * stdout or stderr (pipes whose reader is gone) raises SIGPIPE in the
   * writer (write(2) EPIPE, pipe(7)). A subshell resets caught traps but keeps
   * ignored ones, and exec keeps ignored signals (POSIX XCU 2.12, sigaction(2)).
   */
  describe('after a dropped connection (dropAfterCommands)', () => {
    it('runs on to the end when nothing writes: the caller learns of the drop only then', () => {
      const host = newHost();
      expect(() => host.exec('touch /tmp/1; touch /tmp/2; touch /tmp/3', { faults: { dropAfterCommands: 2 } })).toThrow(SimConnectionDropped);
      expect(host.fs.readdir('/tmp')).toEqual(['1', '2', '3']);
    });

    it('kills the shell at its first write (SIGPIPE): nothing after it runs, not even its EXIT trap', () => {
      const host = newHost();
      expect(() => host.exec("trap 'touch /tmp/exit' EXIT; touch /tmp/1; echo gone; touch /tmp/2", { faults: { dropAfterCommands: 2 } })).toThrow(SimConnectionDropped);
      expect(host.fs.readdir('/tmp')).toEqual(['1']);
    });

    it('kills only the external command that writes (status 141): its shell goes on', () => {
      const host = newHost();
      expect(() => host.exec('touch /tmp/1; ls /; echo $? > /tmp/status', { faults: { dropAfterCommands: 1 } })).toThrow(SimConnectionDropped);
      expect(host.fs.readFile('/tmp/status')).toBe('141\n');
    });

    it("kills a subshell that writes, and its parent goes on", () => {
      const host = newHost();
      expect(() => host.exec('touch /tmp/1; (echo x; touch /tmp/no); echo $? > /tmp/status', { faults: { dropAfterCommands: 1 } })).toThrow(SimConnectionDropped);
      expect(host.fs.readdir('/tmp')).toEqual(['1', 'status']);
      expect(host.fs.readFile('/tmp/status')).toBe('141\n');
    });

    it("goes on past every write when SIGPIPE is ignored, in subshells and child scripts too", () => {
      const host = newHost();
      host.exec("printf '#!/bin/sh\\necho child\\ntouch /tmp/child\\n' > /tmp/s.sh; chmod +x /tmp/s.sh");
      const script = "trap '' PIPE; touch /tmp/1; echo x; (echo y; touch /tmp/2); /tmp/s.sh; ls / ; echo $? > /tmp/ls";
      expect(() => host.exec(script, { faults: { dropAfterCommands: 3 } })).toThrow(SimConnectionDropped);
      expect(host.fs.readdir('/tmp').sort()).toEqual(['1', '2', 'child', 'ls', 's.sh']);
      // The write fails (EPIPE): ls reports the error and exits 1.
      expect(host.fs.readFile('/tmp/ls')).toBe('1\n');
    });

    it('runs a caught PIPE trap at the write, and then the EXIT trap', () => {
      const host = newHost();
      const script = "trap 'rm -f /tmp/t' EXIT; trap 'exit 141' PIPE; touch /tmp/t; echo x; touch /tmp/never";
      expect(() => host.exec(script, { faults: { dropAfterCommands: 3 } })).toThrow(SimConnectionDropped);
      expect(host.fs.readdir('/tmp')).toEqual([]);
    });
  });

  it('gives commands ctx.run to run nested shell text under a root', () => {
    const inJail: SimCommand = (ctx) => ctx.run(ctx.argv.slice(2).join(' '), { root: ctx.argv[1]!, jail: 'j1' });
    const host = new SimHost('h', seedState(), { commands: { ...allCommands, injail: inJail } });
    host.exec('mkdir -p /jails/j1/etc && echo jailed > /jails/j1/etc/motd');
    // Commands run from the root's own /bin, /usr/bin, ... (command-files.ts).
    writeCommandFiles(host.fs, '/jails/j1');
    expect(host.exec('injail /jails/j1 cat /etc/motd; injail /jails/j1 ls /')).toEqual(full({ stdout: 'jailed\nbin\netc\nsbin\nusr\n' }));
  });

  it('runs a #!/bin/sh script from the filesystem by path', () => {
    const host = newHost();
    host.exec("printf '#!/bin/sh\\necho script $0 $1\\n' > /tmp/s.sh; chmod +x /tmp/s.sh");
    expect(host.exec('/tmp/s.sh arg; sh /tmp/s.sh two')).toEqual(full({ stdout: 'script /tmp/s.sh arg\nscript /tmp/s.sh two\n' }));
  });

  it('resolves absolute command paths by basename', () => {
    expect(newHost().exec('/bin/cat /etc/group | /usr/bin/head -n 1')).toEqual(full({ stdout: 'wheel:*:0:root\n' }));
  });
});

describe('sh as a command', () => {
  it.each([
    ["/bin/sh -c 'echo '\\''q'\\'' \"$0\" \"$1\"' zero one", { stdout: 'q zero one\n' }],
    ["sh -n -c 'if true; then echo x; fi'; echo $?", { stdout: '0\n' }],
    ["sh -n -c 'if true; echo x; fi'; echo $?", { stdout: '2\n', stderr: 'sh: Syntax error: "fi" unexpected\n' }],
    ["printf 'echo from-stdin $1\\n' | sh -s arg1", { stdout: 'from-stdin arg1\n' }],
    ["echo x | sh -c 'cat'", { stdout: 'x\n' }],
    ["sh -e -c 'false; echo no'; echo $?", { stdout: '1\n' }],
    ["sh -c 'exit 4'; echo $?", { stdout: '4\n' }],
    ['sh /nope; echo $?', { stdout: '127\n', stderr: 'sh: cannot open /nope: No such file or directory\n' }],
  ] as const)('%s', (script, expected) => {
    expect(newHost().exec(script)).toEqual(full(expected));
  });
});
