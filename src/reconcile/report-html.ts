/**
 * The reconciliation report as one self-contained HTML page: inline CSS,
 * inline script, inline SVG, the data as one JSON blob, and a
 * Content-Security-Policy that forbids every fetch, so the page opens the
 * same from a laptop, a mail attachment or an air-gapped bastion.
 */
import type { PassStatus } from './history-schema.js';
import type { DriftPoint, ReportData } from './report-data.js';
import { toBlob } from './report-blob.js';
import { driftChartSvg } from './report-chart.js';
import { CELL_CODES, CELL_STYLES, HOST_CODE } from './report-codes.js';
import { escapeHtml, scriptJson } from './report-escape.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_CSS } from './report-style.js';
import { tasksTableHtml } from './report-tasks-table.js';
import { formatTime } from './report-time.js';

/** The six host outcomes are always in the legend; the no-result codes only when they occur. */
const HOST_CODE_SET: ReadonlySet<string> = new Set(Object.values(HOST_CODE));
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export function renderReportHtml(data: ReportData): string {
  const title = `jailfleet reconciliation · ${data.hosts.length} hosts × ${data.passes.length} passes`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>Fleet reconciliation</h1>
${summaryHtml(data)}
</header>
<main>
<section class="card" aria-labelledby="grid-title">
<h2 id="grid-title">Hosts × passes</h2>
${legendHtml(data.grid)}
<div class="controls">
<input type="search" id="host-filter" placeholder="Filter hosts" aria-label="Filter hosts">
<label><input type="checkbox" id="problems-only"> only hosts that were not always ok</label>
<span id="hosts-shown"></span>
</div>
${data.passes.length === 0 ? '<p class="empty">No pass recorded in this period.</p>' : ''}
<div id="grid-wrap"${data.passes.length === 0 ? ' hidden' : ''}>
<canvas id="grid-canvas" role="img" aria-label="${escapeHtml(`Outcome of ${data.hosts.length} hosts in ${data.passes.length} passes`)}"></canvas>
<div id="grid-scroll" tabindex="0" aria-label="Outcome grid: click a cell, or use the arrow keys, for its task results"><div id="grid-spacer"></div></div>
</div>
<noscript><p class="empty">The grid needs JavaScript.</p></noscript>
</section>
<section class="card" aria-labelledby="drift-title">
<h2 id="drift-title">Drift over time</h2>
${driftChartSvg(data.drift)}
</section>
<section class="card" aria-labelledby="tasks-title">
<h2 id="tasks-title">Most-drifting tasks</h2>
${tasksTableHtml(data.topTasks)}
</section>
</main>
<div id="tooltip" role="tooltip" hidden></div>
<aside id="panel" aria-label="Task results" hidden><button type="button" id="panel-close" aria-label="Close">×</button><div id="panel-body"></div></aside>
<script type="application/json" id="report-styles">${scriptJson(CELL_STYLES)}</script>
<script type="application/json" id="report-data">${scriptJson(toBlob(data))}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function summaryHtml(data: ReportData): string {
  const { passes } = data;
  const lines: string[] = [];
  const span = passes.length ? `from ${formatTime(passes[0]!.startedAt)} to ${formatTime(passes[passes.length - 1]!.startedAt)}` : 'none';
  const shown = data.totalPasses > passes.length ? ` (the newest ${passes.length} of ${data.totalPasses})` : '';
  lines.push(`${data.hosts.length} hosts · ${passes.length} passes${shown}: ${span}${data.since === null ? '' : ` · since ${formatTime(data.since)}`}`);
  const byStatus = new Map<PassStatus, number>();
  for (const p of passes) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  if (passes.length) lines.push([...byStatus].map(([status, n]) => `${n} ${status}`).join(' · '));
  const last = data.drift[data.drift.length - 1];
  if (last) lines.push(lastPassLine(last, data));
  lines.push(`generated ${formatTime(data.generatedAt)}`);
  return lines.map((l) => `<p class="sub">${escapeHtml(l)}</p>`).join('\n');
}

function lastPassLine(last: DriftPoint, data: ReportData): string {
  const col = data.passes.findIndex((p) => p.id === last.passId);
  const counts = new Map<string, number>();
  for (const row of data.grid) {
    const code = row[col];
    if (code !== undefined) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const parts = Object.entries(HOST_CODE).flatMap(([outcome, code]) => (counts.get(code) ? [`${counts.get(code)} ${outcome}`] : []));
  return `last pass #${last.passId} at ${formatTime(last.startedAt)}: ${parts.join(', ') || 'no host result'}`;
}

function legendHtml(grid: string[]): string {
  const counts = new Map<string, number>();
  for (const row of grid) for (const code of row) counts.set(code, (counts.get(code) ?? 0) + 1);
  const items = CELL_CODES.filter((code) => counts.has(code) || HOST_CODE_SET.has(code)).map((code) => {
    const s = CELL_STYLES[code]!;
    return `<li data-code="${escapeHtml(code)}"><i style="background:${s.color}"></i>${escapeHtml(s.label)}<span class="n">${counts.get(code) ?? 0}</span></li>`;
  });
  return `<ul class="legend" aria-label="Legend">${items.join('')}</ul>`;
}
