/**
 * --report FILE: the run as JUnit XML, which CI systems display. One
 * testsuite per play, one testcase per task result on a host (classname =
 * host, name = task); a failed task carries its step's stderr, an
 * unreachable host is a failed "(connect)" case, a host that was not run a
 * skipped "(not run)" case.
 */
import type { EventSink, RunEvent } from './events.js';
import type { Redactor } from './redact.js';

interface Case {
  host: string;
  name: string;
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

export function junitReport(name: string, redactor: Redactor): JunitReport {
  const suites = new Map<string, Case[]>();
  const suite = (play: string): Case[] => suites.get(play) ?? suites.set(play, []).get(play)!;
  const collect = (e: RunEvent): void => {
    if (e.type === 'play_start') suite(e.play);
    if (e.type === 'task') {
      const c: Case = { host: e.host, name: e.task };
      if (e.status === 'skipped') c.skipped = e.message;
      if (e.status === 'failed' && !e.ignored) {
        c.failure = { message: e.message, type: e.step ? 'step' : 'plan', text: e.stderr ?? e.message };
      }
      suite(e.play).push(c);
    }
    if (e.type === 'host_unreachable') {
      suite(e.play).push({ host: e.host, name: '(connect)', failure: { message: e.message, type: 'unreachable', text: e.message } });
    }
    if (e.type === 'host_not_run') suite(e.play).push({ host: e.host, name: '(not run)', skipped: e.reason });
  };
  const attr = (v: string | number): string => `"${xmlEscape(redactor.redact(String(v)))}"`;
  const text = (v: string): string => xmlEscape(redactor.redact(v));
  const caseXml = (c: Case): string => {
    const open = `    <testcase classname=${attr(c.host)} name=${attr(c.name)}`;
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
      });
      const total = count(all);
      const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name=${attr(name)} tests="${total.tests}" failures="${total.failures}" skipped="${total.skipped}">`,
      ];
      for (const [play, cases] of suites) {
        const c = count(cases);
        lines.push(`  <testsuite name=${attr(play)} tests="${c.tests}" failures="${c.failures}" skipped="${c.skipped}" errors="0">`);
        for (const tc of cases) lines.push(caseXml(tc));
        lines.push('  </testsuite>');
      }
      lines.push('</testsuites>', '');
      return lines.join('\n');
    },
  };
}
