/**
 * `npm run bench:startup` (issue 17): how long the CLI takes to start, side
 * by side with `node -e 0` in the same run — `jailfleet --version` and
 * `jailfleet validate playbooks/site.yml -i inventory/sim.yml`, best and
 * median of --runs interleaved rounds. The best is what the targets judge:
 * other work on the machine only ever adds time.
 *
 *   npm run bench:startup -- [--runs 10] [--unbundled] [--main FILE]... [--profile]
 *
 * --unbundled also times the CLI as tsc builds it (startup-unbundled.ts),
 * the "before" of the bundle; --main (repeatable) times any other build of
 * the CLI instead of dist/cli/main.js. --profile adds the start-up trace of
 * validate for each: files loaded and CPU time by code area.
 * Results go to bench/results/startup-<timestamp>.json.
 */
import { rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { traceCommand, type StartupTrace } from './startup-profile.js';
import { buildUnbundled } from './startup-unbundled.js';
import { timeCommands, type StartupCommand, type StartupTiming } from './startup-runs.js';
import { fmt, timestamp } from './stats.js';
import { BENCH_DIR } from './workload.js';

const REPO = join(BENCH_DIR, '..');
const VALIDATE = ['validate', 'playbooks/site.yml', '-i', 'inventory/sim.yml'];
/** Issue 17's limits, as multiples of `node -e 0`. */
const LIMITS: Record<string, number> = { '--version': 1.5, validate: 2.5 };

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    unbundled: { type: 'boolean', default: false },
    main: { type: 'string', multiple: true },
    profile: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const mains = (values.main ?? ['dist/cli/main.js']).map((m) => resolve(REPO, m));
const unbundled = values.unbundled ? buildUnbundled(REPO) : undefined;
if (unbundled) {
  mains.unshift(unbundled.main);
  process.on('exit', () => rmSync(unbundled.dir, { recursive: true, force: true }));
}
const nameOf = (main: string): string => (main === unbundled?.main ? 'unbundled (tsc)' : relative(REPO, main));

const commands: StartupCommand[] = [{ label: 'node -e 0', args: ['-e', '0'] }];
for (const main of mains) {
  const name = nameOf(main);
  commands.push({ label: `${name} --version`, args: [main, '--version'] }, { label: `${name} validate`, args: [main, ...VALIDATE] });
}

process.stdout.write(`start-up, best of ${runs} interleaved rounds (cwd ${REPO}; ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)})\n`);
const timings = timeCommands(commands, runs, REPO);
const floor = timings[0]!.bestMs;
process.stdout.write(formatTimings(timings, floor));

const traces: StartupTrace[] = [];
if (values.profile) {
  const dir = join(REPO, 'bench', 'results', `profile-startup-${timestamp()}`);
  mains.forEach((main, i) => traces.push(traceCommand(`${nameOf(main)} validate`, [main, ...VALIDATE], REPO, join(dir, String(i)))));
  for (const t of traces) process.stdout.write(formatTrace(t));
  process.stdout.write(`CPU profiles: ${relative(REPO, dir)}/\n`);
}

const file = join(REPO, 'bench', 'results', `startup-${timestamp()}.json`);
await mkdir(join(REPO, 'bench', 'results'), { recursive: true });
await writeFile(file, JSON.stringify({ at: new Date().toISOString(), runs, nodeVersion: process.version, loadavg: loadavg(), timings, traces }, null, 2));
process.stdout.write(`results: ${relative(REPO, file)}\n`);

function formatTimings(list: StartupTiming[], floorMs: number): string {
  const rows = list.map((t) => {
    const ratio = t.bestMs / floorMs;
    const limit = Object.entries(LIMITS).find(([suffix]) => t.label.endsWith(` ${suffix}`))?.[1];
    const verdict = limit === undefined ? '' : `${ratio <= limit ? 'ok' : 'OVER'} (limit ${limit}×)`;
    return `  ${t.label.padEnd(44)} ${fmt(t.bestMs, 1).padStart(7)} ms  median ${fmt(t.medianMs, 1).padStart(7)} ms  ${fmt(ratio).padStart(5)}×  ${verdict}`;
  });
  return `  ${'command'.padEnd(44)} ${'best'.padStart(10)}  ${'median'.padStart(17)}  × node -e 0\n${rows.join('\n')}\n`;
}

function formatTrace(t: StartupTrace): string {
  const files = t.files.slice(0, 8).map((f) => `${f.area} ${f.count}`).join(', ');
  const areas = t.profile.areas.map((a) => `    ${fmt(a.selfMs, 1).padStart(7)} ms ${fmt(a.percent, 1).padStart(5)}%  ${a.name}`);
  return [`\n${t.label}: ${t.fileCount} files loaded (${files}${t.files.length > 8 ? ', …' : ''})`, `  CPU, ${fmt(t.profile.totalMs, 0)} ms sampled, self time by area:`, ...areas, ''].join('\n');
}
