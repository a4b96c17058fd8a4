/**
 * Issue 17: the `sysrc -f PATH -n NAME` facts of one file read by one
 * `sysrc -f PATH -e NAME...` (sysrc/batch.ts). Each name must get exactly
 * what its own `sysrc -n` prints, so parseRcValue gives the same value, the
 * same "unset", and the same errors naming the fact.
 *
 * FreeBSD usr.sbin/sysrc/sysrc, the query loop: per name, unknown →
 * f_err "%s: unknown variable '%s'\n" and status 1 (older versions echo it
 * on stdout); known → echo "${SHOW_NAME:+$NAME$SEP}$( f_sysrc_get "$NAME" )
 * ${SHOW_EQUALS:+\"}", which with -e is NAME="VALUE" and with -n VALUE.
 */
import { describe, expect, it } from 'vitest';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';
import { splitSysrcBatch, sysrcBatch } from '../../src/modules/sysrc/batch.js';
import { rcValueFact } from '../../src/modules/sysrc/facts.js';
import type { FactOutput } from '../../src/modules/types.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';

const PATH = '/etc/rc.conf';
const NAMES = ['sshd_enable', 'multi', 'quoted', 'empty', 'nosuch_var', 'cron_enable', 'syslogd_flags'];

describe('in the simulator (FreeBSD sysrc)', () => {
  const host = new SimHost('h', freshHostState({ hostname: 'h', address: '192.0.2.10' }));
  // rc.conf is sh: a quoted newline is part of the value; cron_enable comes from /etc/defaults/rc.conf only.
  host.fs.writeFile(PATH, 'sshd_enable="YES"\nmulti="a\nsyslogd_flags=\\"x\\"\nb"\nquoted=\'say "hi"\'\nempty=""\nsyslogd_flags="-ss"\n');
  const sim = (command: string): FactOutput => host.exec(`( ${command}\n) </dev/null`, { stdin: '' });
  const specs = NAMES.map((name) => rcValueFact({ name, path: PATH }));
  const batch = specs[0]!.batch!;

  it('gives each name what its own sysrc -n prints', () => {
    const split = splitSysrcBatch(sim(batch.command(NAMES)), NAMES);
    expect(split).toEqual(specs.map((s) => sim(s.command)));
    expect(split[NAMES.indexOf('multi')]).toEqual({ stdout: 'a\nsyslogd_flags="x"\nb\n', stderr: '', code: 0 });
    expect(split[NAMES.indexOf('nosuch_var')]).toEqual({ stdout: '', stderr: "sysrc: unknown variable 'nosuch_var'\n", code: 1 });
  });

  it('parses to the same values', () => {
    const split = splitSysrcBatch(sim(batch.command(NAMES)), NAMES);
    expect(specs.map((s, i) => s.parse(split[i]!))).toEqual(specs.map((s) => s.parse(sim(s.command))));
    expect(specs[NAMES.indexOf('cron_enable')]!.parse(split[NAMES.indexOf('cron_enable')]!)).toEqual({ set: true, value: 'YES' });
  });
});

describe('output of other shapes', () => {
  const a = rcValueFact({ name: 'a_enable', path: PATH });
  const b = rcValueFact({ name: 'b_enable', path: PATH });

  it('older sysrc: the unknown-variable message on stdout, between the records', () => {
    const out = { stdout: 'a_enable="YES"\nsysrc: unknown variable \'b_enable\'\n', stderr: '', code: 1 };
    const [fa, fb] = splitSysrcBatch(out, ['a_enable', 'b_enable']);
    expect(a.parse(fa!)).toEqual({ set: true, value: 'YES' });
    expect(fb).toEqual({ stdout: "sysrc: unknown variable 'b_enable'\n", stderr: '', code: 1 });
    expect(b.parse(fb!)).toEqual({ set: false });
  });

  it('a jail that is not running: each fact fails naming itself, in plain words', () => {
    const out = { stdout: '', stderr: 'jexec: jail "www" not found\n', code: 1 };
    const [fa] = splitSysrcBatch(out, ['a_enable', 'b_enable']);
    expect(() => a.parse(fa!)).toThrow(FactParseError);
    expect(() => a.parse(fa!)).toThrow(/^fact sysrc::\/etc\/rc\.conf:a_enable: jail www is not running/);
  });

  it('records it cannot account for, even with exit 0: the fact fails, never takes a wrong value or "unset"', () => {
    const out = { stdout: 'a_enable="YES"\nstray\n', stderr: "sysrc: unknown variable 'b_enable'\n", code: 0 };
    const [fa, fb] = splitSysrcBatch(out, ['a_enable', 'b_enable']);
    expect(() => a.parse(fa!)).toThrow('fact sysrc::/etc/rc.conf:a_enable: sysrc failed');
    expect(b.parse(fb!)).toEqual({ set: false });
  });
});

describe('batching', () => {
  it('one batch per file and jail; names that are not sh variable names keep their own command', () => {
    expect(rcValueFact({ name: 'x', path: PATH }).batch!.kind).toBe(rcValueFact({ name: 'y', path: PATH }).batch!.kind);
    expect(rcValueFact({ name: 'x', path: PATH }).batch!.kind).not.toBe(rcValueFact({ name: 'x', path: '/etc/rc.conf.local' }).batch!.kind);
    expect(rcValueFact({ name: 'x', path: PATH, jail: 'www' }).batch!.kind).not.toBe(rcValueFact({ name: 'x', path: PATH }).batch!.kind);
    expect(sysrcBatch(['sysrc', '-f', PATH], 'a=b')).toBeUndefined();
    expect(rcValueFact({ name: 'x', path: PATH, jail: 'www' }).batch!.command(['x', 'y'])).toBe('sysrc -j www -f /etc/rc.conf -e x y');
  });
});
