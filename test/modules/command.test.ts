import { describe, expect, it } from 'vitest';
import { commandModule } from '../../src/modules/command/index.js';
import { writeCommandFiles } from '../../src/sim/command-files.js';
import { commands, context, fail, factsOf, NASTY, NASTY_QUOTED, ok, play, planOne, StaleFact } from './harness.js';
import { simHost } from '../helpers/sim-host.js';

const EXISTS = ok('');
const MISSING = fail(1, '');

describe('command', () => {
  it('runs cmd as one quoted /bin/sh -c word (its syntax errors stay in its own step)', () => {
    const plan = planOne({}, [commandModule, { cmd: 'echo a | tr a b > /tmp/x' }]);
    expect(plan).toMatchObject({
      changed: true,
      message: 'run: echo a | tr a b > /tmp/x',
      steps: [{ title: 'command: echo a | tr a b > /tmp/x', command: "/bin/sh -c 'echo a | tr a b > /tmp/x'" }],
    });
  });

  it('quotes every argv word', () => {
    const plan = planOne({}, [commandModule, { argv: ['printf', '%s\\n', NASTY], chdir: '/var/tmp' }]);
    expect(commands(plan)).toEqual([`cd /var/tmp && printf '%s\\n' ${NASTY_QUOTED}`]);
  });

  it('creates: runs when the path is missing, predicts nothing, and a later task reads the path again', () => {
    const task = [commandModule, { cmd: 'make install', chdir: '/usr/src', creates: 'obj/done' }] as const;
    expect(factsOf([...task]).map((f) => f.command)).toEqual(['test -e /usr/src/obj/done']);
    const [first] = play({ 'test -e /usr/src/obj/done': MISSING }, [[...task]]);
    expect(commands(first!)).toEqual(["cd /usr/src && /bin/sh -c 'make install'"]);
    expect(first!.updates).toEqual([]);
    expect(() => play({ 'test -e /usr/src/obj/done': MISSING }, [[...task], [...task]])).toThrow(new StaleFact('exists::/usr/src/obj/done', 0));
    const [, again] = play({ 'test -e /usr/src/obj/done': MISSING }, [[...task], [...task]], context(), { 'test -e /usr/src/obj/done': EXISTS });
    expect(again).toEqual({ changed: false, message: 'skipped: /usr/src/obj/done exists', steps: [], diffs: [], updates: [] });
    expect(planOne({ 'test -e /usr/src/obj/done': EXISTS }, [...task]).changed).toBe(false);
  });

  it('a command that ran does not make its creates: path exist for the next task (the motd issue)', () => {
    const tasks = [
      [commandModule, { cmd: 'echo x >> /etc/motd', creates: '/var/db/done' }],
      [commandModule, { cmd: 'touch /var/db/done', creates: '/var/db/done' }],
    ] as const;
    // The first command did not create it: read again, it is still missing, and the second runs.
    const [, second] = play({ 'test -e /var/db/done': MISSING }, [[...tasks[0]], [...tasks[1]]], context(), { 'test -e /var/db/done': MISSING });
    expect(commands(second!)).toEqual(["/bin/sh -c 'touch /var/db/done'"]);
  });

  it('removes: runs only when the path exists', () => {
    const task = [commandModule, { argv: ['rm', '/var/run/stale.pid'], removes: '/var/run/stale.pid' }] as const;
    expect(planOne({ 'test -e /var/run/stale.pid': MISSING }, [...task]).message).toBe('skipped: /var/run/stale.pid does not exist');
    expect(planOne({ 'test -e /var/run/stale.pid': EXISTS }, [...task]).changed).toBe(true);
  });

  it('unless / onlyif: decided by the exit code read with the facts, output discarded', () => {
    const unless = [commandModule, { cmd: 'newaliases', unless: "test /etc/mail/aliases.db -nt /etc/mail/aliases" }] as const;
    const key = "/bin/sh -c 'test /etc/mail/aliases.db -nt /etc/mail/aliases' >/dev/null 2>&1";
    expect(factsOf([...unless]).map((f) => f.command)).toEqual([key]);
    expect(planOne({ [key]: ok('') }, [...unless]).message).toBe('skipped: unless command exited 0');
    expect(planOne({ [key]: fail(1, '') }, [...unless]).changed).toBe(true);
    const onlyif = [commandModule, { cmd: 'service ntpd onerestart', onlyif: 'service ntpd onestatus', chdir: '/' }] as const;
    const only = "cd / && /bin/sh -c 'service ntpd onestatus' >/dev/null 2>&1";
    expect(planOne({ [only]: fail(1, '') }, [...onlyif]).message).toBe('skipped: onlyif command exited 1');
    expect(planOne({ [only]: ok('') }, [...onlyif]).changed).toBe(true);
  });

  it('changed_when: false runs the command but reports no change', () => {
    const plan = planOne({}, [commandModule, { argv: ['true'], changed_when: false }]);
    expect(plan).toMatchObject({ changed: false, steps: [{ command: 'true' }] });
  });

  it('rejects ambiguous or incomplete arguments', () => {
    for (const bad of [{}, { cmd: 'a', argv: ['b'] }, { cmd: '  ' }, { cmd: 'x', creates: 'relative' }, { cmd: 'x', changed_when: '"ok" in stdout' }, { cmd: 'x', jail: '-j' }, { cmd: 'x', jail: 'a b' }]) {
      expect(commandModule.schema.safeParse(bad).success).toBe(false);
    }
  });

  it('jail: runs through jexec -l, cmd as one quoted sh -c word, argv as jexec words, chdir inside the jail', () => {
    expect(commands(planOne({}, [commandModule, { cmd: 'echo a | tr a b > /tmp/x', jail: 'www' }]))).toEqual([
      "jexec -l www /bin/sh -c 'echo a | tr a b > /tmp/x'",
    ]);
    expect(commands(planOne({}, [commandModule, { cmd: 'make; make install', jail: 'www', chdir: '/usr/src' }]))).toEqual([
      "jexec -l www /bin/sh -c 'cd /usr/src && /bin/sh -c '\\''make; make install'\\'''",
    ]);
    expect(commands(planOne({}, [commandModule, { argv: ['printf', '%s', NASTY], jail: 'www' }]))).toEqual([`jexec -l www printf %s ${NASTY_QUOTED}`]);
    const plan = planOne({}, [commandModule, { argv: ['ls'], jail: 'www', chdir: '/var/tmp' }]);
    expect(plan).toMatchObject({ message: 'run in jail www: ls', steps: [{ title: 'command in jail www: ls', command: "jexec -l www /bin/sh -c 'cd /var/tmp && ls'" }] });
    // What a jailed root can reach, not everything: a later host sysctl fact stays fresh.
    expect(plan.steps[0]!.changes).toEqual(['jail:www', 'jails', 'net', 'mounts']);
  });

  it('jail: the guards are read through jexec inside the jail, and a second run changes nothing', () => {
    const task = [commandModule, { cmd: 'pkg info > pkgs', jail: 'www', chdir: '/root', creates: 'pkgs', unless: 'test -f /x' }] as const;
    const exists = 'jexec -l www test -e /root/pkgs';
    const unless = "jexec -l www /bin/sh -c '{ cd /root && /bin/sh -c '\\''test -f /x'\\''; } >/dev/null 2>&1'";
    expect(factsOf([...task]).map((f) => [f.key, f.command, f.reads])).toEqual([
      ['exists:www:/root/pkgs', exists, ['jail:www']],
      ['status:@www:/root:test -f /x', unless, undefined],
    ]);
    expect(planOne({ [exists]: MISSING, [unless]: fail(1, '') }, [...task]).changed).toBe(true);
    const second = planOne({ [exists]: EXISTS, [unless]: fail(1, '') }, [...task]);
    expect(second).toEqual({ changed: false, message: 'skipped: /root/pkgs exists in jail www', steps: [], diffs: [], updates: [] });
    expect(planOne({ [exists]: MISSING, [unless]: ok('') }, [...task]).message).toBe('skipped: unless command exited 0 in jail www');
  });

  it('jail: a jail jexec cannot enter fails the guard, never reads as "missing" or "exited 1"', () => {
    const notFound = fail(1, 'jexec: jail "www" not found\n');
    const creates = [commandModule, { cmd: 'x', jail: 'www', creates: '/done' }] as const;
    expect(() => planOne({ 'jexec -l www test -e /done': notFound }, [...creates])).toThrow(/inside jail www: is the jail running\?/);
    const onlyif = [commandModule, { cmd: 'x', jail: 'www', onlyif: 'true' }] as const;
    expect(() => planOne({ "jexec -l www /bin/sh -c '{ /bin/sh -c true; } >/dev/null 2>&1'": notFound }, [...onlyif])).toThrow(/is the jail running/);
  });

  it('jail: runs in the simulator inside the jail root, with its own exit code', () => {
    const host = simHost('t', { hostname: 't', address: '192.0.2.11' });
    host.exec('mkdir -p /j/bin /j/tmp && jail -c name=j path=/j persist');
    writeCommandFiles(host.fs, '/j'); // jexec runs the jail's own /bin/sh
    const [cmd] = commands(planOne({}, [commandModule, { cmd: 'echo in > /tmp/f; exit 3', jail: 'j', chdir: '/tmp' }]));
    expect(host.exec(cmd!).code).toBe(3);
    expect(host.exec('cat /j/tmp/f').stdout).toBe('in\n');
  });

  it('the step exits with the command\'s own code and keeps its stderr', () => {
    const [cmd] = commands(planOne({}, [commandModule, { cmd: 'echo out; echo boom >&2; exit 3' }]));
    const host = simHost('t', { hostname: 't', address: '192.0.2.11' });
    expect(host.exec(cmd!)).toEqual({ stdout: 'out\n', stderr: 'boom\n', code: 3 });
    // A syntax error in the user's text is that step's failure, not the whole script's.
    const [broken] = commands(planOne({}, [commandModule, { cmd: 'echo )' }]));
    expect(host.exec(`${broken!}; echo after`)).toMatchObject({ stdout: 'after\n' });
  });
});
