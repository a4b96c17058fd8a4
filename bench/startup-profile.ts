/**
 * The start-up trace of one command: which files Node loaded (through
 * startup-trace.js) and where the CPU time went (`node --cpu-prof`), by code
 * area. Inside an esbuild bundle a frame's area is the source file esbuild
 * names in the `// path` comment above that code, so a bundle and the
 * unbundled tsc build read the same way.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { areaOf, summarizeProfile, type CpuProfile, type ProfileSummary } from './profile-summary.js';

export interface StartupTrace {
  label: string;
  /** Files loaded, by area (dist/…, node_modules/<package>), most first. */
  files: Array<{ area: string; count: number }>;
  fileCount: number;
  profile: ProfileSummary;
}

export function traceCommand(label: string, args: string[], cwd: string, dir: string): StartupTrace {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Two runs: the file list's module hooks start a thread of their own, which the profiled run must not pay for.
  const loaded = join(dir, 'loaded.txt');
  run(label, ['--import', join(import.meta.dirname, 'startup-trace.js'), ...args], cwd, { JAILFLEET_STARTUP_TRACE: loaded });
  run(label, ['--cpu-prof', '--cpu-prof-dir', dir, ...args], cwd, {});
  const profileFile = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!profileFile) throw new Error(`${label}: no CPU profile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as CpuProfile;
  const urls = [...new Set(readFileSync(loaded, 'utf8').split('\n').filter(Boolean))].filter((u) => !u.includes('/bench/startup-'));
  return { label, files: countByArea(urls), fileCount: urls.length, profile: summarizeProfile(profile, 12, bundleAwareArea()) };
}

function run(label: string, args: string[], cwd: string, env: Record<string, string>): void {
  const r = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${label} exited ${r.status ?? r.signal}: ${r.stderr.trim()}`);
}

function countByArea(urls: string[]): Array<{ area: string; count: number }> {
  const counts = new Map<string, number>();
  for (const url of urls) {
    const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    const own = /\/(dist\/[^/]+)\//.exec(url);
    const area = pkg ? `node_modules/${pkg[1]}` : own ? own[1]! : url;
    counts.set(area, (counts.get(area) ?? 0) + 1);
  }
  return [...counts].map(([area, count]) => ({ area, count })).sort((a, b) => b.count - a.count);
}

/** areaOf, but a frame inside a bundle counts for the source file it came from. */
function bundleAwareArea(): (url: string, fn: string, line: number) => string {
  const markers = new Map<string, Array<{ line: number; source: string }>>();
  const markersOf = (url: string): Array<{ line: number; source: string }> => {
    let list = markers.get(url);
    if (!list) {
      list = [];
      const text = readFileSync(fileURLToPath(url), 'utf8').split('\n');
      text.forEach((l, i) => {
        const m = /^\/\/ ((?:src|node_modules)\/\S+\.[cm]?[jt]s)$/.exec(l);
        if (m) list!.push({ line: i, source: m[1]! });
      });
      markers.set(url, list);
    }
    return list;
  };
  return (url, fn, line) => {
    if (!/\/dist\/(chunks|cli)\//.test(url) || !url.startsWith('file:')) return areaOf(url, fn);
    const list = markersOf(url);
    // No marker: a chunk of esbuild's helpers alone, or tsc's output (one file per module, no dist/chunks/).
    if (list.length === 0) return url.includes('/dist/chunks/') ? 'bundle: esbuild helpers' : areaOf(url, fn);
    let source: string | undefined;
    for (const m of list) {
      if (m.line > line) break;
      source = m.source;
    }
    // Above the first marker: a chunk's own top level, or esbuild's helpers (__require, __export, ...).
    if (!source) return line === 0 && !fn ? 'bundle: chunk top level' : 'bundle: esbuild helpers';
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
    return pkg ? `node_modules/${pkg[1]}` : `jailfleet ${source.split('/')[1]}`;
  };
}
