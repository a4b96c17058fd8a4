/**
 * kill(1) as FreeBSD's bin/kill/kill.c has it, built into sh as well (the
 * same file with SHELL defined: usage and errx end the builtin with status 2,
 * warn prints `kill: PID: strerror` and goes on to the next pid, status 1).
 * `-l [exit_status]` lists or names signals (sys_signame, 128 taken off an
 * exit status); `-s name`, `-NAME` and `-N` choose the signal (default
 * TERM). A pid is one of the daemons the simulated host runs
 * (rc/signals.ts: what each signal does to it); a jailed command sees only
 * its jail's. Process groups (0 and negative pids) and job specs (`%1`)
 * are not simulated and say so.
 */
import { deliver, signalList, signalNumber, SIGNAL_NAMES, SIGTERM, SYS_NSIG, visibleProcesses } from '../../rc/signals.js';
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';

const USAGE = ['usage: kill [-s signal_name] pid ...', '       kill -l [exit_status]', '       kill -signal_name pid ...', '       kill -signal_number pid ...'].join('\n');

class KillOutput {
  stdout = '';
  stderr = '';
  /** A fatal error (usage, errx, nosig): status 2 at once. */
  fatal(message?: string): SimResult {
    if (message !== undefined) this.stderr += `kill: ${message}\n`;
    return { stdout: this.stdout, stderr: this.stderr, code: 2 };
  }
  usage(): SimResult {
    this.stderr += `${USAGE}\n`;
    return this.fatal();
  }
  nosig(name: string): SimResult {
    this.stderr += `kill: unknown signal ${name}; valid signals:\n${signalList()}`;
    return this.fatal();
  }
}

/** strtol(3) over the whole word (leading blanks and a sign allowed), or undefined where kill.c's `*ep` check fails. */
function wholeNumber(word: string): number | undefined {
  return /^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(word) ? Number.parseInt(word, 10) : undefined;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

function list(args: string[], out: KillOutput): SimResult {
  if (args.length > 1) return out.usage();
  if (args.length === 0) return { stdout: signalList(), stderr: '', code: 0 };
  const arg = args[0]!;
  if (!isDigit(arg[0])) return out.usage();
  let n = wholeNumber(arg);
  if (n === undefined) return out.fatal(`illegal signal number: ${arg}`);
  if (n >= 128) n -= 128;
  if (n <= 0 || n >= SYS_NSIG) return out.nosig(arg);
  return { stdout: `${SIGNAL_NAMES[n - 1]}\n`, stderr: '', code: 0 };
}

/** The signal option, if any: the signal and how many words it took, or the result that ends the command. */
function signalOption(args: string[], out: KillOutput): { sig: number; used: number } | SimResult {
  const first = args[0]!;
  if (first === '-s') {
    const name = args[1];
    if (name === undefined) {
      out.stderr += 'kill: option requires an argument -- s\n';
      return out.usage();
    }
    if (name === '0') return { sig: 0, used: 2 };
    const sig = signalNumber(name);
    return sig < 0 ? out.nosig(name) : { sig, used: 2 };
  }
  if (!first.startsWith('-') || first[1] === '-') return { sig: SIGTERM, used: 0 };
  const spec = first.slice(1);
  if (isAlpha(spec[0])) {
    const sig = signalNumber(spec);
    return sig < 0 ? out.nosig(spec) : { sig, used: 1 };
  }
  if (!isDigit(spec[0])) return out.nosig(spec);
  const sig = wholeNumber(spec);
  return sig === undefined ? out.fatal(`illegal signal number: ${spec}`) : { sig, used: 1 };
}

/** One pid operand: 0 when signalled, 1 when kill(2) failed (warn), or the result that ends the command. */
function signalPid(ctx: SimCommandContext, word: string, sig: number, out: KillOutput): number | SimResult {
  if (word.startsWith('%')) return out.fatal(`${word}: job control is not simulated by jailfleet`);
  const pid = wholeNumber(word);
  if (pid === undefined || pid !== (pid | 0)) return out.fatal(`illegal process id: ${word}`);
  if (pid <= 0) return out.fatal(`${word}: process groups are not simulated by jailfleet`);
  const proc = visibleProcesses(ctx).find((p) => p.pid === pid);
  if (!proc) {
    out.stderr += `kill: ${word}: No such process\n`;
    return 1;
  }
  const r = deliver(ctx, proc, sig);
  if (r.ok) return 0;
  if ('errno' in r) {
    out.stderr += `kill: ${word}: Invalid argument\n`;
    return 1;
  }
  return out.fatal(`${word}: ${r.notSimulated} is not simulated by jailfleet`);
}

export const kill: SimCommand = (ctx) => {
  const out = new KillOutput();
  let args = ctx.argv.slice(1);
  if (args.length === 0) return out.usage();
  if (args[0] === '-l') return list(args.slice(1), out);
  const option = signalOption(args, out);
  if ('code' in option) return option;
  args = args.slice(option.used);
  if (args[0]?.startsWith('--')) args = args.slice(1);
  if (args.length === 0) return out.usage();
  let errors = 0;
  for (const word of args) {
    const r = signalPid(ctx, word, option.sig, out);
    if (typeof r !== 'number') return r;
    errors = Math.max(errors, r);
  }
  return { stdout: out.stdout, stderr: out.stderr, code: errors };
};
