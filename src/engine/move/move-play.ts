/**
 * A play whose tasks all migrate (issue 13), on one destination host: each
 * task's arguments are rendered as any task's are, the source host is
 * looked up in the inventory and connected to, and the move runs
 * (move-run.ts). Each move is one task event (recap, JSON, JUnit); a failed
 * move stops the host's play, as a failed task does.
 */
import type { InventoryHost } from '../../inventory/types.js';
import { migrateSchema } from '../../modules/migrate/args.js';
import type { PlayDef } from '../../playbook/types.js';
import { renderTaskArgs } from '../../playbook/render-args.js';
import type { Transport } from '../../transport/transport.js';
import { playVars } from '../host-planner.js';
import { emitTask, type ReportContext } from '../host-report.js';
import type { HostPlayContext, HostPlayOutcome } from '../host-play.js';
import { evaluateWhen } from '../../playbook/template.js';
import { taskSelected } from '../tags.js';
import { expandTask } from '../task-instances.js';
import { runMove } from './move-run.js';

export interface Peers {
  /** An inventory host by name, undefined when there is none. */
  host(name: string): InventoryHost | undefined;
  connect(host: InventoryHost): Promise<Transport>;
}

/** Whether the play is one the engine runs as moves: it has tasks, and every one of them is a migrate task. */
export function isMovePlay(play: PlayDef): boolean {
  return play.tasks.length > 0 && play.tasks.every((t) => t.module === 'migrate');
}

export async function runMovePlay(ctx: HostPlayContext, peers: Peers): Promise<HostPlayOutcome> {
  const report: ReportContext = { ctx, notifiedRan: new Set() };
  const vars = playVars(ctx);
  for (const task of ctx.play.tasks) {
    // --tags/--skip-tags and when: as for any task.
    if (!taskSelected(task.tags, ctx.tags)) continue;
    for (const instance of expandTask(task, vars)) {
      const fail = (message: string): HostPlayOutcome => {
        emitTask(report, instance, 'failed', message);
        return { failed: !task.ignoreErrors };
      };
      if (task.when !== undefined && !evaluateWhen(task.when, instance.vars)) {
        emitTask(report, instance, 'skipped', 'condition false');
        continue;
      }
      let args;
      try {
        args = renderTaskArgs(task, instance.vars, migrateSchema);
      } catch (err) {
        const out = fail(err instanceof Error ? err.message : String(err));
        if (out.failed) return out;
        continue;
      }
      const from = peers.host(args.from);
      if (!from) return fail(`from: no host ${args.from} in the inventory`);
      if (from.name === ctx.host.name) return fail(`from: ${args.from} is the destination itself`);
      ctx.onRound?.();
      const outcome = await runMove({
        args,
        source: { host: from, transport: await peers.connect(from) },
        destination: { host: ctx.host, transport: ctx.transport },
        check: ctx.check,
        modules: ctx.modules,
        onProgress: (p) => {
          const rate = p.elapsedMs > 0 ? (p.bytes / p.elapsedMs) * 1000 : 0;
          const left = Math.max(0, p.totalBytes - p.bytes);
          ctx.sink.emit({
            type: 'transfer_progress',
            play: ctx.play.name,
            host: ctx.host.name,
            task: instance.label,
            bytes: p.bytes,
            rate_bps: Math.round(rate),
            total_bytes: p.totalBytes,
            ...(rate > 0 ? { eta_s: left / rate } : {}),
          });
        },
        ...(ctx.lock ? { lock: ctx.lock } : {}),
        ...(ctx.commandTimeoutMs !== undefined ? { commandTimeoutMs: ctx.commandTimeoutMs } : {}),
      });
      emitTask(report, instance, outcome.status, outcome.message, {
        ...(outcome.diffs ? { diffs: outcome.diffs } : {}),
        ...(outcome.downtimeMs !== undefined ? { downtime_ms: Math.round(outcome.downtimeMs) } : {}),
        ...(outcome.bytes !== undefined ? { bytes: outcome.bytes } : {}),
      });
      // register: for later plays' conditions, as Ansible's registered results (changed, failed, msg).
      if (task.register) ctx.registered[task.register] = { changed: outcome.status === 'changed', failed: outcome.status === 'failed', skipped: false, msg: outcome.message };
      if (outcome.status === 'failed' && !task.ignoreErrors) return { failed: true };
    }
  }
  return { failed: false };
}
