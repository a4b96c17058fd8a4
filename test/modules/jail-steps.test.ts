/**
 * The jail module's steps executed on a simulated FreeBSD host, the way the
 * engine runs them: facts read with each fact command, the plan made from
 * them, every step as `( STEP ) </dev/null`, stopping at the first failure.
 * Failures that only the target can show (a tampered download, a jail that
 * will not start) are tested here.
 */
import { describe, expect, it } from 'vitest';
import { jailModule } from '../../src/modules/jail/index.js';
import type { Plan } from '../../src/modules/types.js';
import { allCommands } from '../../src/sim/commands/index.js';
import { SimHost } from '../../src/sim/host.js';
import type { SimCommand } from '../../src/sim/types.js';
import { sha256Of } from '../helpers/sha256-of.js';
import { planWith } from './harness.js';
import { WWW_TASK } from './jail-fixtures.js';
import { simHost } from '../helpers/sim-host.js';

function newHost(commands: Record<string, SimCommand> = allCommands): SimHost {
  return simHost('new1', { hostname: 'new1', address: '192.0.2.21' }, { commands });
}

function planOn(host: SimHost, raw: Record<string, unknown>): Plan {
  return planWith([jailModule, raw], (command) => host.exec(`( ${command}\n) </dev/null`));
}

interface Applied {
  ok: boolean;
  failed?: { title: string; code: number; stderr: string };
}

function apply(host: SimHost, plan: Plan): Applied {
  for (const step of plan.steps) {
    const r = host.exec(`( ${step.command}\n) </dev/null`);
    if (r.code !== 0) return { ok: false, failed: { title: step.title, code: r.code, stderr: r.stderr } };
  }
  return { ok: true };
}

describe('jail steps on the simulator', () => {
  it('converge builds, configures and starts the jail; the next plan is empty', () => {
    const host = newHost();
    expect(apply(host, planOn(host, WWW_TASK))).toEqual({ ok: true });
    expect(host.exec('jls -j www').stdout).toMatch(/^\s+\d+\s+192\.0\.2\.121\s+www\s+\/usr\/jails\/www$/m);
    expect(host.exec('cat /usr/jails/www/.jailfleet-release').stdout).toBe('14.2-RELEASE\n');
    expect(host.exec('ls /tmp').stdout).not.toMatch(/jailfleet/);
    expect(planOn(host, WWW_TASK)).toMatchObject({ changed: false, steps: [] });
  });

  it('a tampered base.txz fails the download step naming both sums, and leaves no marker and nothing in the cache', () => {
    const tampering: SimCommand = (ctx) => {
      const r = allCommands.fetch!(ctx);
      const out = ctx.argv[ctx.argv.indexOf('-o') + 1] ?? '';
      if (out.endsWith('/base.txz.part')) ctx.host.fs.writeFile(out, 'not the release\n');
      return r;
    };
    const host = newHost({ ...allCommands, fetch: tampering });
    const result = apply(host, planOn(host, WWW_TASK));
    expect(result.failed?.title).toBe('download 14.2-RELEASE base.txz');
    const good = /^base\.txz\t([0-9a-f]{64})\t/.exec(host.exec('fetch -o - https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/MANIFEST').stdout)?.[1];
    const bad = host.exec("printf '%s\\n' 'not the release' > /tmp/x && sha256 -q /tmp/x").stdout.trim();
    expect(result.failed?.stderr).toBe(`jail www: base.txz checksum mismatch: MANIFEST says ${good}, file has ${bad}\n`);
    expect(host.exec('ls /usr/jails/www/.jailfleet-release').code).not.toBe(0);
    // The EXIT trap removed the partial download even though the step failed; the verified MANIFEST stays.
    expect(host.exec('ls /var/cache/jailfleet/releases/14.2-RELEASE').stdout).toBe('MANIFEST\n');
  });

  it('downloads a release once per host: a second jail of it fetches nothing', () => {
    const fetched: string[] = [];
    const counting: SimCommand = (ctx) => {
      fetched.push(ctx.argv.at(-1) ?? '');
      return allCommands.fetch!(ctx);
    };
    const host = newHost({ ...allCommands, fetch: counting });
    expect(apply(host, planOn(host, WWW_TASK))).toEqual({ ok: true });
    expect(fetched.map((u) => u.replace(/.*\//, ''))).toEqual(['MANIFEST', 'base.txz']);
    const db = { name: 'db', ip4: 'em0|192.0.2.122/32', release: '14.2-RELEASE' };
    expect(apply(host, planOn(host, db))).toEqual({ ok: true });
    expect(fetched).toHaveLength(2);
    expect(host.exec('cat /usr/jails/db/.jailfleet-release').stdout).toBe('14.2-RELEASE\n');
    expect(host.exec('ls /var/cache/jailfleet/releases/14.2-RELEASE').stdout).toBe('MANIFEST\nbase.txz\n');
  });

  it('a cached base.txz that no longer matches its MANIFEST, or a .part left behind, is fetched anew', () => {
    const fetched: string[] = [];
    const counting: SimCommand = (ctx) => {
      fetched.push(ctx.argv.at(-1) ?? '');
      return allCommands.fetch!(ctx);
    };
    const host = newHost({ ...allCommands, fetch: counting });
    const cache = '/var/cache/jailfleet/releases/14.2-RELEASE';
    expect(apply(host, planOn(host, WWW_TASK))).toEqual({ ok: true });
    host.exec(`printf 'half a download' > ${cache}/base.txz.part; printf 'bit rot' > ${cache}/base.txz`);
    expect(apply(host, planOn(host, { name: 'db', release: '14.2-RELEASE' }))).toEqual({ ok: true });
    expect(fetched.map((u) => u.replace(/.*\//, ''))).toEqual(['MANIFEST', 'base.txz', 'base.txz']);
    expect(host.exec(`ls ${cache}`).stdout).toBe('MANIFEST\nbase.txz\n');
    const want = /^base\.txz\t([0-9a-f]{64})\t/.exec(host.exec(`cat ${cache}/MANIFEST`).stdout)?.[1];
    // MANIFEST names the sha256 of base.txz (release/scripts/make-manifest.sh); the kept file must have it.
    expect(sha256Of(host, `${cache}/base.txz`)).toBe(want);
  });

  it('a jail that fails to start fails its step with jail(8)\'s message, although service exits 0', () => {
    const host = newHost();
    const result = apply(host, planOn(host, { ...WWW_TASK, ip4: 'em9|192.0.2.121/32' }));
    expect(result.failed?.title).toBe('start jail www');
    expect(result.failed?.code).toBe(1);
    expect(result.failed?.stderr).toContain('cannot start jail  "www": ');
    expect(result.failed?.stderr).toMatch(/jail: www: .*em9/);
    expect(result.failed?.stderr).toContain('jail www: not running after service jail start');
    expect(host.exec('service jail start www').code).toBe(0);
  });

  it('an ip4 change moves the alias: the old address leaves the interface', () => {
    const host = newHost();
    apply(host, planOn(host, WWW_TASK));
    const moved = { ...WWW_TASK, ip4: 'em0|192.0.2.122/32' };
    expect(apply(host, planOn(host, moved))).toEqual({ ok: true });
    const inet = host.exec('ifconfig em0').stdout;
    expect(inet).toContain('inet 192.0.2.122 ');
    expect(inet).not.toContain('inet 192.0.2.121 ');
    expect(planOn(host, moved).steps).toEqual([]);
  });

  it('a hostile hostname survives jail.conf and the shell byte for byte', () => {
    const host = newHost();
    const hostname = `x"; persist; $(touch /pwned) 'y' \\`;
    expect(apply(host, planOn(host, { ...WWW_TASK, hostname }))).toEqual({ ok: true });
    const json = JSON.parse(host.exec('jls -v --libxo json').stdout) as { 'jail-information': { jail: Array<{ hostname: string }> } };
    expect(json['jail-information'].jail[0]?.hostname).toBe(hostname);
    expect(host.exec('ls /pwned').code).not.toBe(0);
    expect(planOn(host, { ...WWW_TASK, hostname }).steps).toEqual([]);
  });

  it('absent with purge stops the jail, then deletes its tree', () => {
    const host = newHost();
    apply(host, planOn(host, WWW_TASK));
    expect(apply(host, planOn(host, { name: 'www', state: 'absent', purge: true }))).toEqual({ ok: true });
    expect(host.exec('jls -j www').code).toBe(1);
    expect(host.exec('ls /usr/jails/www').code).not.toBe(0);
    expect(host.exec('sysrc -n jail_list').stdout).toBe('\n');
    expect(host.exec('mount').stdout).not.toContain('/usr/jails/www');
  });

  it('the build step extracts nothing over a tree that has its marker by then: facts that said "no tree" are stale', () => {
    const host = newHost();
    const fresh = planOn(host, WWW_TASK);
    expect(apply(host, planOn(host, WWW_TASK)).ok).toBe(true);
    host.exec("echo 'alice:*:1001:1001:Alice:/home/alice:/bin/sh' >> /usr/jails/www/etc/passwd");
    const passwd = host.exec('cat /usr/jails/www/etc/passwd').stdout;
    // The plan made before the tree existed, run now: its build step refuses, having changed nothing.
    const build = fresh.steps.find((st) => st.title.startsWith('build root tree'))!;
    const r = host.exec(`( ${build.command}\n) </dev/null`);
    expect(r).toMatchObject({ code: 1, stderr: 'jail www: /usr/jails/www/.jailfleet-release exists: the root tree was built already; nothing extracted\n' });
    expect(host.exec('cat /usr/jails/www/etc/passwd').stdout).toBe(passwd);
  });

  it('a marker write that fails leaves no marker: the next run builds the tree again', () => {
    const host = newHost();
    const build = planOn(host, WWW_TASK).steps;
    // mv is the marker's last command; failing it (a read-only file system, a full disk) must not leave an empty marker.
    for (const step of build) {
      const cmd = step.title.startsWith('build root tree') ? step.command.replace(/&& mv (\S+) (\S+)$/, '&& false') : step.command;
      host.exec(`( ${cmd}\n) </dev/null`);
    }
    expect(host.exec('test -e /usr/jails/www/.jailfleet-release').code).toBe(1);
    expect(apply(host, planOn(host, WWW_TASK)).ok).toBe(true);
    expect(host.exec('cat /usr/jails/www/.jailfleet-release').stdout).toBe('14.2-RELEASE\n');
  });
});
