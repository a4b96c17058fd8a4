/**
 * freebsd-version(1). FreeBSD's is a shell script
 * (bin/freebsd-version/freebsd-version.sh.in) with USERLAND_VERSION baked in
 * at build time; the simulator models the script rather than running it:
 * - -u (the default): USERLAND_VERSION as the root's /bin/freebsd-version
 *   assigns it (a release tree's script; freebsd-update rewrites it), else —
 *   a seeded host's command file — the host's release;
 * - -k: the installed kernel, `what -qs` of $ROOT/boot/kernel/kernel through
 *   KERNEL_RE ('^FreeBSD \([-.0-9A-Za-z]\{1,\}\) .*$'); no kernel file is
 *   error "unable to locate kernel" (exit 1) — a jail's tree has none — except
 *   on a seeded host, whose kernel is its release (INFERRED: the seed writes
 *   no /boot/kernel/kernel);
 * - -r: the running kernel, `sysctl -n kern.osrelease` (a jail's osrelease);
 * - -j JAIL (repeatable): `jexec -- "$j" freebsd-version` for each, after the rest.
 * Output order k, r, u, j as main() prints them. Option errors are sh's
 * getopts ("Illegal option -x", "No arg for -j option") then usage(), exit 1.
 */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { getopts } from '../freebsd/getopts.js';
import { shQuote } from '../freebsd/output.js';

const USAGE = 'usage: freebsd-version [-kru] [-j jail]\n';
const KERNEL_RE = /@\(#\)FreeBSD ([-.0-9A-Za-z]+) /;

/** The release a root's /bin/freebsd-version script says (USERLAND_VERSION="..."). */
export function userlandVersion(ctx: SimCommandContext, root: string): string | undefined {
  const fs = ctx.host.fs;
  const node = fs.stat(fs.resolve(root, '/', '/bin/freebsd-version'));
  if (node?.kind !== 'file') return undefined;
  return /^USERLAND_VERSION="([^"]*)"/m.exec(node.content)?.[1];
}

/** The version string a kernel file carries (`what` finds "@(#)FreeBSD X ..."). */
export function kernelFileVersion(ctx: SimCommandContext, root: string): string | undefined {
  const fs = ctx.host.fs;
  const node = fs.stat(fs.resolve(root, '/', '/boot/kernel/kernel'));
  if (node?.kind !== 'file') return undefined;
  return KERNEL_RE.exec(node.content)?.[1] ?? '';
}

export const freebsdVersion: SimCommand = (ctx) => {
  const p = getopts(ctx.argv.slice(1), 'kruj:');
  if (p.error) {
    const why = p.error.kind === 'illegal' ? `Illegal option -${p.error.flag}` : `No arg for -${p.error.flag} option`;
    return { stdout: '', stderr: `${why}\n${USAGE}`, code: 1 };
  }
  if (p.operands.length) return { stdout: '', stderr: USAGE, code: 1 };
  const has = (f: string): boolean => p.opts.some((o) => o.flag === f);
  const jails = p.opts.filter((o) => o.flag === 'j').map((o) => o.arg!);
  const state = ctx.host.state;
  const seededHost = ctx.root === '/';
  let stdout = '';
  let stderr = '';
  const u = has('u') || (!has('k') && !has('r') && !jails.length);
  if (has('k')) {
    const k = kernelFileVersion(ctx, ctx.root) ?? (seededHost ? state.release : undefined);
    if (k === undefined) return { stdout, stderr: 'freebsd-version: unable to locate kernel\n', code: 1 };
    stdout += `${k}\n`;
  }
  if (has('r')) {
    const jail = ctx.jail === undefined ? undefined : state.jails.find((j) => j.name === ctx.jail);
    stdout += `${jail?.params.osrelease ?? state.release}\n`;
  }
  if (u) stdout += `${userlandVersion(ctx, ctx.root) ?? state.release}\n`;
  for (const j of jails) {
    // set -e: the first failing jexec ends the script with its status.
    const r = ctx.run(`jexec -- ${shQuote(j)} freebsd-version`, { root: ctx.root, cwd: '/' });
    stdout += r.stdout;
    stderr += r.stderr;
    if (r.code !== 0) return { stdout, stderr, code: r.code };
  }
  return { stdout, stderr, code: 0 };
};
