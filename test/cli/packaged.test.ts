/**
 * The package as a user gets it (issue 17): `npm pack` of this checkout
 * (its prepack builds the CLI) holds only the built CLI, the README, the
 * LICENSE, the example inventory and playbooks and the service files
 * (contrib/); installed globally into
 * an empty prefix (its dependencies from the npm cache `npm ci` filled, else
 * the registry), the installed `jailfleet` answers --version, validates the
 * shipped examples, and runs the demo on them.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the packed package, installed', () => {
  let work: string;
  let bin: string;
  let files: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'jailfleet-pack-'));
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = info!.files.map((f) => f.path);
    const prefix = join(work, 'prefix');
    // --ignore-scripts: native add-ons (better-sqlite3 for the reconcile history, ssh2's optional
    // cpu-features) build from source here, minutes on two cores; what this test runs loads neither.
    await run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--global', '--prefix', prefix, join(work, info!.filename)], { cwd: work });
    bin = join(prefix, 'bin', 'jailfleet');
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds only what a user needs: the built CLI, the README, the example inventory, playbooks and project, the service files', () => {
    const tops = [...new Set(files.map((f) => f.split('/')[0]))].sort();
    expect(tops).toEqual(['LICENSE', 'README.md', 'contrib', 'dist', 'examples', 'inventory', 'package.json', 'playbooks']);
    expect(files).toContain('examples/ansible-style/hosts.ini');
    expect(files).toContain('dist/cli/main.js');
    // README "Running as a service": the rc.d script and the systemd unit, as shipped.
    expect(files.filter((f) => f.startsWith('contrib/')).sort()).toEqual(['contrib/freebsd/rc.d/jailfleet_reconcile', 'contrib/systemd/jailfleet-reconcile.service', 'contrib/systemd/reconcile.env']);
    // The esbuild bundle (scripts/bundle-cli.js) and its chunks, with source maps: no tsc output beside it.
    expect(files.filter((f) => f.startsWith('dist/') && !/^dist\/(cli\/main|chunks\/[\w-]+)\.js(\.map)?$/.test(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|bench|src)\//.test(f) && !f.startsWith('dist/'))).toEqual([]);
  });

  it('installs a jailfleet that answers --version, validates the examples and runs the demo', async () => {
    expect((await run(bin, ['--version'])).stdout.trim()).toBe(VERSION);
    // The examples as shipped, in a directory of the user's.
    const project = join(work, 'project');
    const shipped = join(work, 'prefix', 'lib', 'node_modules', 'jailfleet');
    cpSync(join(shipped, 'inventory'), join(project, 'inventory'), { recursive: true });
    cpSync(join(shipped, 'playbooks'), join(project, 'playbooks'), { recursive: true });
    const validated = await run(bin, ['validate', 'playbooks/site.yml', '-i', 'inventory/sim.yml'], { cwd: project });
    expect(validated.stdout).toContain('ok');
    // README "Coming from Ansible": the Ansible-shaped project, validated where it was installed.
    const ansibleStyle = await run(bin, ['validate', 'site.yml', '-i', 'hosts.ini', '-e', 'owner=ops'], { cwd: join(shipped, 'examples', 'ansible-style') });
    expect(ansibleStyle.stdout).toMatch(/site.yml: OK \(1 plays, 7 tasks, 2 hosts\)/);
    const demo = await run(bin, ['demo', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--no-progress'], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
    expect(demo.stdout).toMatch(/new1 +: ok=\d+ +changed=\d+ +unreachable=0 +failed=0/);
  }, 120_000);
});
