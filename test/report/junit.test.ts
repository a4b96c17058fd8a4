import { describe, expect, it } from 'vitest';
import { junitReport, xmlEscape } from '../../src/report/junit.js';
import { Redactor } from '../../src/report/redact.js';
import { parseXml } from './xml-check.js';

describe('JUnit report', () => {
  it('escapes names, messages and stderr, drops control characters, and stays well-formed', () => {
    const redactor = new Redactor();
    redactor.add('hunter22');
    const r = junitReport('site.yml', redactor, () => 0);
    r.sink.emit({ type: 'play_start', play: 'a <b> & "c"', hosts: ['h1', 'h2', 'h3'] });
    r.sink.emit({ type: 'task', play: 'a <b> & "c"', host: 'h1', task: "it's ok", module: 'copy', status: 'ok', message: '' });
    r.sink.emit({
      type: 'task', play: 'a <b> & "c"', host: 'h2', task: 'boom', module: 'copy', status: 'failed',
      message: 'step "x" failed (exit 2): <oops> hunter22', step: 'x', exitCode: 2, stderr: 'line1 ]]> & <tag>\u0007\nline2\n',
    });
    r.sink.emit({ type: 'task', play: 'a <b> & "c"', host: 'h1', task: 'cond', module: 'copy', status: 'skipped', message: 'condition false' });
    r.sink.emit({ type: 'host_unreachable', play: 'a <b> & "c"', host: 'h3', message: 'connect ECONNREFUSED' });
    r.sink.emit({ type: 'host_not_run', play: 'a <b> & "c"', host: 'h4', reason: 'rollout stopped: x' });
    const xml = r.xml();
    expect(xml).not.toContain('hunter22');
    const root = parseXml(xml);
    // Issue 15: suites carry their time (seconds); a clock that stands still gives 0.000.
    expect(root.attrs).toEqual({ name: 'site.yml', tests: '5', failures: '2', skipped: '2', time: '0.000' });
    const suite = root.children[0]!;
    expect(suite.attrs).toEqual({ name: 'a <b> & "c"', tests: '5', failures: '2', skipped: '2', errors: '0', time: '0.000' });
    const [ok, boom, cond, unreachable, notRun] = suite.children;
    expect(ok).toMatchObject({ name: 'testcase', attrs: { classname: 'h1', name: "it's ok", time: '0.000' }, children: [] });
    expect(boom!.children[0]).toMatchObject({
      name: 'failure',
      attrs: { message: 'step "x" failed (exit 2): <oops> ********', type: 'step' },
      text: 'line1 ]]> & <tag>\nline2\n',
    });
    expect(cond!.children[0]).toMatchObject({ name: 'skipped', attrs: { message: 'condition false' } });
    expect(unreachable).toMatchObject({ attrs: { classname: 'h3', name: '(connect)' }, children: [{ name: 'failure', attrs: { type: 'unreachable' } }] });
    expect(notRun).toMatchObject({ attrs: { classname: 'h4', name: '(not run)' }, children: [{ name: 'skipped' }] });
  });

  it('xmlEscape covers the five entities', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
