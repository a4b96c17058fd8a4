/**
 * --report FILE: the run as JUnit XML, which CI systems display. One
 * testsuite per play, one testcase per task result on a host (classname =
 * host, name = task); a failed task carries its step's stderr, an
 * unreachable host is a failed "(connect)" case, a host that was not run a
 * skipped "(not run)" case. A looped task is one case (its event holds the
 * items).
 *
 * Times, in seconds with 3 decimals as Jenkins and GitLab read them: a
 * testcase's is what its host took to reach that result — from the host's
 * previous result in the play, or its start (the steps of one round run in
 * one exec on the host, so the round's time goes to the first of its
 * tasks); a testsuite's is the sum of its testcases', and testsuites' the
 * sum of the suites', as Ansible's junit callback counts them.
 */
import { failedHard, type EventSink, type RunEvent } from './events.js';
import type { Redactor } from './redact.js';

interface Case {
  host: string;
  name: string;
  /** Milliseconds. */
  ms: number;
  failure?: { message: string; type: string; text: string };
  skipped?: string;
}

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface JunitReport {
  sink: EventSink;
  xml(): string;
}

/** Seconds, 3 decimals: `1234` ms → `"1.234"`. */
export function seconds(ms: number): string {
  return (Math.max(0, Math.round(ms)) / 1000).toFixed(3);
}

export function junitReport(name: string, redactor: Redactor, now: () => number = () => performance.now()): JunitReport {
  const suites = new Map<string, Case[]>();
  const suite = (play: string): Case[] => suites.get(play) ?? suites.set(play, []).get(play)!;
  /** When each host of each play started, or reached its last result. */
  const since = new Map<string, number>();
  const elapsed = (play: string, host: string): number => {
    const key = `${play}\u0000${host}`;
    const t = now();
    const from = since.get(key);
    since.set(key, t);
    return from === undefined ? 0 : t - from;
  };
  const collect = (e: RunEvent): void => {
    if (e.type === 'play_start') suite(e.play);
    if (e.type === 'host_start') elapsed(e.play, e.host);
    if (e.type === 'task') {
      const c: Case = { host: e.host, name: e.task, ms: elapsed(e.play, e.host) };
      if (e.status === 'skipped') c.skipped = e.message;
      if (failedHard(e)) {
        c.failure = { message: e.message, type: e.step ? 'step' : 'plan', text: e.stderr ?? e.message };
      }
      suite(e.play).push(c);
    }
    if (e.type === 'host_unreachable') {
      suite(e.play).push({ host: e.host, name: '(connect)', ms: elapsed(e.play, e.host), failure: { message: e.message, type: 'unreachable', text: e.message } });
    }
    if (e.type === 'host_not_run') suite(e.play).push({ host: e.host, name: '(not run)', ms: 0, skipped: e.reason });
  };
  const attr = (v: string | number): string => `"${xmlEscape(redactor.redact(String(v)))}"`;
  const text = (v: string): string => xmlEscape(redactor.redact(v));
  const caseXml = (c: Case): string => {
    const open = `    <testcase classname=${attr(c.host)} name=${attr(c.name)} time="${seconds(c.ms)}"`;
    if (c.failure) {
      return `${open}>\n      <failure message=${attr(c.failure.message)} type=${attr(c.failure.type)}>${text(c.failure.text)}</failure>\n    </testcase>`;
    }
    if (c.skipped !== undefined) return `${open}>\n      <skipped message=${attr(c.skipped)}/>\n    </testcase>`;
    return `${open}/>`;
  };
  return {
    sink: { emit: collect },
    xml() {
      const all = [...suites.values()].flat();
      const count = (cs: Case[]) => ({
        tests: cs.length,
        failures: cs.filter((c) => c.failure).length,
        skipped: cs.filter((c) => c.skipped !== undefined).length,
        // Each case rounded as printed, so the suite's time is the sum of what it shows.
        time: seconds(cs.reduce((sum, c) => sum + Math.max(0, Math.round(c.ms)), 0)),
      });
      const total = count(all);
      const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name=${attr(name)} tests="${total.tests}" failures="${total.failures}" skipped="${total.skipped}" time="${total.time}">`,
      ];
      for (const [play, cases] of suites) {
        const c = count(cases);
        lines.push(`  <testsuite name=${attr(play)} tests="${c.tests}" failures="${c.failures}" skipped="${c.skipped}" errors="0" time="${c.time}">`);
        for (const tc of cases) lines.push(caseXml(tc));
        lines.push('  </testsuite>');
      }
      lines.push('</testsuites>', '');
      return lines.join('\n');
    },
  };
}
