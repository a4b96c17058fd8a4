import { command, quote } from '../../shell/quote.js';
import { noChange, type FactReader, type Plan } from '../types.js';
import { guardPath, type CommandArgs } from './args.js';
import { existsFact, shellIn, statusFact } from './facts.js';

/** The step's shell text: cmd through `/bin/sh -c`, argv as quoted words. */
export function commandText(args: CommandArgs): string {
  if (args.cmd !== undefined) return shellIn(args.chdir, args.cmd);
  const words = command(...(args.argv ?? []));
  return args.chdir === undefined ? words : `cd ${quote(args.chdir)} && ${words}`;
}

function shown(args: CommandArgs): string {
  const text = args.cmd ?? (args.argv ?? []).join(' ');
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 60 || text.includes('\n') ? `${line.slice(0, 60)}...` : line;
}

/** Why the command is skipped, or undefined when it runs. */
function skipReason(args: CommandArgs, facts: FactReader): string | undefined {
  if (args.creates !== undefined) {
    const p = guardPath(args, args.creates);
    if (facts.get(existsFact(p))) return `${p} exists`;
  }
  if (args.removes !== undefined) {
    const p = guardPath(args, args.removes);
    if (!facts.get(existsFact(p))) return `${p} does not exist`;
  }
  if (args.unless !== undefined && facts.get(statusFact(args.chdir, args.unless)) === 0) return 'unless command exited 0';
  if (args.onlyif !== undefined) {
    const code = facts.get(statusFact(args.chdir, args.onlyif));
    if (code !== 0) return `onlyif command exited ${code}`;
  }
  return undefined;
}

export function planCommand(args: CommandArgs, facts: FactReader): Plan {
  const skip = skipReason(args, facts);
  if (skip !== undefined) return noChange(`skipped: ${skip}`);
  // No `changes` (the user's command may change anything) and no updates:
  // creates/removes are guards, not promises — a command that exits 0 need
  // not have made (or removed) the path, so later tasks read it again.
  return {
    changed: args.changed_when,
    message: `run: ${shown(args)}`,
    steps: [{ title: `command: ${shown(args)}`, command: commandText(args) }],
    diffs: [],
    updates: [],
  };
}
