/**
 * The playbook as each half of a pass runs it.
 *
 * The check reads every host whatever the plays' rollout rules say:
 * nothing changes in check mode, so batches (`serial`) would only slow it
 * down, and a failure budget stopping it would leave hosts unchecked.
 *
 * The repair is a real rollout, so it keeps the plays' rules and adds the
 * pass's failure budget (`--max-fail-percentage`, the stricter of the two
 * wins). The engine judges the budget per batch, as Ansible does; without a
 * play's own `serial`, batches of `forks` hosts (what runs at once anyway)
 * let repairs stop after the first batch that breaks it instead of after
 * every drifted host was tried.
 */
import type { Playbook } from '../playbook/types.js';

export function checkPlaybook(playbook: Playbook): Playbook {
  return { ...playbook, plays: playbook.plays.map(({ serial: _serial, maxFailPercentage: _max, ...play }) => ({ ...play, anyErrorsFatal: false })) };
}

export function fixPlaybook(playbook: Playbook, maxFailPercentage: number, forks: number): Playbook {
  return {
    ...playbook,
    plays: playbook.plays.map((play) => ({
      ...play,
      serial: play.serial ?? [Math.max(1, forks)],
      maxFailPercentage: Math.min(play.maxFailPercentage ?? maxFailPercentage, maxFailPercentage),
    })),
  };
}
