import { command, quote } from '../../shell/quote.js';
import { noChange, type FactReader, type Plan, type Step } from '../types.js';
import { guardPath, type CommandArgs } from './args.js';
import { existsInFact, shellIn, statusInFact } from './facts.js';
import { jailCommandChanges, jexecShell, jexecWords } from './in-jail.js';

/** The step's shell text: cmd through `/bin/sh -c`, argv as quoted words; in a jail through jexec. */
export function commandText(args: CommandArgs): string {
  if (args.jail !== undefined) return jailText(args.jail, args);
  if (args.cmd !== undefined) return shellIn(args.chdir, args.cmd);
  const words = command(...(args.argv ?? []));
  return args.chdir === undefined ? words : `cd ${quote(args.chdir)} && ${words}`;
}

function jailText(jail: string, args: CommandArgs): string {
  if (args.cmd !== undefined) return jexecShell(jail, args.chdir === undefined ? args.cmd : shellIn(args.chdir, args.cmd));
  const argv = args.argv ?? [];
  return args.chdir === undefined ? jexecWords(jail, argv) : jexecShell(jail, `cd ${quote(args.chdir)} && ${command(...argv)}`);
}

function shown(args: CommandArgs): string {
  const text = args.cmd ?? (args.argv ?? []).join(' ');
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 60 || text.includes('\n') ? `${line.slice(0, 60)}...` : line;
}

/** Why the command is skipped, or undefined when it runs. */
function skipReason(args: CommandArgs, facts: FactReader): string | undefined {
  const where = args.jail === undefined ? '' : ` in jail ${args.jail}`;
  if (args.creates !== undefined) {
    const p = guardPath(args, args.creates);
    if (facts.get(existsInFact(args.jail, p))) return `${p} exists${where}`;
  }
  if (args.removes !== undefined) {
    const p = guardPath(args, args.removes);
    if (!facts.get(existsInFact(args.jail, p))) return `${p} does not exist${where}`;
  }
  if (args.unless !== undefined && facts.get(statusInFact(args.jail, args.chdir, args.unless)) === 0) return `unless command exited 0${where}`;
  if (args.onlyif !== undefined) {
    const code = facts.get(statusInFact(args.jail, args.chdir, args.onlyif));
    if (code !== 0) return `onlyif command exited ${code}${where}`;
  }
  return undefined;
}

function commandStep(args: CommandArgs): Step {
  const title = `command${args.jail === undefined ? '' : ` in jail ${args.jail}`}: ${shown(args)}`;
  // On the host no `changes`: the user's command may change anything. In a
  // jail it can reach only what the jail reaches.
  return { title, command: commandText(args), ...(args.jail !== undefined ? { changes: jailCommandChanges(args.jail) } : {}) };
}

export function planCommand(args: CommandArgs, facts: FactReader): Plan {
  const skip = skipReason(args, facts);
  if (skip !== undefined) return noChange(`skipped: ${skip}`);
  // No updates: creates/removes are guards, not promises — a command that
  // exits 0 need not have made (or removed) the path, so later tasks read
  // it again.
  return {
    changed: args.changed_when,
    message: `run${args.jail === undefined ? '' : ` in jail ${args.jail}`}: ${shown(args)}`,
    steps: [commandStep(args)],
    diffs: [],
    updates: [],
  };
}
