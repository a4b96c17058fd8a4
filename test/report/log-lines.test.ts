import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import { afterAll, describe, expect, it } from 'vitest';
import { closeLogger, consoleFormat, createLogger, logMessage, logSink } from '../../src/report/logger.js';
import { Redactor } from '../../src/report/redact.js';
import type { RunEvent } from '../../src/report/events.js';

// Issue 15: a task's log line said "task fb3" (the host); it names the task,
// the host and the outcome, at -v (failures, info) as at -vv (everything, debug).
const RUN: RunEvent[] = [
  { type: 'run_start', playbook: 'site.yml', check: false, hosts: 2, run_id: '20250102T030405-abcd' },
  { type: 'play_start', play: 'web', hosts: ['fb3', 'fb4'] },
  { type: 'task_start', play: 'web', task: 'install nginx', hosts: ['fb3', 'fb4'] },
  { type: 'host_start', play: 'web', host: 'fb3' },
  { type: 'task', play: 'web', host: 'fb3', task: 'install nginx', module: 'pkg', status: 'changed', message: 'nginx installed' },
  { type: 'task', play: 'web', host: 'fb3', task: 'start nginx', module: 'service', status: 'failed', message: 'boom' },
  { type: 'task', play: 'web', host: 'fb4', task: 'probe', module: 'command', status: 'failed', message: 'x', ignored: true },
  {
    type: 'task', play: 'web', host: 'fb4', task: 'users', module: 'line', status: 'ok', message: '2 items: 2 ok',
    items: [
      { item: 'a', label: 'users (item=a)', status: 'ok', changed: false, failed: false, skipped: false, msg: 'ok' },
      { item: 'b', label: 'users (item=b)', status: 'ok', changed: false, failed: false, skipped: false, msg: 'ok' },
    ],
  },
  { type: 'host_unreachable', play: 'web', host: 'fb5', message: 'refused' },
  { type: 'host_end', play: 'web', host: 'fb3', channels: 1, rounds: 1 },
  { type: 'play_end', play: 'web' },
  { type: 'recap', hosts: {}, run_id: '20250102T030405-abcd', exit_code: 1 },
];

function consoleLines(level: string): string[] {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  const logger = winston.createLogger({ transports: [new winston.transports.Stream({ stream, level, format: consoleFormat(new Redactor()) })] });
  const sink = logSink(logger);
  for (const e of RUN) sink.emit(e);
  return text.trim().split('\n');
}

describe('log lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('-v: a failed task by its name, host and outcome', () => {
    expect(consoleLines('info')).toEqual(['info: task "start nginx" on fb3: failed', 'info: task "probe" on fb4: failed (ignored)']);
  });

  it('-vv: every event, task lines alike', () => {
    expect(consoleLines('debug')).toEqual([
      'debug: run_start 20250102T030405-abcd: site.yml, 2 host(s)',
      'debug: play_start "web": 2 host(s)',
      'debug: task_start "install nginx": 2 host(s)',
      'debug: host_start fb3',
      'debug: task "install nginx" on fb3: changed',
      'info: task "start nginx" on fb3: failed',
      'info: task "probe" on fb4: failed (ignored)',
      'debug: task "users" on fb4: ok (2 items)',
      'debug: host_unreachable fb5',
      'debug: host_end fb3',
      'debug: play_end "web"',
      'debug: recap 20250102T030405-abcd: exit 1',
    ]);
  });

  it('logMessage of a check run, and of a recap without an exit code (a run not from the CLI)', () => {
    expect(logMessage({ type: 'run_start', playbook: 'site.yml', check: true, hosts: 1, run_id: 'R' })).toBe('run_start R: site.yml (check), 1 host(s)');
    expect(logMessage({ type: 'recap', hosts: {}, run_id: 'R' })).toBe('recap R');
  });

  it('--log-file: each record carries the run id from run_start on', async () => {
    const file = join(dir, 'run.log');
    const logger = createLogger({ verbose: 0, logFile: file, redactor: new Redactor() });
    logger.info('before the run');
    const sink = logSink(logger);
    for (const e of RUN.slice(0, 2)) sink.emit(e);
    sink.emit(RUN.at(-1)!);
    await closeLogger(logger);
    const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map(({ timestamp: _t, ...r }) => r)).toEqual([
      { level: 'info', message: 'before the run' },
      { level: 'debug', message: 'run_start 20250102T030405-abcd: site.yml, 2 host(s)', run_id: '20250102T030405-abcd', event: RUN[0] },
      { level: 'debug', message: 'play_start "web": 2 host(s)', run_id: '20250102T030405-abcd', event: RUN[1] },
      { level: 'debug', message: 'recap 20250102T030405-abcd: exit 1', run_id: '20250102T030405-abcd', event: RUN.at(-1) },
    ]);
  });
});
