import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { skipUnless } from '../helpers/requires.js';

const RC = 'contrib/freebsd/rc.d/jailfleet_reconcile';
const UNIT = 'contrib/systemd/jailfleet-reconcile.service';
const ENV_EXAMPLE = 'contrib/systemd/reconcile.env';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/**
 * Just enough of rc.subr(8) to run the script's start path on any POSIX sh:
 * rc_flags from ${name}_flags, ${name}_user, the start_precmd, then the
 * command line as run_rc_command builds it ("$command $rc_flags
 * $command_args", through eval), printed one argument per line.
 */
const FAKE_RC_SUBR = `
load_rc_config() { . "$FAKE_RC_CONF"; }
warn() { echo "warn: $*" >&2; }
run_rc_command() {
  eval rc_flags=\\$\${name}_flags
  eval _user=\\$\${name}_user
  eval "$start_precmd" || return 1
  echo "rc.subr user=[$_user] pidfile=[$pidfile] procname=[$procname] rcvar=[$rcvar]"
  eval "set -- $command $rc_flags $command_args"
  for a in "$@"; do echo "arg=[$a]"; done
}
`;

describe('FreeBSD rc.d script', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('jailfleet-rcd-');
  });
  afterAll(async () => {
    await removeDir(dir);
  });

  it('is valid sh and executable', () => {
    const r = spawnSync('sh', ['-n', RC], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(statSync(RC).mode & 0o111).not.toBe(0);
  });

  it('follows rc.subr conventions', () => {
    const text = readFileSync(RC, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toMatch(/^# PROVIDE: jailfleet_reconcile$/m);
    expect(text).toMatch(/^# REQUIRE: .*LOGIN/m);
    expect(text).toMatch(/^# KEYWORD: shutdown$/m);
    expect(text).toMatch(/^\. \/etc\/rc\.subr$/m);
    expect(text).toMatch(/^name="jailfleet_reconcile"$/m);
    expect(text).toMatch(/^rcvar="jailfleet_reconcile_enable"$/m);
    expect(text).toMatch(/^load_rc_config "\$name"$/m);
    expect(text).toMatch(/^: "\$\{jailfleet_reconcile_enable:=NO\}"$/m);
    expect(text.trimEnd().endsWith('run_rc_command "$1"')).toBe(true);
    // Defaults come after load_rc_config, so rc.conf wins.
    expect(text.indexOf('load_rc_config')).toBeLessThan(text.indexOf(': "${jailfleet_reconcile_enable'));
  });

  it('starts daemon(8) with the supervisor pidfile, restart, the user, and the flags after jailfleet', () => {
    const stubs = join(dir, 'bin');
    spawnSync('mkdir', ['-p', stubs]);
    for (const cmd of ['id', 'install']) {
      writeFileSync(join(stubs, cmd), `#!/bin/sh\necho "${cmd} $*" >> "${join(dir, 'calls.log')}"\n`);
      chmodSync(join(stubs, cmd), 0o755);
    }
    writeFileSync(join(dir, 'rc.subr'), FAKE_RC_SUBR);
    writeFileSync(
      join(dir, 'rc.conf'),
      [
        'jailfleet_reconcile_enable="YES"',
        'jailfleet_reconcile_user="fleet"',
        'jailfleet_reconcile_playbook="/usr/local/etc/jailfleet/site.yml"',
        'jailfleet_reconcile_inventory="/usr/local/etc/jailfleet/hosts.yml"',
        'jailfleet_reconcile_every="*/5 * * * *"',
        'jailfleet_reconcile_flags="--fix --splay 60 --metrics-file /var/tmp/node_exporter/jailfleet.prom"',
        '',
      ].join('\n'),
    );
    const script = join(dir, 'jailfleet_reconcile');
    copyFileSync(RC, script);
    writeFileSync(script, readFileSync(script, 'utf8').replace('. /etc/rc.subr', `. ${join(dir, 'rc.subr')}`));
    // A file named like an argument would show a glob leaking through the quoting.
    writeFileSync(join(dir, 'glob-bait'), '');
    const r = spawnSync('sh', [script, 'start'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: `${stubs}:/usr/bin:/bin`, FAKE_RC_CONF: join(dir, 'rc.conf') },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('rc.subr user=[] pidfile=[/var/run/jailfleet_reconcile/jailfleet_reconcile.pid] procname=[/usr/sbin/daemon] rcvar=[jailfleet_reconcile_enable]');
    const args = lines.slice(1).map((l) => /^arg=\[(.*)\]$/.exec(l)?.[1]);
    expect(args).toEqual([
      '/usr/sbin/daemon', '-r', '-R', '30', '-S', '-T', 'jailfleet_reconcile', '-t', 'jailfleet_reconcile',
      '-P', '/var/run/jailfleet_reconcile/jailfleet_reconcile.pid',
      '-p', '/var/run/jailfleet_reconcile/jailfleet_reconcile.child.pid',
      '-u', 'fleet',
      '/usr/local/bin/jailfleet', 'reconcile', '/usr/local/etc/jailfleet/site.yml',
      '-i', '/usr/local/etc/jailfleet/hosts.yml', '--every', '*/5 * * * *',
      '--fix', '--splay', '60', '--metrics-file', '/var/tmp/node_exporter/jailfleet.prom',
    ]);
    expect(readFileSync(join(dir, 'calls.log'), 'utf8')).toBe(
      'id fleet\ninstall -d -m 0755 -o root -g wheel /var/run/jailfleet_reconcile\ninstall -d -m 0750 -o fleet /var/db/jailfleet\n',
    );
  });
});

/** [section] key=value, keys may repeat. */
function parseUnit(text: string): Map<string, [string, string][]> {
  const sections = new Map<string, [string, string][]>();
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = section[1]!;
      sections.set(current, sections.get(current) ?? []);
      continue;
    }
    const eq = line.indexOf('=');
    expect(eq, `not key=value: ${line}`).toBeGreaterThan(0);
    sections.get(current)!.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return sections;
}

describe('systemd unit', () => {
  const unit = parseUnit(readFileSync(UNIT, 'utf8'));
  const get = (section: string, key: string): string | undefined => unit.get(section)?.find(([k]) => k === key)?.[1];

  it('has the keys a simple, restarted service with an EnvironmentFile needs', () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install']);
    expect(get('Unit', 'Description')).toMatch(/\S/);
    expect(get('Service', 'Type')).toBe('simple');
    expect(get('Service', 'Restart')).toBe('on-failure');
    expect(get('Service', 'EnvironmentFile')).toBe('/etc/jailfleet/reconcile.env');
    expect(get('Service', 'User')).toBe('jailfleet');
    expect(get('Install', 'WantedBy')).toBe('multi-user.target');
    const exec = get('Service', 'ExecStart')!;
    expect(exec.startsWith('/')).toBe(true);
    expect(exec).toMatch(/ reconcile \$\{JAILFLEET_PLAYBOOK\} -i \$\{JAILFLEET_INVENTORY\} --every \$\{JAILFLEET_EVERY\} \$JAILFLEET_FLAGS$/);
  });

  it('the example environment file sets every variable ExecStart uses', () => {
    const vars = new Set(readFileSync(ENV_EXAMPLE, 'utf8').split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.slice(0, l.indexOf('='))));
    const used = [...get('Service', 'ExecStart')!.matchAll(/\$\{?([A-Z_]+)\}?/g)].map((m) => m[1]);
    for (const v of used) expect(vars.has(v!), v).toBe(true);
  });

  it.skipIf(skipUnless(has('systemd-analyze'), 'systemd-analyze verify: systemd-analyze is needed (apt-get install -y systemd)'))('passes systemd-analyze verify', async () => {
    const dir = await makeTempDir('jailfleet-unit-');
    try {
      copyFileSync(UNIT, join(dir, 'jailfleet-reconcile.service'));
      const r = spawnSync('systemd-analyze', ['verify', join(dir, 'jailfleet-reconcile.service')], { encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
      expect(r.status).toBe(0);
    } finally {
      await removeDir(dir);
    }
  });
});
