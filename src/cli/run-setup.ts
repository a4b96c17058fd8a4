/**
 * What every command that runs a playbook builds the same way from its
 * inputs and options (apply, check, reconcile): the redactor, the forks and
 * the host-lock wait.
 */
import type { JailfleetConfig } from '../config/load-config.js';
import type { LockSettings } from '../engine/host-lock.js';
import { Redactor } from '../report/redact.js';
import type { EventSink, RunEvent } from '../report/events.js';
import type { LoadedInputs } from './load-inputs.js';

/** Secrets the run may print: the passphrase and become password from the environment, and secret-named variables. */
export function runRedactor(inputs: LoadedInputs, env: NodeJS.ProcessEnv): Redactor {
  const redactor = new Redactor();
  redactor.add(env.JAILFLEET_SSH_PASSPHRASE);
  redactor.add(env.JAILFLEET_BECOME_PASSWORD);
  for (const host of inputs.inventory.hosts.values()) redactor.addFromVars(host.vars);
  for (const play of inputs.playbook.plays) redactor.addFromVars(play.vars);
  return redactor;
}

/** --forks (already checked by commander), else the config's. */
export function forksOf(option: string | undefined, config: JailfleetConfig): number {
  return option ? Number.parseInt(option, 10) : config.forks;
}

/** --lock-timeout (already checked by commander), else `fallbackS`. */
export function lockOf(option: string | undefined, fallbackS: number): LockSettings {
  return { timeoutS: option !== undefined ? Number.parseInt(option, 10) : fallbackS };
}

type RecapEvent = Extract<RunEvent, { type: 'recap' }>;

/**
 * The engine's sink for `sinks`, holding back its recap until the command
 * knows its exit code: `end(code)` sends the recap on with `exit_code` (the
 * engine never decides exit codes; the CLI does, from the run's summary).
 */
export function recapWithExitCode(sinks: EventSink): { sink: EventSink; end(code: number): void } {
  let recap: RecapEvent | undefined;
  return {
    sink: {
      emit(event) {
        if (event.type === 'recap') recap = event;
        else sinks.emit(event);
      },
    },
    end(code) {
      if (recap) sinks.emit({ ...recap, exit_code: code });
      recap = undefined;
    },
  };
}
