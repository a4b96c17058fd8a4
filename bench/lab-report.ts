/** The lab's table and targets, from the median of each measurement. */
import { fmt, mb } from './stats.js';
import type { Target } from './targets.js';
import type { ToolRun } from './tool-run.js';

export interface ToolFigures {
  converge: ToolRun;
  nochange?: ToolRun;
}

export interface LabFigures {
  hosts: number;
  forks: number;
  runs: number;
  jailfleet: ToolFigures;
  ansible?: ToolFigures & { channelsConverge?: number; channelsNochange?: number };
  floor: ToolRun & { innerMs: number };
}

const ratio = (a: number, b: number): number => a / b;

export function labTargets(f: LabFigures): Target[] {
  const jf = f.jailfleet;
  const targets: Target[] = [];
  if (f.ansible) {
    const conv = ratio(f.ansible.converge.wallMs, jf.converge.wallMs);
    targets.push({ name: 'converging run vs Ansible', want: '>= 12x faster', measured: `${fmt(conv, 1)}x`, met: conv >= 12 });
    if (f.ansible.nochange && jf.nochange) {
      const noch = ratio(f.ansible.nochange.wallMs, jf.nochange.wallMs);
      targets.push({ name: 'no-change run vs Ansible', want: '>= 15x faster', measured: `${fmt(noch, 1)}x`, met: noch >= 15 });
    }
  }
  const floor = ratio(jf.converge.wallMs, f.floor.wallMs);
  targets.push({ name: 'converging run vs the floor', want: '<= 1.5x the floor', measured: `${fmt(floor, 2)}x`, met: floor <= 1.5 });
  return targets;
}

export function labTable(f: LabFigures): string {
  const head = ['', 'converge s', 'no-change s', 'execs/host conv', 'execs/host no-chg', 'peak RSS MB', 'CPU s conv'];
  const rows: string[][] = [head];
  const row = (name: string, t: ToolFigures, conv?: number, noch?: number): void => {
    rows.push([
      name,
      fmt(t.converge.wallMs / 1000),
      t.nochange ? fmt(t.nochange.wallMs / 1000) : '-',
      fmt(conv ?? t.converge.channelsPerHost, 1),
      fmt(noch ?? t.nochange?.channelsPerHost, 1),
      mb(Math.max(t.converge.maxRssKb, t.nochange?.maxRssKb ?? 0)),
      fmt(t.converge.cpuS),
    ]);
  };
  row('jailfleet', f.jailfleet);
  if (f.ansible) row('ansible', f.ansible, f.ansible.channelsConverge, f.ansible.channelsNochange);
  rows.push(['floor (connect + true)', fmt(f.floor.wallMs / 1000), '-', fmt(f.floor.channelsPerHost, 1), '-', mb(f.floor.maxRssKb), fmt(f.floor.cpuS)]);
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const startup = f.jailfleet.converge.startupMs;
  const notes = [
    startup === undefined ? '' : `jailfleet start-up (spawn to first event: node, code, inputs): ${fmt(startup / 1000)} s of each run`,
    `floor inside its process (without node start-up): ${fmt(f.floor.innerMs / 1000)} s`,
  ].filter(Boolean);
  return [`${f.hosts} hosts, forks ${f.forks}, median of ${f.runs} run(s); wall time of the whole process`, ...lines, ...notes].join('\n');
}
