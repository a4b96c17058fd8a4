/**
 * One traced run on the lab (child process of bench/lab-phases.ts), in
 * process so every connect and exec can be stamped (phase-trace.ts). Prints
 * one JSON line.
 *
 *   node dist-bench/bench/phases-worker.js MODE INVENTORY PLAYBOOK FORKS
 *
 * MODE: connect (connect, close), floor (connect, `true`), check (the
 * workload in check mode: the gather exec only), apply (the workload).
 */
import PQueue from 'p-queue';
import { loadInputs } from '../src/cli/load-inputs.js';
import { makeConnector } from '../src/engine/connector.js';
import { runPlaybook } from '../src/engine/run.js';
import { moduleRegistry } from '../src/modules/registry.js';
import type { RunEvent } from '../src/report/events.js';
import { PhaseTrace, type HostTrace } from './phase-trace.js';

export type PhaseMode = 'connect' | 'floor' | 'check' | 'apply';

export interface PhasesOutput {
  mode: PhaseMode;
  forks: number;
  innerMs: number;
  controllerCpuS: number;
  hosts: HostTrace[];
  /** host_start (taken off the queue) and host_end, ms since the trace started. */
  started: Record<string, number>;
  ended: Record<string, number>;
  failed: string[];
}

async function main(): Promise<number> {
  const [mode, inventory, playbook, forksText] = process.argv.slice(2) as [PhaseMode, string, string, string];
  const forks = Number(forksText);
  const inputs = await loadInputs(playbook, inventory, process.cwd());
  const { config } = inputs;
  const trace = new PhaseTrace();
  const connector = trace.wrap(
    makeConnector({
      stateDir: config.stateDir,
      connectTimeoutMs: config.connectTimeoutMs,
      commandTimeoutMs: config.commandTimeoutMs,
      knownHosts: config.knownHosts,
      hostKeyChecking: config.hostKeyChecking,
    }),
  );
  const cpu0 = process.cpuUsage();
  const out: PhasesOutput = { mode, forks, innerMs: 0, controllerCpuS: 0, hosts: [], started: {}, ended: {}, failed: [] };
  if (mode === 'connect' || mode === 'floor') {
    const queue = new PQueue({ concurrency: forks });
    for (const host of inputs.inventory.hosts.values()) {
      void queue.add(async () => {
        out.started[host.name] = trace.now();
        try {
          const t = await connector.connect(host);
          if (mode === 'floor' && (await t.exec('true')).code !== 0) out.failed.push(host.name);
          await t.close();
        } catch (err) {
          out.failed.push(`${host.name}: ${(err as Error).message}`);
        }
        out.ended[host.name] = trace.now();
      });
    }
    await queue.onIdle();
  } else {
    const sink = {
      emit(e: RunEvent): void {
        if (e.type === 'host_start') out.started[e.host] = trace.now();
        if (e.type === 'host_end') out.ended[e.host] = trace.now();
        if (e.type === 'host_unreachable' || (e.type === 'task' && e.status === 'failed')) out.failed.push(`${e.host}: ${e.type === 'task' ? e.message : e.message}`);
      },
    };
    await runPlaybook({
      playbook: inputs.playbook,
      inventory: inputs.inventory,
      check: mode === 'check',
      tags: { only: [], skip: [] },
      forks,
      modules: moduleRegistry,
      connector,
      sink,
      commandTimeoutMs: config.commandTimeoutMs,
      extraVars: { playbook_dir: inputs.playbookDir },
      lock: { timeoutS: config.lockTimeoutS },
    });
  }
  out.innerMs = trace.now();
  const cpu = process.cpuUsage(cpu0);
  out.controllerCpuS = (cpu.user + cpu.system) / 1e6;
  out.hosts = [...trace.hosts.values()];
  out.failed = out.failed.slice(0, 5);
  process.stdout.write(JSON.stringify(out) + '\n');
  return out.failed.length ? 1 : 0;
}

process.exitCode = await main();
