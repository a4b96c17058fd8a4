/**
 * Runs a script in the real /usr/bin/dash, chrooted into world-layout's
 * tree in a temp dir, put back as built after each script: the scripts
 * write to /etc, /var/run and the like by absolute path, and here that
 * lands in the temp dir, never on this machine.
 * unshare(1) -r -m makes the chroot and the /dev/null bind mount work
 * without privileges (a user and mount namespace of the test's own).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DIRS, LINKS, LOGIN_ENV, PROGRAMS } from './world-layout.js';

export interface ShellRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** The shared libraries a program loads (ldd), as absolute paths. */
function librariesOf(programs: string[]): string[] {
  const r = spawnSync('ldd', programs, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ldd failed: ${r.stderr}`);
  return [...new Set([...r.stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]!))];
}

/** Binds /dev/null into the tree and runs dash there as `dash -c SCRIPT sh`. */
const ENTER = 'mount --bind /dev/null "$1/dev/null" && exec /usr/sbin/chroot "$1" /usr/bin/dash -c "$2" sh';

export class DashWorld {
  private readonly root: string;
  /** Every file of the tree, for the simulated host to have the same paths. */
  readonly files: string[];
  /** Every path of the tree as built: anything else a script made goes before the next one runs. */
  private readonly baseline = new Set<string>(['/']);

  constructor(stubs: Record<string, string>) {
    this.root = mkdtempSync(join(tmpdir(), 'jf-dash-root-'));
    const copies: Record<string, string> = { ...PROGRAMS };
    for (const lib of librariesOf(Object.values(PROGRAMS))) copies[lib] = lib;
    this.files = [...Object.keys(copies), ...Object.keys(LINKS), ...Object.keys(stubs), '/dev/null'];
    for (const path of [...DIRS, ...this.files]) for (let p = path; p !== '/'; p = dirname(p)) this.baseline.add(p);
    for (const d of DIRS) mkdirSync(join(this.root, d), { recursive: true });
    for (const path of this.files) {
      const at = join(this.root, path);
      mkdirSync(dirname(at), { recursive: true });
      if (path in LINKS) symlinkSync(LINKS[path]!, at);
      else if (path in stubs) writeFileSync(at, stubs[path]!, { mode: 0o755 });
      else if (path === '/dev/null') writeFileSync(at, '');
      else copyFileSync(copies[path]!, at);
    }
  }

  /**
   * Back to the tree as built: what the last script created goes (the stubs
   * and programs are never written to: rm, mv and the like are stubs, and
   * the scripts redirect into /etc, /var and /tmp only).
   */
  private reset(dir = '/'): void {
    for (const name of readdirSync(join(this.root, dir))) {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      if (!this.baseline.has(path)) rmSync(join(this.root, path), { recursive: true, force: true });
      else if (DIRS.includes(path) || lstatSync(join(this.root, path)).isDirectory()) this.reset(path);
    }
  }

  run(script: string, stdin: string): ShellRun {
    try {
      const r = spawnSync('/usr/bin/unshare', ['-r', '-m', '/usr/bin/dash', '-c', ENTER, 'enter', this.root, script], {
        input: stdin,
        env: LOGIN_ENV,
        encoding: 'utf8',
        timeout: 20_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      if (r.error) throw r.error;
      if (r.status === null) throw new Error(`dash ended by ${r.signal}`);
      return { stdout: r.stdout, stderr: r.stderr, code: r.status };
    } finally {
      this.reset();
    }
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
