/**
 * Files a command writes (--report, --log-file, report --html) that cannot
 * be written: a directory, or a path in a directory that does not exist.
 * That used to surface after the run as an internal error with a stack trace
 * (exit 1), once the hosts had been changed, or as exit 13 with no message
 * (a log file that is a directory). It is bad input: exit 4, naming the
 * option and the path, before anything is sent.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

describe('output files that cannot be written: exit 4, nothing sent', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const dirPath = join(project.dir, 'a-dir');
  mkdirSync(dirPath);
  const missing = join(project.dir, 'no-such-dir');

  const refused = async (argv: string[], message: string): Promise<void> => {
    const r = await cli(project.dir, ...argv);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 4, stdout: '', stderr: `error: ${message}\n` });
    expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);
  };
  const apply = ['apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml'];

  it('apply --report: a directory, or in a missing directory', async () => {
    await refused([...apply, '--report', 'a-dir'], `--report: ${dirPath} is a directory`);
    await refused([...apply, '--report', 'no-such-dir/r.xml'], `--report: ${missing} is no directory (for ${join(missing, 'r.xml')})`);
  });

  it('apply --log-file: a directory', async () => {
    await refused([...apply, '--log-file', 'a-dir'], `--log-file: ${dirPath} is a directory`);
  });

  it('report --html: a directory, or in a missing directory', async () => {
    await refused(['report', '--html', 'a-dir'], `--html: ${dirPath} is a directory`);
    await refused(['report', '--html', 'no-such-dir/r.html'], `--html: ${missing} is no directory (for ${join(missing, 'r.html')})`);
  });
});
