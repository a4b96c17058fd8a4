/**
 * Drift over time for the fleet, as inline SVG drawn here (no script, no
 * library): per pass that ran, hosts found drifted as a stacked bar (left
 * drifted on top of repaired), and hosts failed or unreachable as a line.
 */
import type { DriftPoint } from './report-data.js';
import { CELL_STYLES } from './report-codes.js';
import { escapeHtml } from './report-escape.js';
import { formatTime } from './report-time.js';

const W = 960;
const H = 240;
const PAD = { left: 44, right: 12, top: 12, bottom: 30 };

/** 1, 2, 5 × 10^n: axis labels that read as round numbers. */
function niceMax(n: number): number {
  const step = 10 ** Math.floor(Math.log10(Math.max(n, 1)));
  return [1, 2, 5, 10].map((m) => m * step).find((v) => v >= n) ?? 10 * step;
}

const fixed = (n: number): string => (Math.round(n * 10) / 10).toString();

export function driftChartSvg(points: DriftPoint[]): string {
  if (points.length === 0) return '<p class="empty">No pass ran in this period.</p>';
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const top = niceMax(Math.max(...points.map((p) => Math.max(p.drifted + p.repaired, p.failed + p.unreachable)), 1));
  const bw = plotW / points.length;
  const gap = bw > 4 ? 1 : 0;
  const y = (v: number): number => PAD.top + plotH - (v / top) * plotH;
  const parts: string[] = [];
  // A middle line only where it is a whole number of hosts.
  for (const v of Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top]) {
    parts.push(`<line class="grid-line" x1="${PAD.left}" x2="${W - PAD.right}" y1="${fixed(y(v))}" y2="${fixed(y(v))}"/>`);
    parts.push(`<text class="axis" x="${PAD.left - 6}" y="${fixed(y(v) + 4)}" text-anchor="end">${escapeHtml(fixed(v))}</text>`);
  }
  const failLine: string[] = [];
  points.forEach((p, i) => {
    const x = PAD.left + i * bw;
    const width = fixed(Math.max(bw - gap, 0.5));
    const repairedTop = y(p.repaired);
    const driftedTop = y(p.repaired + p.drifted);
    if (p.repaired > 0) parts.push(`<rect x="${fixed(x)}" y="${fixed(repairedTop)}" width="${width}" height="${fixed(y(0) - repairedTop)}" fill="${CELL_STYLES.r!.color}"/>`);
    if (p.drifted > 0) parts.push(`<rect x="${fixed(x)}" y="${fixed(driftedTop)}" width="${width}" height="${fixed(repairedTop - driftedTop)}" fill="${CELL_STYLES.d!.color}"/>`);
    failLine.push(`${fixed(x + bw / 2)},${fixed(y(p.failed + p.unreachable))}`);
    const title = `pass #${p.passId} · ${formatTime(p.startedAt)}${p.status === 'done' ? '' : ` (${p.status})`}: ${p.drifted} drifted, ${p.repaired} repaired, ${p.failed} failed, ${p.unreachable} unreachable`;
    // A full-height transparent target per pass: hovering anywhere above it names the pass.
    parts.push(`<rect class="hit" x="${fixed(x)}" y="${PAD.top}" width="${fixed(bw)}" height="${plotH}"><title>${escapeHtml(title)}</title></rect>`);
  });
  parts.push(`<polyline class="fail-line" fill="none" stroke="${CELL_STYLES.f!.color}" points="${failLine.join(' ')}"/>`);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  parts.push(`<text class="axis" x="${PAD.left}" y="${H - 8}">${escapeHtml(formatTime(first.startedAt))}</text>`);
  if (points.length > 1) parts.push(`<text class="axis" x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${escapeHtml(formatTime(last.startedAt))}</text>`);
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Hosts drifted per pass">${parts.join('')}</svg>` +
    '<ul class="chart-key">' +
    `<li><i style="background:${CELL_STYLES.d!.color}"></i>hosts left drifted</li>` +
    `<li><i style="background:${CELL_STYLES.r!.color}"></i>hosts repaired</li>` +
    `<li><i class="line" style="background:${CELL_STYLES.f!.color}"></i>hosts failed or unreachable</li></ul>`
  );
}
