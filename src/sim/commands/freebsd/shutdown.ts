/**
 * shutdown(8) and poweroff(8) (sbin/shutdown/shutdown.c): `shutdown -p now`
 * (or `poweroff`) prints "Shutdown NOW!", forks, and the parent exits 0
 * with errx(0, "[pid %d]") naming the child. stdout is a pipe, so stdio
 * holds "Shutdown NOW!" in a buffer both processes inherit: the parent
 * flushes it at exit and the child again at its own, after
 * die_you_gravy_sucking_pig_dog() adds "\r\nSystem shutdown time has
 * arrived\a\a\r\n" (the child writes the FINAL wall message to the
 * logged-in terminals, not to the command's output). The child then signals
 * init(8) (SIGUSR2), which powers the machine off: the simulated host goes
 * off when the exec that ran the command ends (power.ts). Only an immediate
 * power-off is modelled: -r, -h, -c, -k, -o and a later time say they are
 * not supported. Inside a jail the child's kill(1, ...) reaches no init and
 * nothing happens (INFERRED: jailed processes cannot see the host's pid 1).
 */
import type { SimCommand } from '../../types.js';
import { requestPowerOff } from '../../power.js';
import { Output } from './output.js';

const USAGE = 'usage: shutdown [-] [-c | -h | -p | -r | -k] [-o [-n]] time [warning-message ...]\n       poweroff\n';

/** getoffset(): "now" (any case) and +0 are immediate; other valid times are later; anything else is "bad time format". */
function timeOf(arg: string): 'now' | 'later' | 'bad' {
  if (arg.toLowerCase() === 'now') return 'now';
  const plus = /^\+(\d+)(m|min|mins|h|hour|hours|s|sec|secs)?$/i.exec(arg);
  if (plus) return Number(plus[1]) === 0 ? 'now' : 'later';
  const digits = arg.replace(/^(\d\d):(\d\d)$/, '$1$2');
  return /^\d+$/.test(digits) && [4, 6, 8, 10].includes(digits.length) ? 'later' : 'bad';
}

function powerOff(prog: string, ctx: Parameters<SimCommand>[0], out: Output): ReturnType<SimCommand> {
  // The parent's flush, then the child's copy of the same buffer with what it adds.
  out.out('Shutdown NOW!\nShutdown NOW!\n\r\nSystem shutdown time has arrived\x07\x07\r\n');
  const child = ctx.host.newPid();
  if (ctx.jail === undefined) requestPowerOff(ctx.host.state);
  return out.err(`${prog}: [pid ${child}]\n`).result(0);
}

export const poweroff: SimCommand = (ctx) => {
  const out = new Output();
  // poweroff takes no options and no operands (getopt(argc, argv, "")).
  if (ctx.argv.length > 1) {
    const a = ctx.argv[1]!;
    if (a.startsWith('-') && a !== '-' && a !== '--') out.err(`poweroff: illegal option -- ${a[1]}\n`);
    return out.err(USAGE).result(1);
  }
  return powerOff('poweroff', ctx, out);
};

export const shutdown: SimCommand = (ctx) => {
  const out = new Output();
  const flags = new Set<string>();
  let i = 1;
  for (; i < ctx.argv.length; i++) {
    const a = ctx.argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    if (a === '-') {
      flags.add('-');
      continue;
    }
    for (const c of a.slice(1)) {
      if (!'chknopr'.includes(c)) return out.err(`shutdown: illegal option -- ${c}\n${USAGE}`).result(1);
      flags.add(c);
    }
  }
  const operands = ctx.argv.slice(i);
  if (operands.length < 1) return out.err(USAGE).result(1);
  const kinds = ['c', 'h', 'k', 'p', 'r'].filter((f) => flags.has(f));
  if (kinds.length > 1) return out.err(`shutdown: incompatible switches -c, -h, -k, -p and -r\n${USAGE}`).result(1);
  if (flags.has('o') && !['c', 'h', 'p', 'r'].some((f) => flags.has(f))) return out.err(`shutdown: -o requires -c, -h, -p or -r\n${USAGE}`).result(1);
  if (flags.has('n') && !flags.has('o')) return out.err(`shutdown: -n requires -o\n${USAGE}`).result(1);
  const when = timeOf(operands[0]!);
  if (when === 'bad') return out.err('shutdown: bad time format\n').result(1);
  const unsupported = [...flags].find((f) => f !== 'p' && f !== '-');
  if (unsupported) return out.err(`shutdown: -${unsupported} is not supported by the simulator (only -p now, or poweroff)\n`).result(1);
  if (!flags.has('p')) return out.err('shutdown: going to single-user mode is not supported by the simulator (only -p now, or poweroff)\n').result(1);
  if (when === 'later') return out.err('shutdown: a shutdown at a later time is not supported by the simulator (only -p now, or poweroff)\n').result(1);
  // The warning message (operands, or stdin with "-") only goes to wall(1) and the syslog.
  if (flags.has('-')) void ctx.stdin;
  return powerOff('shutdown', ctx, out);
};
