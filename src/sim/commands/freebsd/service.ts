/**
 * service(8) (usr.sbin/service/service.sh): find NAME in /etc/rc.d or
 * $local_startup and run it; `-e` lists enabled scripts, `-j` runs inside a
 * jail through jexec, `-l` lists scripts.
 */
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';
import { checkYesNo, loadRcConf, words } from '../../rc/rc-conf.js';
import { rcServiceFor, runRcScript } from '../../rc/services.js';
import { getopts } from './getopts.js';
import { findJail, jexecNotFound } from './jail-lookup.js';
import { reapIfEmpty } from '../jail/jail-ops.js';
import { Output, shQuote } from './output.js';
import { rcorderOrder } from './rcorder-order.js';

/** service.sh @023fc80 usage(): echoed to stdout, $local_startup expanded. */
const usage = (localStartup: string): string => `
Usage:
service [-j <jail name or id>] -e
service [-j <jail name or id>] -R
service [-j <jail name or id>] [-v] -l | -r
service [-j <jail name or id>] [-v] <rc.d script> start|stop|etc.
service -h

-j	Perform actions within the named jail
-e	Show services that are enabled
-R	Stop and start enabled ${localStartup} services
-l	List all scripts in /etc/rc.d and ${localStartup}
-r	Show the results of boot time rcorder
-v	Verbose

`;

function localStartup(ctx: SimCommandContext): string[] {
  const vars = loadRcConf({ fs: ctx.host.fs, root: ctx.root }).vars;
  return words(vars.get('local_startup') ?? '/usr/local/etc/rc.d');
}

function isExecutableFile(ctx: SimCommandContext, path: string): boolean {
  const node = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, '/', path));
  return node?.kind === 'file' && (node.mode & 0o111) !== 0;
}

/** The regular files a glob DIR/* lists, by name. */
function filesIn(ctx: SimCommandContext, dir: string): Array<{ name: string; text: string }> {
  const host = ctx.host.fs.resolve(ctx.root, '/', dir);
  if (!ctx.host.fs.isDir(host)) return [];
  const names = ctx.host.fs.readdir(host).filter((n) => !n.startsWith('.')).sort();
  return names.flatMap((n) => {
    const node = ctx.host.fs.stat(`${host}/${n}`);
    return node?.kind === 'file' ? [{ name: `${dir}/${n}`, text: ctx.host.fs.readFile(`${host}/${n}`) }] : [];
  });
}

/**
 * service.sh -e and -r: `rcorder ${skip} /etc/rc.d/* ${local_rc}`, where skip is
 * `-s nostart`, plus `-s nojail` in a jail (service.sh, unlike /etc/rc, does not
 * skip nojailvnet), and local_rc the executable scripts of $local_startup with a
 * `# PROVIDE:` line, not *.sample or *.pkgsave (rc.subr find_local_scripts_new).
 */
export function rcScripts(ctx: SimCommandContext): string[] {
  const local = localStartup(ctx).flatMap((dir) =>
    filesIn(ctx, dir).filter((f) => /^# PROVIDE:/m.test(f.text) && !/\.(sample|pkgsave)$/.test(f.name) && isExecutableFile(ctx, f.name)),
  );
  const skip = ctx.jail === undefined ? ['nostart'] : ['nostart', 'nojail'];
  const { stdout } = rcorderOrder({ files: [...filesIn(ctx, '/etc/rc.d'), ...local], keep: [], skip, parallel: false });
  return stdout.split('\n').filter(Boolean);
}

/** -l: `ls -1` of /etc/rc.d and each local_startup directory, with -v a "From DIR:" line first. */
function listScripts(ctx: SimCommandContext, verbose: boolean, out: Output): SimResult {
  for (const dir of ['/etc/rc.d', ...localStartup(ctx)]) {
    if (verbose) out.out(`From ${dir}:\n`);
    const host = ctx.host.fs.resolve(ctx.root, '/', dir);
    if (!ctx.host.fs.isDir(host)) continue;
    const names = ctx.host.fs.readdir(host).filter((n) => !n.startsWith('.'));
    for (const n of names.sort()) out.out(`${n}\n`);
  }
  return out.result(0);
}

function listEnabled(ctx: SimCommandContext, out: Output): SimResult {
  const vars = loadRcConf({ fs: ctx.host.fs, root: ctx.root }).vars;
  for (const script of rcScripts(ctx)) {
    const name = script.slice(script.lastIndexOf('/') + 1);
    const svc = rcServiceFor(name);
    if (svc.rcvar && checkYesNo(vars.get(svc.rcvar))) out.out(`${script}\n`);
  }
  return out.result(0);
}

export const service: SimCommand = (ctx) => {
  const out = new Output();
  const parsed = getopts(ctx.argv.slice(1), 'eE:hj:lrRv');
  if (parsed.error) return out.out(usage(localStartup(ctx).join(' '))).result(1);
  const has = (f: string) => parsed.opts.some((o) => o.flag === f);
  const jail = parsed.opts.filter((o) => o.flag === 'j').pop()?.arg;
  if (has('h')) return out.out(usage(localStartup(ctx).join(' '))).result(0);

  if (jail !== undefined) {
    const j = findJail(ctx.host.state, jail);
    if (!j) return out.err(jexecNotFound(jail)).result(1);
    const args = ctx.argv.slice(1).filter((_, i, all) => !(all[i] === '-j' || all[i - 1] === '-j'));
    const line = ['/usr/sbin/service', ...args].map(shQuote).join(' ');
    const r = ctx.run(line, { root: j.path, jail: j.name, cwd: '/' });
    // service.sh runs it through `jexec -l`: a jail without persist goes when that was its last process.
    reapIfEmpty(ctx.host.state, j.name);
    return out.add(r).result(r.code);
  }

  if (has('e')) return listEnabled(ctx, out);
  if (has('l')) return listScripts(ctx, has('v'), out);
  if (has('r')) {
    for (const s of rcScripts(ctx)) out.out(`${s}\n`);
    return out.result(0);
  }

  const [name, ...args] = parsed.operands;
  // `if [ $# -gt 1 ]`: a script name alone is a usage error.
  if (!name || !args.length) return out.out(usage(localStartup(ctx).join(' '))).result(1);
  const dirs = ['/etc/rc.d', ...localStartup(ctx)];
  for (const dir of dirs) {
    const script = `${dir}/${name}`;
    if (!isExecutableFile(ctx, script)) continue;
    if (!has('v')) return runRcScript(ctx, name, script, args);
    const r = runRcScript(ctx, name, script, args);
    return { ...r, stdout: `${name} is located in ${dir}\n${r.stdout}` };
  }
  // Echoed to stdout, no final period (service.sh @023fc80).
  out.out(`${name} does not exist in /etc/rc.d or the local startup\n`);
  out.out(`directories (${localStartup(ctx).join(' ')}), or is not executable\n`);
  return out.result(1);
};

/** `/etc/rc.d/NAME verb` run directly (the path is the command). */
export function rcScriptCommand(path: string): SimCommand {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (ctx) => {
    if (!isExecutableFile(ctx, path)) {
      const node = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, '/', path));
      if (!node) return { stdout: '', stderr: `sh: ${path}: not found\n`, code: 127 };
      return { stdout: '', stderr: `sh: ${path}: Permission denied\n`, code: 126 };
    }
    return runRcScript(ctx, name, path, ctx.argv.slice(1));
  };
}
