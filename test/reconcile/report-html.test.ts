import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/reconcile/report-data.js';
import { toBlob, type ReportBlob } from '../../src/reconcile/report-blob.js';
import { renderReportHtml } from '../../src/reconcile/report-html.js';
import { scriptJson } from '../../src/reconcile/report-escape.js';
import { MINUTE, lineDiff } from './report-fixture.js';

const T0 = Date.UTC(2026, 4, 1, 12, 0);
const EVIL = '<img src=x onerror="alert(1)">';
const DIFF = lineDiff('/etc/motd', 'a', '</script><script>alert(2)</script><!--');

const data: ReportData = {
  generatedAt: T0 + 60 * MINUTE,
  since: T0,
  totalPasses: 2,
  passes: [
    { id: 1, startedAt: T0, endedAt: T0 + MINUTE, status: 'done', fix: false, note: EVIL },
    { id: 2, startedAt: T0 + 15 * MINUTE, endedAt: null, status: 'interrupted', fix: true, note: '' },
  ],
  hosts: [EVIL, 'web1'],
  grid: ['dd', 'oi'],
  drift: [
    { passId: 1, startedAt: T0, status: 'done', drifted: 1, repaired: 0, failed: 0, unreachable: 0 },
    { passId: 2, startedAt: T0 + 15 * MINUTE, status: 'interrupted', drifted: 1, repaired: 0, failed: 0, unreachable: 0 },
  ],
  topTasks: [{ task: EVIL, module: 'copy', drifted: 2, repaired: 0, hosts: 1, lastPassId: 2, lastAt: T0 + 15 * MINUTE }],
  cells: [1, 2].map((passId) => ({
    host: EVIL,
    passId,
    outcome: 'drifted' as const,
    message: EVIL,
    okTasks: 2,
    tasks: [{ seq: 3, task: EVIL, module: 'copy', status: 'drifted' as const, corrective: false, message: '', diff: DIFF }],
  })),
};

const blobOf = (html: string): ReportBlob => {
  const m = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error('no data blob in the page');
  return JSON.parse(m[1]!) as ReportBlob;
};

describe('report page', () => {
  const html = renderReportHtml(data);

  it('puts every value from the database in as text', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('alert(2)</script>');
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('embeds the data as one JSON blob that reads back exactly', () => {
    const blob = blobOf(html);
    expect(blob.hosts).toEqual([EVIL, 'web1']);
    expect(blob.grid).toEqual(['dd', 'oi']);
    expect(blob.passes).toEqual([
      [1, T0, T0 + MINUTE, 'done', 0, blob.strings.indexOf(EVIL)],
      [2, T0 + 15 * MINUTE, -1, 'interrupted', 1, 0],
    ]);
    // The same diff and names in two cells are stored once.
    expect(blob.strings.filter((s) => s === DIFF)).toHaveLength(1);
    expect(blob.strings.filter((s) => s === EVIL)).toHaveLength(1);
    const [cell] = blob.cells;
    expect(cell?.slice(0, 5)).toEqual([0, 0, blob.strings.indexOf(EVIL), 2, 'd']);
    expect(cell?.[5].map((i) => blob.strings[i])).toEqual([EVIL, 'copy', '', DIFF]);
  });

  it('needs nothing from the network', () => {
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none';`);
    // Tags only: the data (escaped text, JSON) may well say src=..., as text.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((t) => /\s(?:src|href|action|poster)\s*=\s*(?!["']?data:)/i.test(t))).toEqual([]);
    expect(html.replace(/<script type="application\/json"[^>]*>[^<]*<\/script>/g, '')).not.toMatch(/url\(|@import|@font-face|https?:\/\//i);
  });

  it('draws a bar per pass that ran, and the most-drifting tasks', () => {
    expect(html.match(/<rect class="hit"/g)).toHaveLength(2);
    expect(html).toMatch(/<td class="task">&lt;img[^<]*<\/td><td>copy<\/td>/);
  });

  it('says so when nothing ran', () => {
    const empty = renderReportHtml({ ...data, totalPasses: 0, passes: [], hosts: [], grid: [], drift: [], topTasks: [], cells: [] });
    expect(empty).toContain('No pass recorded in this period.');
    expect(empty).toContain('No pass ran in this period.');
    expect(empty).toContain('No task drifted in this period.');
  });

  it('keeps script-breaking characters out of the JSON', () => {
    expect(scriptJson({ a: '</script><!--\u2028&' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u2028\\u0026"}');
    expect(JSON.parse(scriptJson({ a: '</script>' }))).toEqual({ a: '</script>' });
    expect(toBlob(data).strings[0]).toBe('');
  });
});
