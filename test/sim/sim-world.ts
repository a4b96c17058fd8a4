/**
 * Runs a script in the simulated shell on a host that has the same tree as
 * dash's chroot (world-layout.ts) and a command table of only what runs for
 * real in both (shell-stubs.ts): every other command is a stub function or a
 * stub script in /usr/local/bin, or "not found", as it is in the chroot.
 */
import { allCommands } from '../../src/sim/commands/index.js';
import { emptySimState } from '../../src/sim/empty-state.js';
import { SimHost } from '../../src/sim/host.js';
import type { SimCommand } from '../../src/sim/types.js';
import type { ShellRun } from './dash-world.js';
import { REAL_UTILITIES, SHELL_BUILTINS } from './shell-stubs.js';
import { DIRS, LINKS } from './world-layout.js';

const TABLE: Record<string, SimCommand> = Object.fromEntries(
  [...REAL_UTILITIES, ...SHELL_BUILTINS].map((n) => {
    const c = allCommands[n];
    if (!c) throw new Error(`the simulator has no ${n}`);
    return [n, c];
  }),
);

/** The directories of a path, outermost first ("/a/b/c" → /a, /a/b). */
const parents = (path: string): string[] => path.split('/').slice(1, -1).map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}`);

export class SimWorld {
  constructor(
    /** Every file of dash's tree, by path. */
    private readonly files: string[],
    /** Contents of the files the scripts may run (the stubs); the rest are placeholders. */
    private readonly contents: Record<string, string>,
  ) {}

  private freshHost(): SimHost {
    const host = new SimHost('world', emptySimState({ hostname: 'world' }), { commands: TABLE });
    for (const d of DIRS) host.fs.mkdir(d, { parents: true });
    for (const path of this.files) {
      for (const d of parents(path)) host.fs.mkdir(d, { parents: true });
      if (path in LINKS) host.fs.symlink(LINKS[path]!, path);
      else host.fs.writeFile(path, this.contents[path] ?? '', { mode: path in this.contents ? 0o755 : 0o555 });
    }
    return host;
  }

  run(script: string, stdin: string): ShellRun {
    return this.freshHost().exec(script, { stdin });
  }
}
