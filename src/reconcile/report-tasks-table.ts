/** The most-drifting tasks: how often each was found drifted, repaired, on how many hosts, and when last. */
import type { TaskDrift } from './report-data.js';
import { escapeHtml } from './report-escape.js';
import { formatTime } from './report-time.js';

export function tasksTableHtml(tasks: TaskDrift[]): string {
  if (tasks.length === 0) return '<p class="empty">No task drifted in this period.</p>';
  const most = Math.max(...tasks.map((t) => t.drifted + t.repaired), 1);
  const rows = tasks.map((t) => {
    const found = t.drifted + t.repaired;
    const pct = Math.max(Math.round((found / most) * 100), 1); // of the bar's 120 px
    return (
      `<tr><td class="task">${escapeHtml(t.task)}</td><td>${escapeHtml(t.module)}</td>` +
      `<td class="num"><span class="bar" style="width:${Math.round(pct * 1.2)}px"></span>${found}</td>` +
      `<td class="num">${t.repaired}</td><td class="num">${t.hosts}</td>` +
      `<td>#${t.lastPassId} · ${escapeHtml(formatTime(t.lastAt))}</td></tr>`
    );
  });
  return (
    '<table class="tasks"><thead><tr><th>Task</th><th>Module</th><th class="num">Found drifted</th>' +
    '<th class="num">Of which repaired</th><th class="num">Hosts</th><th>Last drifted</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}
