import { describe, expect, it } from 'vitest';
import { commandModule } from '../../src/modules/command/index.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import { commands, context, fail, factsOf, NASTY, NASTY_QUOTED, ok, play, planOne, StaleFact } from './harness.js';

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
    for (const bad of [{}, { cmd: 'a', argv: ['b'] }, { cmd: '  ' }, { cmd: 'x', creates: 'relative' }, { cmd: 'x', changed_when: '"ok" in stdout' }]) {
      expect(commandModule.schema.safeParse(bad).success).toBe(false);
    }
  });

  it('the step exits with the command\'s own code and keeps its stderr', () => {
    const [cmd] = commands(planOne({}, [commandModule, { cmd: 'echo out; echo boom >&2; exit 3' }]));
    const host = new SimHost('t', freshHostState({ hostname: 't', address: '192.0.2.11' }));
    expect(host.exec(cmd!)).toEqual({ stdout: 'out\n', stderr: 'boom\n', code: 3 });
    // A syntax error in the user's text is that step's failure, not the whole script's.
    const [broken] = commands(planOne({}, [commandModule, { cmd: 'echo )' }]));
    expect(host.exec(`${broken!}; echo after`)).toMatchObject({ stdout: 'after\n' });
  });
});
