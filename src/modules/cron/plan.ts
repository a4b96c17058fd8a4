import { command, quote } from '../../shell/quote.js';
import { fileFact } from '../facts/file-fact.js';
import { planFile } from '../file-edit/plan-file.js';
import { toPlan } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { hostOrJail, nodeScope, pathScope } from '../scopes.js';
import { noChange, type FactReader, type ModuleContext, type Plan } from '../types.js';
import type { CronArgs } from './args.js';
import { isEmpty, jobLine, withJob } from './crontab-text.js';
import { crontabFact, crontabWords, SPOOL } from './facts.js';

function note(args: CronArgs, before: string, where: string): string {
  if (args.state === 'absent') return `cron job ${args.name} removed from ${where}`;
  return before.includes(`#Ansible: ${args.name}\n`) ? `cron job ${args.name} changed in ${where}` : `cron job ${args.name} added to ${where}`;
}

function unchanged(args: CronArgs, where: string): Plan {
  return noChange(args.state === 'absent' ? `cron job ${args.name} is not in ${where}` : `cron job ${args.name} is as declared in ${where}`);
}

function planUserCrontab(args: CronArgs, facts: FactReader): Plan {
  const spec = crontabFact(args.user, args.jail);
  const current = facts.get(spec);
  const inJail = args.jail === undefined ? '' : ` in jail ${args.jail}`;
  if (current.kind === 'no-user') throw new PlanError(`user ${args.user} does not exist${inJail}: crontab -u ${args.user} cannot install a crontab`);
  const where = `${args.user}'s crontab${inJail}`;
  const before = current.kind === 'tab' ? current.content : '';
  const after = withJob(before, args.name, args.state === 'present' ? jobLine(args) : undefined);
  if (after === before) return unchanged(args, where);
  const changes = hostOrJail(args.jail, [pathScope(`${SPOOL}/${args.user}`), nodeScope(SPOOL)]);
  const diffs = [{ label: `crontab -u ${args.user}${inJail}`, before, after }];
  // Nothing left: remove the crontab, as a cron_file left empty is removed.
  if (isEmpty(after) && current.kind === 'tab') {
    const step = { title: `crontab -u ${args.user} -r${inJail}`, command: crontabWords(args.jail, ['-u', args.user, '-r']), changes };
    return { changed: true, message: `${note(args, before, where)}; the crontab, now empty, removed`, steps: [step], diffs, updates: [{ spec, value: { kind: 'none' } }] };
  }
  // crontab(1) reads the new crontab from stdin ("-"); it checks the syntax before it installs anything.
  const step = { title: `crontab -u ${args.user} -${inJail}`, command: `printf '%s' ${quote(after)} | ${crontabWords(args.jail, ['-u', args.user, '-'])}`, changes };
  return { changed: true, message: note(args, before, where), steps: [step], diffs, updates: [{ spec, value: { kind: 'tab', content: after } }] };
}

function planCronFile(path: string, args: CronArgs, facts: FactReader, ctx: ModuleContext): Plan {
  const spec = fileFact(path);
  const current = facts.get(spec);
  if (current.kind === 'directory' || current.kind === 'other') throw new PlanError(`${path} exists and is not a regular file`);
  const before = current.kind === 'file' ? current.content : '';
  const after = withJob(before, args.name, args.state === 'present' ? jobLine(args) : undefined);
  if (after === before) return unchanged(args, path);
  if (isEmpty(after)) {
    // Ansible's remove_job_file: a cron_file with no job left goes.
    const step = { title: `remove ${path}`, command: command('rm', '-f', path), changes: [pathScope(path)] };
    return { changed: true, message: `${note(args, before, path)}; ${path}, now empty, removed`, steps: [step], diffs: [{ label: path, before, after: '' }], updates: [{ spec, value: { kind: 'absent' } }] };
  }
  return toPlan(planFile(current, { path, content: after, backup: false, contentNote: note(args, before, path) }, ctx.vars), unchanged(args, path).message);
}

export function planCron(args: CronArgs, facts: FactReader, ctx: ModuleContext): Plan {
  return args.cron_file === undefined ? planUserCrontab(args, facts) : planCronFile(args.cron_file, args, facts, ctx);
}
