/**
 * A play's `hosts: "{{ target }}"`, rendered before the patterns are
 * checked, as Ansible does: only play vars and extra vars exist at that
 * point (a host's variables cannot choose the hosts), so
 * `-e target=web` picks the play's hosts.
 */
import { InputError } from '../errors.js';
import { hasTemplate, render, TemplateError } from '../playbook/template.js';
import type { PlayDef, Playbook } from '../playbook/types.js';

export function renderPlayHosts(playbook: Playbook, extraVars: Record<string, unknown>): { playbook: Playbook; errors: InputError[] } {
  const errors: InputError[] = [];
  const plays = playbook.plays.map((play) => {
    if (!hasTemplate(play.hosts)) return play;
    try {
      return withHosts(play, patternOf(render(play.hosts, { ...play.vars, ...extraVars })));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      errors.push(new InputError(`play "${play.name}": hosts: ${err.problem}`, play.pos));
      return play;
    }
  });
  return { playbook: { ...playbook, plays }, errors };
}

function patternOf(value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value.join(':');
  throw new TemplateError(`expected a host pattern or a list of them, got ${JSON.stringify(value)}`);
}

/** A play named after its hosts (no name:) is named after the rendered ones. */
function withHosts(play: PlayDef, hosts: string): PlayDef {
  return { ...play, hosts, name: play.name === play.hosts ? hosts : play.name };
}
