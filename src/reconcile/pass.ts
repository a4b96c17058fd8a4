/**
 * One reconciliation pass (issue 14): a check of every host — the check-mode
 * gather, one exec per host, under the host lock so a host a manual apply
 * holds is recorded busy — then, with --fix, an apply to the drifted hosts
 * only, within the failure budget. Each host is committed to the history as
 * soon as it is done (pass-collector.ts), so a killed pass keeps it.
 */
import { INTERRUPTED } from '../engine/batch-context.js';
import { runPlaybook, type Connector } from '../engine/run.js';
import type { LockSettings } from '../engine/host-lock.js';
import type { ModuleLookup } from '../engine/host-play.js';
import type { TagFilter } from '../engine/tags.js';
import type { Inventory } from '../inventory/types.js';
import type { Playbook } from '../playbook/types.js';
import type { HostOutcome, HostResultRow, PassRow } from './history-schema.js';
import type { HistoryStore, HostRecord } from './history-store.js';
import { hostResultsOf, previousOutcomes } from './history-queries.js';
import { passCollector } from './pass-collector.js';
import { checkOutcome, fixOutcome, type Redact } from './pass-outcome.js';
import { checkPlaybook, fixPlaybook } from './pass-playbooks.js';
import { runPassEndHooks, type PassEndHook } from './pass-hooks.js';
import { splayConnector, splayOrder, type Sleep } from './splay.js';

/** What the engine needs, as `apply` builds it. */
export interface PassEngine {
  playbook: Playbook;
  inventory: Inventory;
  limit?: string;
  tags: TagFilter;
  forks: number;
  modules: ModuleLookup;
  /** A new connector for each run: simulated hosts are read from their state files anew. */
  connector: () => Connector;
  commandTimeoutMs?: number;
  extraVars?: Record<string, unknown>;
  lock: LockSettings;
  strategy?: 'free' | 'linear';
}

export interface PassOptions {
  fix: boolean;
  maxFailPercentage: number;
  splayS: number;
}

export interface PassContext {
  engine: PassEngine;
  options: PassOptions;
  store: HistoryStore;
  redact: Redact;
  hooks: readonly PassEndHook[];
  onHookError: (err: unknown) => void;
  /** SIGINT/SIGTERM: no new host is started; the pass is recorded interrupted. */
  signal?: AbortSignal;
  now: () => number;
  sleep: Sleep;
}

/** How the note of a pass whose repairs the failure budget stopped begins. */
export const REPAIRS_STOPPED = 'repairs stopped';

export interface PassResult {
  pass: PassRow;
  hosts: HostResultRow[];
  previous: Map<string, HostOutcome>;
}

export async function runPass(ctx: PassContext): Promise<PassResult> {
  const startedAt = ctx.now();
  const id = ctx.store.beginPass({ startedAt, fix: ctx.options.fix, playbook: ctx.engine.playbook.file });
  let pass: PassRow;
  // Set when the signal left a host unchecked or a drifted host unrepaired: only then is the pass interrupted.
  const cut = { value: false };
  try {
    const checked = await checkHosts(ctx, id, startedAt, cut);
    let note = '';
    if (ctx.options.fix && ctx.signal?.aborted) cut.value ||= [...checked.values()].some((r) => r.outcome === 'drifted');
    else if (ctx.options.fix) note = await repairHosts(ctx, id, checked, cut);
    const interrupted = cut.value;
    pass = ctx.store.endPass(id, {
      endedAt: interrupted ? null : ctx.now(),
      status: interrupted ? 'interrupted' : 'done',
      note: interrupted ? joinNotes(note, 'interrupted (SIGINT/SIGTERM): hosts not started then were not checked or not repaired') : note,
    });
  } catch (err) {
    // Whatever stopped the pass, the hosts it recorded stay and it does not stay `running`.
    ctx.store.endPass(id, { endedAt: null, status: 'interrupted', note: `the pass stopped on an error: ${err instanceof Error ? err.message : String(err)}` });
    throw err;
  }
  const hosts = hostResultsOf(ctx.store.db, id);
  const previous = previousOutcomes(ctx.store.db, id);
  await runPassEndHooks(ctx.hooks, pass, hosts, previous, ctx.onHookError);
  return { pass, hosts, previous };
}

async function checkHosts(ctx: PassContext, passId: number, startedAt: number, cut: { value: boolean }): Promise<Map<string, HostRecord>> {
  const { engine, options } = ctx;
  const playbook = checkPlaybook(engine.playbook);
  const inventory = splayOrder(engine.inventory, options.splayS);
  const checked = new Map<string, HostRecord>();
  const collector = passCollector(playbook, inventory, engine.limit, (seen) => {
    const record = checkOutcome(seen, ctx.redact);
    if (!record) {
      cut.value = true;
      return;
    }
    ctx.store.recordHost(passId, record);
    checked.set(record.host, record);
  });
  await runPlaybook({
    ...runBase(ctx),
    playbook,
    inventory,
    limit: engine.limit,
    check: true,
    lockCheck: true,
    connector: splayConnector(engine.connector(), options.splayS, startedAt, ctx.now, ctx.sleep, ctx.signal),
    sink: collector.sink,
  });
  collector.flush();
  return checked;
}

/** The apply to the drifted hosts; the pass's note when the failure budget stopped it. */
async function repairHosts(ctx: PassContext, passId: number, checked: Map<string, HostRecord>, cut: { value: boolean }): Promise<string> {
  const { engine, options } = ctx;
  const drifted = new Set([...checked.values()].filter((r) => r.outcome === 'drifted').map((r) => r.host));
  if (drifted.size === 0) return '';
  // Only the drifted hosts exist for this run: no pattern (and no glob in a host name) can reach another.
  const inventory: Inventory = { ...engine.inventory, hosts: new Map([...engine.inventory.hosts].filter(([name]) => drifted.has(name))) };
  const playbook = fixPlaybook(engine.playbook, options.maxFailPercentage, engine.forks);
  let notRepaired = 0;
  const collector = passCollector(playbook, inventory, undefined, (seen) => {
    const record = fixOutcome(checked.get(seen.host)!, seen, ctx.redact);
    if (seen.notRun !== undefined && seen.tasks.length === 0) {
      notRepaired += 1;
      if (seen.notRun === INTERRUPTED) cut.value = true;
    }
    ctx.store.replaceHost(passId, record);
  });
  const summary = await runPlaybook({ ...runBase(ctx), playbook, inventory, check: false, connector: engine.connector(), sink: collector.sink });
  collector.flush();
  if (summary.stopped === undefined) return '';
  return `${REPAIRS_STOPPED}: ${summary.stopped}; ${notRepaired} drifted host(s) left unrepaired`;
}

function runBase(ctx: PassContext) {
  const { engine } = ctx;
  return {
    tags: engine.tags,
    forks: engine.forks,
    modules: engine.modules,
    commandTimeoutMs: engine.commandTimeoutMs,
    extraVars: engine.extraVars,
    signal: ctx.signal,
    lock: engine.lock,
    ...(engine.strategy ? { strategy: engine.strategy } : {}),
  };
}

function joinNotes(...notes: string[]): string {
  return notes.filter(Boolean).join('; ');
}
