/**
 * Where metrics and webhooks attach to reconciliation: every hook is called
 * once a pass is recorded, with the pass, its host results and each host's
 * outcome in the pass before (for "new drift", "back to ok"). A hook that
 * throws is reported and never fails the pass; a hook that has slow work
 * to do (a webhook's retries) must not make the pass wait for it.
 */
import type { HostOutcome, HostResultRow, PassRow } from './history-schema.js';

export type PassEndHook = (pass: PassRow, hosts: HostResultRow[], previous: Map<string, HostOutcome>) => void | Promise<void>;

/** Run every hook; failures go to `report`, never to the caller. */
export async function runPassEndHooks(
  hooks: readonly PassEndHook[],
  pass: PassRow,
  hosts: HostResultRow[],
  previous: Map<string, HostOutcome>,
  report: (err: unknown) => void,
): Promise<void> {
  const settled = await Promise.allSettled(hooks.map(async (hook) => hook(pass, hosts, previous)));
  for (const s of settled) if (s.status === 'rejected') report(s.reason);
}
