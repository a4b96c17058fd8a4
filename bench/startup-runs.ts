/**
 * Wall time of short commands, side by side in the same run: rounds that run
 * every command once, in turn, so load from other work on the machine hits
 * all of them alike. Best and median per command.
 */
import { spawnSync } from 'node:child_process';
import { median } from './stats.js';

export interface StartupCommand {
  label: string;
  args: string[];
}

export interface StartupTiming {
  label: string;
  args: string[];
  bestMs: number;
  medianMs: number;
}

export function timeCommands(commands: StartupCommand[], runs: number, cwd: string): StartupTiming[] {
  const samples = commands.map(() => [] as number[]);
  // One untimed round: the first spawn of each pays for cold disk caches.
  for (let round = -1; round < runs; round++) {
    commands.forEach((c, i) => {
      const started = performance.now();
      const r = spawnSync(process.execPath, c.args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
      const ms = performance.now() - started;
      if (r.status !== 0) throw new Error(`${c.label} exited ${r.status ?? r.signal}: ${r.stderr.trim() || r.stdout.trim()}`);
      if (round >= 0) samples[i]!.push(ms);
    });
  }
  return commands.map((c, i) => ({ ...c, bestMs: Math.min(...samples[i]!), medianMs: median(samples[i]!) }));
}
