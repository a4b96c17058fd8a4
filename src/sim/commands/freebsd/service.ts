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
import { Output, shQuote } from './output.js';

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

/** rcorder(8) for the scripts the simulator ships; others follow alphabetically. */
const BOOT_ORDER = ['cleanvar', 'netif', 'resolv', 'devd', 'newsyslog', 'syslogd', 'inetd', 'ntpd', 'sshd', 'sendmail', 'postfix', 'cron', 'jail'];

function localStartup(ctx: SimCommandContext): string[] {
  const vars = loadRcConf({ fs: ctx.host.fs, root: ctx.root }).vars;
  return words(vars.get('local_startup') ?? '/usr/local/etc/rc.d');
}

function isExecutableFile(ctx: SimCommandContext, path: string): boolean {
  const node = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, '/', path));
  return node?.kind === 'file' && (node.mode & 0o111) !== 0;
}

/** Every executable rc.d script, in boot order. */
export function rcScripts(ctx: SimCommandContext): string[] {
  const found: string[] = [];
  for (const dir of ['/etc/rc.d', ...localStartup(ctx)]) {
    const host = ctx.host.fs.resolve(ctx.root, '/', dir);
    if (!ctx.host.fs.isDir(host)) continue;
    for (const name of ctx.host.fs.readdir(host)) if (isExecutableFile(ctx, `${dir}/${name}`)) found.push(`${dir}/${name}`);
  }
  const rank = (p: string) => {
    const i = BOOT_ORDER.indexOf(p.slice(p.lastIndexOf('/') + 1));
    return i < 0 ? BOOT_ORDER.length : i;
  };
  return found.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
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
