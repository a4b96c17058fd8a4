/**
 * What word expansion needs from the running shell: command substitution,
 * pathname expansion, and a note when an expansion assigns (unit.ts). One is
 * made for every simple command, so it is a class: methods on its prototype,
 * no closures to allocate each time.
 */
import type { Program } from './ast.js';
import type { Executor } from './executor.js';
import type { ExpandContext } from './expand.js';
import { globPaths } from './glob.js';
import { BufferSink, type Io } from './io.js';
import type { ShellState } from './state.js';

export class ShellExpansion implements ExpandContext {
  /** The status of the last command substitution (an assignment-only command's status). */
  substStatus: number | undefined;

  constructor(
    private readonly ex: Executor,
    readonly sh: ShellState,
    private readonly io: Io,
  ) {}

  substitute(body: Program): string {
    const out = new BufferSink();
    const fds = this.io.fds.slice();
    fds[1] = out;
    this.substStatus = this.ex.substitution(this.sh, this.io, body, { fds });
    return out.text();
  }

  glob(pattern: string): string[] {
    return globPaths(this.ex.fs, this.sh.root, this.sh.cwd, pattern);
  }

  assigned(): void {
    this.ex.expansionAssigns++;
  }
}
