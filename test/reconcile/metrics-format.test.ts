import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HOST_OUTCOMES } from '../../src/reconcile/history-schema.js';
import { ReconcileMetrics, PASS_RESULTS } from '../../src/reconcile/metrics-registry.js';
import { parseExposition, valueOf } from './prom-text-check.js';
import { skipUnless } from '../helpers/requires.js';
import { hostRows, passRow, passWithHosts } from './pass-rows.js';

const P = 'jailfleet_reconcile_';

/** promtool from Prometheus itself, where installed (Debian: the prometheus package). */
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;

async function sampleExposition(): Promise<string> {
  const m = new ReconcileMetrics();
  m.seed([
    passWithHosts(1, hostRows(1, { a: 'ok', b: 'ok' })),
    passRow(2, { status: 'skipped', ended_at: null }),
    passRow(3, { status: 'interrupted', ended_at: null, repairs: 1 }),
    passRow(4, { status: 'missed', ended_at: null }),
  ]);
  const hosts = hostRows(5, { a: 'repaired', b: 'drifted', c: 'unreachable', d: 'busy', e: 'ok' });
  m.record(passWithHosts(5, hosts, { fix: 1, tasks_drifted: 4, repairs: 3, note: 'failure budget "10%" reached\\stop' }), hosts);
  return m.render();
}

describe('reconcile metrics: Prometheus text format', () => {
  it('parses under the text-format rules, with HELP and TYPE on every family', async () => {
    const families = parseExposition(await sampleExposition(), { lint: true });
    expect([...families.keys()].sort()).toEqual(
      [
        'hosts', 'last_pass_duration_seconds', 'last_pass_id', 'last_pass_timestamp_seconds',
        'pass_duration_seconds', 'passes_total', 'repairs_total', 'tasks_drifted',
      ].map((n) => P + n),
    );
    expect(families.get(`${P}passes_total`)?.type).toBe('counter');
    expect(families.get(`${P}hosts`)?.type).toBe('gauge');
    expect(families.get(`${P}pass_duration_seconds`)?.type).toBe('histogram');
    for (const f of families.values()) expect(f.help, f.name).toMatch(/\S/);
  });

  it('counts passes by result, hosts by outcome in the last pass, drift, repairs, duration and time', async () => {
    const f = parseExposition(await sampleExposition());
    const passes = (result: string): number | undefined => valueOf(f, `${P}passes_total`, `${P}passes_total`, { result });
    expect(PASS_RESULTS.map(passes)).toEqual([2, 1, 1, 1]);
    const hosts = (outcome: string): number | undefined => valueOf(f, `${P}hosts`, `${P}hosts`, { outcome });
    expect(Object.fromEntries(HOST_OUTCOMES.map((o) => [o, hosts(o)]))).toEqual({ ok: 1, drifted: 1, repaired: 1, failed: 0, unreachable: 1, busy: 1 });
    expect(valueOf(f, `${P}tasks_drifted`, `${P}tasks_drifted`)).toBe(4);
    // The interrupted pass's one repair counts too: it was applied to the host.
    expect(valueOf(f, `${P}repairs_total`, `${P}repairs_total`)).toBe(4);
    expect(valueOf(f, `${P}last_pass_duration_seconds`, `${P}last_pass_duration_seconds`)).toBe(42.5);
    expect(valueOf(f, `${P}last_pass_timestamp_seconds`, `${P}last_pass_timestamp_seconds`)).toBe(passRow(5).ended_at! / 1000);
    expect(valueOf(f, `${P}last_pass_id`, `${P}last_pass_id`)).toBe(5);
    const h = `${P}pass_duration_seconds`;
    expect(valueOf(f, h, `${h}_count`)).toBe(2);
    expect(valueOf(f, h, `${h}_bucket`, { le: '60' })).toBe(2);
    expect(valueOf(f, h, `${h}_bucket`, { le: '30' })).toBe(0);
  });

  it('before any pass: every result and outcome present at 0, timestamp 0', async () => {
    const f = parseExposition(await new ReconcileMetrics().render(), { lint: true });
    expect(f.get(`${P}passes_total`)?.samples.map((s) => [s.labels.result, s.value])).toEqual(PASS_RESULTS.map((r) => [r, 0]));
    expect(f.get(`${P}hosts`)?.samples).toHaveLength(HOST_OUTCOMES.length);
    expect(valueOf(f, `${P}last_pass_timestamp_seconds`, `${P}last_pass_timestamp_seconds`)).toBe(0);
  });

  it('a running pass row is no result and changes nothing', async () => {
    const m = new ReconcileMetrics();
    const before = await m.render();
    m.record(passRow(1, { status: 'running', ended_at: null }), []);
    expect(await m.render()).toBe(before);
  });

  it.skipIf(skipUnless(promtool, 'promtool check metrics: promtool is needed (apt-get install -y prometheus)'))('passes `promtool check metrics`', async () => {
    const r = spawnSync('promtool', ['check', 'metrics'], { input: await sampleExposition(), encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the text-format checker itself', () => {
  const ok = '# HELP a_total A.\n# TYPE a_total counter\na_total{x="1"} 1\na_total{x="2"} 2\n';
  it('accepts a well-formed exposition, escapes and special values included', () => {
    const f = parseExposition(`${ok}# a comment\n\nb{p="C:\\\\DIR",e="say \\"hi\\"\\n",} +Inf 1395066363000\nc NaN\nd -1.5e3\n`);
    expect(f.get('b')?.samples[0]).toEqual({ name: 'b', labels: { p: 'C:\\DIR', e: 'say "hi"\n' }, value: Infinity, timestamp: 1395066363000 });
    expect(f.get('d')?.samples[0]?.value).toBe(-1500);
  });
  it.each([
    ['no final newline', ok.slice(0, -1)],
    ['duplicate series', `${ok}a_total{x="1"} 3\n`],
    ['a family split in two', `${ok}b 1\na_total{x="3"} 1\n`],
    ['TYPE after a sample', 'a 1\n# TYPE a gauge\n'],
    ['two TYPE lines', '# TYPE a gauge\n# TYPE a gauge\na 1\n'],
    ['an unknown type', '# TYPE a meter\na 1\n'],
    ['a bad metric name', '1a 1\n'],
    ['a bad label name', 'a{1x="y"} 1\n'],
    ['a reserved label name', 'a{__x="y"} 1\n'],
    ['an unquoted label value', 'a{x=y} 1\n'],
    ['a bad escape', 'a{x="\\t"} 1\n'],
    ['a bad value', 'a one\n'],
    ['a negative counter', '# TYPE a_total counter\na_total -1\n'],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    ['a histogram whose +Inf differs from _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
  it('lint: a counter not ending in _total, a family without HELP', () => {
    expect(() => parseExposition('# HELP a A.\n# TYPE a counter\na 1\n', { lint: true })).toThrow(/_total/);
    expect(() => parseExposition('# TYPE a gauge\na 1\n', { lint: true })).toThrow(/HELP/);
  });
});
