/**
 * The engine's session, built from the controller's own script builders
 * (src/shell/script.ts) and lock picker shape, and the exact output a round
 * of framed parts prints: shared by the in-process and the SSH session tests.
 */
import { quote } from '../../src/shell/quote.js';
import { buildRoundScript, buildSessionScript, readyMarker, roundInput, shCommand, type ScriptPart } from '../../src/shell/script.js';
import type { SessionPrefix } from '../../src/transport/transport.js';

export const NONCE = 'r0unds';
export const LOCK = '/var/run/jailfleet.lock';

/** src/engine/host-lock.ts lockedCommand's shape (the engine is not imported by simulator tests). */
const PICKER = `if command -v lockf >/dev/null 2>&1; then exec lockf -k -t 5 ${LOCK} "$@"; else exit 69; fi`;

export function lockedSession(facts: string[]): string {
  return `/bin/sh -c ${quote(PICKER)} jailfleet-lock ${shCommand(buildSessionScript(parts(facts), NONCE))}`;
}

export function parts(commands: string[]): ScriptPart[] {
  return commands.map((command) => ({ command }));
}

/** One round's stdin: its steps (stopping at the first failure) and the facts read after them. */
export function round(steps: string[], reads: string[] = []): string {
  return roundInput(buildRoundScript(parts(steps), parts(reads), NONCE), NONCE);
}

export const ready = (n: number): string => readyMarker(NONCE, n);

/** A part that printed `out` and `err` and ended with `code`, as framed() frames it. */
export interface Framed {
  out?: string;
  err?: string;
  code?: number;
}

/** The exact output of one round: its framed parts, numbered from 0, then round `n`'s ready marker on both streams. */
export function roundOutput(n: number, framed: Framed[]): SessionPrefix {
  let stdout = '';
  let stderr = '';
  framed.forEach((f, i) => {
    const b = `@@jf:${NONCE}:b:${i}`;
    const e = `@@jf:${NONCE}:e:${i}`;
    stdout += `${b}\n${f.out ?? ''}\n${e}:${f.code ?? 0}\n`;
    stderr += `${b}\n${f.err ?? ''}\n${e}\n`;
  });
  return { stdout: `${stdout}${ready(n)}\n`, stderr: `${stderr}${ready(n)}\n` };
}
