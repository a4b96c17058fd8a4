import type { HostStats } from './events.js';

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));

/** Ansible's PLAY RECAP block, one line per host, plus not_run (hosts a stopped rollout never started). */
export function formatRecap(hosts: Record<string, HostStats>, withChannels = false): string {
  const names = Object.keys(hosts);
  const width = Math.max(20, ...names.map((n) => n.length + 1));
  const lines = ['PLAY RECAP ' + '*'.repeat(60)];
  const anyRescued = names.some((n) => (hosts[n]!.rescued ?? 0) > 0);
  for (const name of names) {
    const s = hosts[name]!;
    const cells = [
      pad(`ok=${s.ok}`, 9),
      pad(`changed=${s.changed}`, 13),
      pad(`unreachable=${s.unreachable}`, 17),
      pad(`failed=${s.failed}`, 12),
      pad(`skipped=${s.skipped}`, 12),
      pad(`not_run=${s.notRun}`, 12),
    ];
    // Ansible's rescued column, once a block's rescue took over a failure on some host.
    if (anyRescued) cells.push(pad(`rescued=${s.rescued ?? 0}`, 12));
    if (withChannels) cells.push(`execs=${s.channels}`);
    lines.push(`${pad(name, width)}: ${cells.join(' ').trimEnd()}`);
  }
  return lines.join('\n') + '\n';
}
