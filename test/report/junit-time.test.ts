import { describe, expect, it } from 'vitest';
import { junitReport, seconds } from '../../src/report/junit.js';
import { Redactor } from '../../src/report/redact.js';

// Issue 15: testcase@time is what the host took to reach that result (since
// its previous result in the play, or its start); testsuite@time and
// testsuites@time are sums, as Ansible's junit callback writes them.
describe('JUnit times', () => {
  it('per testcase from the host\'s previous result or start, per suite the sum', () => {
    let now = 1000;
    const r = junitReport('site.yml', new Redactor(), () => now);
    const at = (ms: number): void => {
      now = ms;
    };
    r.sink.emit({ type: 'play_start', play: 'web', hosts: ['a', 'b', 'c'] });
    r.sink.emit({ type: 'host_start', play: 'web', host: 'a' });
    r.sink.emit({ type: 'host_start', play: 'web', host: 'b' });
    at(2234.4);
    r.sink.emit({ type: 'task', play: 'web', host: 'a', task: 'one', module: 'copy', status: 'changed', message: '' });
    at(2240);
    r.sink.emit({ type: 'task', play: 'web', host: 'a', task: 'two', module: 'copy', status: 'ok', message: '' });
    at(3500);
    r.sink.emit({ type: 'host_unreachable', play: 'web', host: 'b', message: 'refused' });
    r.sink.emit({ type: 'host_not_run', play: 'web', host: 'c', reason: 'interrupted (Ctrl-C)' });
    r.sink.emit({ type: 'play_start', play: 'db', hosts: ['a'] });
    at(4000);
    r.sink.emit({ type: 'host_start', play: 'db', host: 'a' });
    at(4000.6);
    r.sink.emit({ type: 'task', play: 'db', host: 'a', task: 'three', module: 'copy', status: 'failed', message: 'no', step: 's', stderr: 'err' });
    expect(r.xml()).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="site.yml" tests="5" failures="2" skipped="1" time="3.741">
  <testsuite name="web" tests="4" failures="1" skipped="1" errors="0" time="3.740">
    <testcase classname="a" name="one" time="1.234"/>
    <testcase classname="a" name="two" time="0.006"/>
    <testcase classname="b" name="(connect)" time="2.500">
      <failure message="refused" type="unreachable">refused</failure>
    </testcase>
    <testcase classname="c" name="(not run)" time="0.000">
      <skipped message="interrupted (Ctrl-C)"/>
    </testcase>
  </testsuite>
  <testsuite name="db" tests="1" failures="1" skipped="0" errors="0" time="0.001">
    <testcase classname="a" name="three" time="0.001">
      <failure message="no" type="step">err</failure>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('seconds: 3 decimals, never negative', () => {
    expect([seconds(0), seconds(1), seconds(999.5), seconds(61_234), seconds(-3)]).toEqual(['0.000', '0.001', '1.000', '61.234', '0.000']);
  });
});
