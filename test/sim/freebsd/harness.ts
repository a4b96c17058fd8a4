/**
 * Runs the simulator's FreeBSD commands directly, without the shell: a
 * context built by hand, and a `run` that understands the simple quoted
 * command lines the commands themselves send (sysrc -j, service -j).
 */
import { freebsdCommands } from '../../../src/sim/commands/freebsd/index.js';
import { SimFs } from '../../../src/sim/fs.js';
import { emptySimState } from '../../../src/sim/empty-state.js';
import type { RunOptions, SimCommandContext, SimHostApi, SimResult, SimState } from '../../../src/sim/types.js';

export function emptyState(hostname = 'host1'): SimState {
  const state = emptySimState({ hostname, release: '14.2-RELEASE', nextPid: 100, clock: 1764343800 });
  const fs = new SimFs(state);
  for (const d of ['/etc', '/etc/defaults', '/tmp', '/var', '/var/run', '/var/log']) fs.mkdir(d);
  return state;
}

export function hostApi(state: SimState, name = 'host1'): SimHostApi {
  return {
    name,
    state,
    fs: new SimFs(state),
    newPid: () => state.nextPid++,
  };
}

/** Split `'a b' c 'it'\''s'` into words (single quotes and bare words only). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let cur: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ') {
      if (cur !== undefined) words.push(cur);
      cur = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur = (cur ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      cur = (cur ?? '') + line[++i];
    } else {
      cur = (cur ?? '') + c;
    }
  }
  if (cur !== undefined) words.push(cur);
  return words;
}

export interface Runner {
  state: SimState;
  api: SimHostApi;
  exec(argv: string[], options?: RunOptions): SimResult;
  read(path: string): string;
  write(path: string, content: string): void;
}

export function runner(state: SimState): Runner {
  const api = hostApi(state, state.hostname);
  const exec = (argv: string[], options: RunOptions = {}): SimResult => {
    const cmd = freebsdCommands[argv[0]!];
    if (!cmd) return { stdout: '', stderr: `${argv[0]}: not found\n`, code: 127 };
    const ctx: SimCommandContext = {
      argv,
      stdin: options.stdin ?? '',
      env: options.env ?? {},
      cwd: options.cwd ?? '/',
      root: options.root ?? '/',
      jail: options.jail,
      host: api,
      run: (script, opts) => exec(splitWords(script), { ...opts }),
    };
    return cmd(ctx);
  };
  return {
    state,
    api,
    exec,
    read: (path) => api.fs.readFile(path),
    write: (path, content) => api.fs.writeFile(path, content),
  };
}

export const ok = (stdout: string): SimResult => ({ stdout, stderr: '', code: 0 });
