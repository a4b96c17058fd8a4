/**
 * `--list-hosts` / `--list-tasks`: what a run would touch, in Ansible's
 * shape, read from the inputs alone — nothing is sent to any host.
 *
 *   playbook: site.yml
 *
 *     play #1 (all): site	TAGS: []
 *       pattern: ['all']
 *       hosts (2):
 *         h1
 *         h2
 *       tasks:
 *         sshd listens on the host	TAGS: [sshd]
 */
import { resolvePattern } from '../../inventory/pattern.js';
import type { Inventory } from '../../inventory/types.js';
import { taskSelected, type TagFilter } from '../../engine/tags.js';
import { FLUSH_HANDLERS, type PlayDef, type Playbook } from '../../playbook/types.js';

export interface ListOptions {
  listHosts?: boolean;
  listTasks?: boolean;
  limit?: string;
  tags: TagFilter;
}

export function listPlaybook(label: string, playbook: Playbook, inventory: Inventory, opts: ListOptions): string {
  const plays = playbook.plays.map((play, i) => {
    // Plays carry no tags of their own in jailfleet: always [].
    let text = `\n  play #${i + 1} (${play.hosts}): ${play.name}\tTAGS: []\n`;
    if (opts.listHosts) text += hostLines(play, inventory, opts.limit);
    if (opts.listTasks) text += taskLines(play, opts.tags);
    return text;
  });
  return `\nplaybook: ${label}\n${plays.join('')}\n`;
}

function hostLines(play: PlayDef, inventory: Inventory, limit: string | undefined): string {
  const allowed = limit === undefined ? undefined : new Set(resolvePattern(inventory, limit));
  const hosts = resolvePattern(inventory, play.hosts).filter((h) => allowed?.has(h) ?? true);
  return `    pattern: ['${play.hosts}']\n    hosts (${hosts.length}):\n${hosts.map((h) => `      ${h}\n`).join('')}`;
}

/** The tasks --tags/--skip-tags would run, as Ansible lists them. */
function taskLines(play: PlayDef, tags: TagFilter): string {
  const tasks = play.tasks.filter((t) => t.module !== FLUSH_HANDLERS && taskSelected(t.tags, tags));
  return `    tasks:\n${tasks.map((t) => `      ${t.name}\tTAGS: [${[...t.tags].sort().join(', ')}]\n`).join('')}`;
}
