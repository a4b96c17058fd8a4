/**
 * Where a `node --cpu-prof` run spent its time: self time per function and
 * per code area (jailfleet dirs, node_modules packages, node internals, idle,
 * GC). Also a command: `node dist-bench/bench/profile-summary.js FILE.cpuprofile`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: SelfTime[];
  areas: SelfTime[];
}

/** Names the code area of a frame; startup-profile.ts passes one that looks inside bundles. */
export type AreaOf = (url: string, fn: string, line: number) => string;

export function summarizeProfile(profile: CpuProfile, top = 15, area: AreaOf = areaOf): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // A native frame (fs read, compile) counts for the code that called it.
  const areaOfNode = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (!f) break;
      if (f.url || f.functionName.startsWith('(')) return area(f.url, f.functionName, f.lineNumber);
    }
    return '(native)';
  };
  const selfUs = new Map<number, number>();
  // timeDeltas[i + 1] is the time from sample i to the next: sample i's cost.
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const fn = `${frame.functionName || '(anonymous)'}${frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ''}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    const area = areaOfNode(id);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const rank = (m: Map<string, number>, n: number): SelfTime[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, selfMs: us / 1000, percent: totalUs ? (100 * us) / totalUs : 0 }));
  return { totalMs: totalUs / 1000, functions: rank(fns, top), areas: rank(areas, top) };
}

export function formatSummary(s: ProfileSummary): string {
  const rows = (list: SelfTime[]): string[] => list.map((e) => `  ${e.selfMs.toFixed(0).padStart(7)} ms ${e.percent.toFixed(1).padStart(5)}%  ${e.name}`);
  return [`profile: ${s.totalMs.toFixed(0)} ms sampled`, 'by area (self time):', ...rows(s.areas), 'top functions (self time):', ...rows(s.functions)].join('\n');
}

function shortUrl(url: string): string {
  const at = url.search(/\/(dist|dist-bench|node_modules)\//);
  return at >= 0 ? url.slice(at + 1) : url.replace(/^file:\/\//, '');
}

export function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/bootstrap')) return 'node: loading modules';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `node_modules/${pkg[1]}`;
  const own = /\/(?:dist|dist-bench\/src)\/([^/]+)\//.exec(url);
  if (own) return `jailfleet ${own[1]}`;
  return shortUrl(url);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: profile-summary.js FILE.cpuprofile [TOP]\n');
    process.exitCode = 2;
  } else {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    process.stdout.write(formatSummary(summarizeProfile(profile, Number(process.argv[3] ?? 15))) + '\n');
  }
}
