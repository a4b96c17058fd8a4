/** Options of every command that reads a playbook (Ansible's names), kept out of program.ts. */
import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** -e/--extra-vars, repeatable: validate has only this one. */
export function extraVarsOption(cmd: Command): Command {
  return cmd.option('-e, --extra-vars <vars>', 'variables above all others: key=value pairs, JSON, or @FILE (YAML/JSON); repeatable', collect);
}

/** What runs a playbook: -e, the listings and where to start. */
export function playbookRunOptions(cmd: Command): Command {
  return extraVarsOption(cmd)
    .option('--list-hosts', 'list each play\'s hosts (after --limit) and stop; nothing is sent')
    .option('--list-tasks', 'list each play\'s tasks with their tags and stop; nothing is sent')
    .option('--start-at-task <name>', 'start at the first task of this name (a glob matches too); earlier tasks do not run');
}
