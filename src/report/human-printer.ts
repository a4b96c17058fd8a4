/**
 * Plain, line-oriented output: one line per task result, diffs under it with
 * --diff, and the recap at the end. Used when stdout is not a TTY, and on a
 * TTY under the progress line.
 */
import type { DiffEvent, EventSink, RunEvent, TaskStatus } from './events.js';
import { unifiedDiff } from './diff-text.js';
import { formatRecap } from './recap.js';
import type { Redactor } from './redact.js';

export interface HumanPrinterOptions {
  write(text: string): void;
  diff: boolean;
  verbose: number;
  redactor: Redactor;
}

/** What one output line is about: a task's result, or one item of a loop. */
interface Result {
  task: string;
  status: TaskStatus;
  message: string;
  ignored?: boolean;
  rescued?: boolean;
  stdout?: string;
  diffs?: DiffEvent[];
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

function listHosts(hosts: string[]): string {
  return hosts.length > 12 ? `${hosts.slice(0, 12).join(', ')}, ... (+${hosts.length - 12})` : hosts.join(', ');
}

export function humanPrinter(opts: HumanPrinterOptions): EventSink {
  const out = (text: string): void => opts.write(opts.redactor.redact(text));
  return {
    emit(event: RunEvent) {
      switch (event.type) {
        case 'play_start':
          out(`\nPLAY [${event.play}] ${'*'.repeat(Math.max(3, 60 - event.play.length))}\n`);
          return;
        case 'batch_start':
          if (event.batches > 1) out(`\nBATCH [${event.batch}/${event.batches}] ${event.hosts.length} host(s): ${listHosts(event.hosts)}\n`);
          return;
        case 'task_start':
          out(`TASK [${event.task}] (${event.hosts.length} host(s))\n`);
          return;
        case 'host_not_run':
          if (opts.verbose > 0) out(`not run: [${event.host}] => ${event.reason}\n`);
          return;
        case 'rollout_stopped':
          out(`\nROLLOUT STOPPED after batch ${event.batch}/${event.batches} of "${event.play}": ${event.reason}\n`);
          if (event.notRun.length) out(`  not run (${event.notRun.length}): ${listHosts(event.notRun)}\n`);
          return;
        case 'task': {
          // A loop: a line per item, as Ansible prints them (the recap counts the task once).
          const results: Result[] = event.items?.map((i) => ({ ...i, task: i.label, message: i.msg })) ?? [event];
          for (const r of results) {
            const tag = r.ignored ? `${r.status} (ignored)` : r.rescued ? `${r.status} (rescued)` : r.status;
            // debug's output is what it is for: shown as Ansible shows it, without -v.
            const shown = r.status !== 'ok' || opts.verbose > 0 || event.module === 'debug';
            const msg = r.message && shown ? ` => ${r.message}` : '';
            out(`${tag}: [${event.host}] ${r.task}${msg}\n`);
            if (r.status === 'failed' && r.stdout?.trim()) out(`  stdout:\n${indent(r.stdout)}\n`);
            if (opts.diff && r.diffs) for (const d of r.diffs) out(unifiedDiff(d).trimEnd() + '\n');
          }
          return;
        }
        case 'host_unreachable':
          out(`unreachable: [${event.host}] => ${event.message}\n`);
          return;
        case 'host_end':
          if (opts.verbose > 0) out(`done: [${event.host}] execs=${event.channels} rounds=${event.rounds}\n`);
          return;
        case 'recap':
          out('\n' + formatRecap(event.hosts, opts.verbose > 0));
          if (event.stopped) out(`rollout stopped: ${event.stopped}\n`);
          if (event.interrupted) out('interrupted: hosts marked not_run were not started; running steps were let finish\n');
          return;
        default:
          return;
      }
    },
  };
}
