/**
 * Commands are files: every command the simulator runs is an executable
 * file where FreeBSD 14 installs it, and the shell finds it through $PATH by
 * that file (bin/sh/exec.c find_command; sh(1) "Path Search"). Locations
 * from FreeBSD's source tree: bin/ installs to /bin, sbin/ to /sbin,
 * usr.bin/ to /usr/bin, usr.sbin/ to /usr/sbin (each Makefile's BINDIR;
 * sbin/md5/Makefile links sha256sum, usr.sbin/chown installs chown in
 * /usr/sbin), programs installed r-xr-xr-x root:wheel (share/mk/bsd.own.mk
 * BINMODE 555). /root's dot files: bin/sh/dot.profile, bin/sh/dot.shrc,
 * bin/csh/dot.cshrc, bin/csh/dot.login, etc/root/dot.k5login.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeArchive } from '../../../src/sim/archive/format.js';
import { baseTxz } from '../../../src/sim/archive/release.js';
import { COMMAND_FILE_CONTENT } from '../../../src/sim/command-files.js';
import { allCommands } from '../../../src/sim/commands/index.js';
import { SimHost } from '../../../src/sim/host.js';
import { loadState, saveState } from '../../../src/sim/state-file.js';
import { simHost } from '../../helpers/sim-host.js';

function host(): SimHost {
  return simHost('www', { hostname: 'www.example.org', address: '192.0.2.11' });
}

describe('command files', () => {
  it('puts each command where FreeBSD installs it, r-xr-xr-x root:wheel', () => {
    const h = host();
    const files = '/bin/sh /bin/ls /bin/[ /sbin/zfs /sbin/sysctl /sbin/sha256sum /usr/bin/grep /usr/bin/tar /usr/sbin/jls /usr/sbin/chown /usr/sbin/pkg /usr/sbin/sysrc';
    // stat(1) -f: %Sp the mode as ls shows it, %Su/%Sg owner and group names.
    expect(h.exec(`stat -f '%Sp %Su %Sg %N' ${files}`).stdout).toBe(
      files.split(' ').map((f) => `-r-xr-xr-x root wheel ${f}\n`).join(''),
    );
  });

  it('agrees with test -x, command -v, type and which', () => {
    const h = host();
    expect(h.exec('test -x /usr/sbin/jls && echo yes; command -v jls sysrc grep; type jls')).toEqual({
      stdout: 'yes\n/usr/sbin/jls\n/usr/sbin/sysrc\n/usr/bin/grep\njls is /usr/sbin/jls\n',
      stderr: '',
      code: 0,
    });
    // which.c: the first executable match in $PATH per name; exit 1 if any is missing, with no message.
    expect(h.exec('which jls ls nosuchcommand logger')).toEqual({ stdout: '/usr/sbin/jls\n/bin/ls\n/usr/bin/logger\n', stderr: '', code: 1 });
    expect(h.exec('which -s jls; echo $?; which /usr/sbin/jls; which')).toEqual({
      stdout: '0\n/usr/sbin/jls\n',
      stderr: 'usage: which [-as] program ...\n',
      code: 1,
    });
  });

  it('finds every command of the table in $PATH on a fresh host (nginx only once its package is installed)', () => {
    const h = host();
    const names = Object.keys(allCommands).filter((n) => !n.includes('/') && n !== 'nginx');
    // which(1) sees files only: a table command missing here needs its name in FILED_COMMANDS (src/sim/base-commands.ts).
    const r = h.exec(`for c in ${names.map((n) => `'${n}'`).join(' ')}; do which "$c" >/dev/null || echo "missing: $c"; done`);
    expect(r.stdout).toBe('');
    expect(h.exec('command -v nginx; echo $?; pkg install -y nginx >/dev/null; command -v nginx').stdout).toBe('127\n/usr/local/sbin/nginx\n');
  });

  it('a command whose file is removed is not found; moved elsewhere in $PATH, it runs from there', () => {
    const h = host();
    expect(h.exec('rm /usr/sbin/jls; jls; echo $?; command -v jls; echo $?; which jls; echo $?')).toEqual({
      stdout: '127\n127\n1\n',
      stderr: 'sh: jls: not found\n',
      code: 0,
    });
    const moved = host();
    expect(moved.exec('mv /usr/sbin/jls /usr/local/sbin/jls; command -v jls; jls').stdout).toBe(
      '/usr/local/sbin/jls\n   JID  IP Address      Hostname                      Path\n',
    );
    // By path, only the file named counts: /bin/jls does not exist on FreeBSD.
    expect(moved.exec('/bin/jls; echo $?')).toEqual({ stdout: '127\n', stderr: 'sh: /bin/jls: not found\n', code: 0 });
  });

  it('a command file without execute permission is found but cannot run (exit 126)', () => {
    // exec.c shellexec(): EACCES from execve is "Permission denied", status 126.
    expect(host().exec('chmod a-x /usr/sbin/jls; jls; echo $?')).toEqual({ stdout: '126\n', stderr: 'sh: jls: Permission denied\n', code: 0 });
  });

  it('looks in the default path /usr/bin:/bin when PATH is unset (include/paths.h _PATH_DEFPATH)', () => {
    expect(host().exec("env -i sh -c 'echo in; ls -d /tmp'; (unset PATH; sysctl -n kern.ostype; echo $?)")).toEqual({
      stdout: 'in\n/tmp\n127\n',
      stderr: 'sh: sysctl: not found\n',
      code: 0,
    });
  });

  it('gives a jail the same files: the release base.txz carries them', () => {
    const entries = decodeArchive(baseTxz('14.2-RELEASE')) ?? [];
    const jls = entries.find((e) => e.name === './usr/sbin/jls');
    expect(jls).toMatchObject({ kind: 'file', mode: 0o555, uid: 0, gid: 0 });
    expect(entries.some((e) => e.name === './bin/sh')).toBe(true);
  });

  it('seeds /root with FreeBSD 14\'s dot files', () => {
    const h = host();
    expect(h.exec('ls -A /root').stdout).toBe('.cshrc\n.k5login\n.login\n.profile\n.shrc\n');
    // bin/sh/dot.profile, first lines.
    expect(h.exec('head -n 4 /root/.profile').stdout).toBe('#\nHOME=/root\nexport HOME\nPATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin:~/bin\n');
    // etc/root/dot.k5login.
    expect(h.exec('cat /root/.k5login').stdout).toBe('#\n# user1/root@YOUR.REALM.WHEREVER\n# user2/root@YOUR.REALM.WHEREVER\n');
    expect(h.exec("stat -f '%Sp %Su %Sg' /root/.cshrc").stdout).toBe('-rw-r--r-- root wheel\n');
  });
});

describe('state files', () => {
  it('store the command files by name and load them back node for node', () => {
    const h = host();
    h.exec('chmod 700 /usr/bin/grep');
    const dir = mkdtempSync(join(tmpdir(), 'jf-state-'));
    try {
      const path = join(dir, 'www.json');
      saveState(path, h.state);
      expect(loadState(path)).toEqual(h.state);
      // Every command file costs its name in the file, not a whole node.
      const commandFiles = Object.values(h.state.fs).filter((n) => n.kind === 'file' && n.content === COMMAND_FILE_CONTENT).length;
      const withoutThem = JSON.stringify({ ...h.state, fs: Object.fromEntries(Object.entries(h.state.fs).filter(([, n]) => n.kind !== 'file' || n.content !== COMMAND_FILE_CONTENT)) }).length;
      expect(commandFiles).toBeGreaterThan(50);
      expect(statSync(path).size - withoutThem).toBeLessThan(commandFiles * 16);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give a state saved before command files existed its command files on load', () => {
    const h = host();
    for (const path of Object.keys(h.state.fs)) if (/^\/(usr\/)?s?bin\/./.test(path) && path !== '/bin/sh') delete h.state.fs[path];
    const dir = mkdtempSync(join(tmpdir(), 'jf-state-'));
    try {
      const path = join(dir, 'old.json');
      writeFileSync(path, JSON.stringify(h.state));
      const loaded = new SimHost('www', loadState(path)!);
      expect(loaded.exec('command -v jls; jls -N').stdout).toBe('/usr/sbin/jls\n JID             IP Address      Hostname                      Path\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a file put where sh looks first', () => {
  // bin/sh/exec.c find_command: the first regular file by that name in $PATH order is what runs; a
  // `#!/bin/sh` file runs as a script (execve(2) runs its interpreter). The simulator's command table
  // only says what its own command files do.
  it('a script in place of a command file runs as the script, and command -v still names the file', () => {
    const h = host();
    const r = h.exec(`printf '#!/bin/sh\\necho "planted $*"\\n' > /usr/sbin/jls; chmod 555 /usr/sbin/jls; jls -v; command -v jls`);
    expect(r).toEqual({ stdout: 'planted -v\n/usr/sbin/jls\n', stderr: '', code: 0 });
  });

  it('a script earlier in $PATH runs instead of the command, and command -v, type and which name it', () => {
    const h = host();
    const r = h.exec(
      `mkdir -p /root/bin; printf '#!/bin/sh\\necho "mine $1"\\n' > /root/bin/sysrc; chmod 755 /root/bin/sysrc; ` +
        `PATH=/root/bin:/sbin:/bin:/usr/sbin:/usr/bin; sysrc -a; command -v sysrc; type sysrc; which sysrc; PATH=/sbin:/bin:/usr/sbin:/usr/bin; command -v sysrc`,
    );
    expect(r).toEqual({ stdout: 'mine -a\n/root/bin/sysrc\nsysrc is /root/bin/sysrc\n/root/bin/sysrc\n/usr/sbin/sysrc\n', stderr: '', code: 0 });
  });

  it('a script found through a $PATH directory that is a symbolic link runs too', () => {
    const h = host();
    const r = h.exec(
      `mkdir -p /tmp/mine; ln -s /tmp/mine /root/lbin; printf '#!/bin/sh\\necho linked\\n' > /tmp/mine/jls; chmod 755 /tmp/mine/jls; ` +
        'PATH=/root/lbin:/sbin:/bin:/usr/sbin:/usr/bin; jls; command -v jls',
    );
    expect(r).toEqual({ stdout: 'linked\n/root/lbin/jls\n', stderr: '', code: 0 });
  });

  it('a directory by that name earlier in $PATH is passed over (find_command takes regular files only)', () => {
    const h = host();
    const r = h.exec('mkdir -p /root/bin/jls; PATH=/root/bin:/sbin:/bin:/usr/sbin:/usr/bin; command -v jls; jls name; echo $?');
    expect(r).toEqual({ stdout: '/usr/sbin/jls\n0\n', stderr: '', code: 0 });
  });

  it('a copy of a command file earlier in $PATH is found there and runs as that command', () => {
    const h = host();
    const r = h.exec('mkdir -p /root/bin; cp /usr/sbin/jls /root/bin/jls; PATH=/root/bin:/sbin:/bin:/usr/sbin:/usr/bin; command -v jls; jls; echo $?');
    expect(r).toEqual({ stdout: '/root/bin/jls\n   JID  IP Address      Hostname                      Path\n0\n', stderr: '', code: 0 });
  });

  it("/bin/freebsd-version, a script on FreeBSD (bin/freebsd-version/freebsd-version.sh.in), runs as the simulator's model of it", () => {
    const h = host();
    // The model reads USERLAND_VERSION from the script, as the script itself prints it; the rest of the script does not run.
    const r = h.exec(`printf '#!/bin/sh\\nUSERLAND_VERSION="14.1-RELEASE-p3"\\necho other\\n' > /bin/freebsd-version; freebsd-version; /bin/freebsd-version -u`);
    expect(r).toEqual({ stdout: '14.1-RELEASE-p3\n14.1-RELEASE-p3\n', stderr: '', code: 0 });
  });
});
