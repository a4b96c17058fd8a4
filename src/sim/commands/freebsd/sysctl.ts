/**
 * sysctl(8) over state.sysctl: `name`, prefixes (`security.jail`), `-n`,
 * `-e`, `-N`, `-a`, `-i`, `-q`, `name=value` ("name: old -> new"), with
 * sysctl.c's messages: unknown oid, read only, invalid integer. Inside a jail
 * writes fail with EPERM and jail-specific oids read the jail's values.
 */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { getopts } from './getopts.js';
import { isVnetJail } from './ifconfig-vnet.js';
import { Output } from './output.js';

/** Oids the kernel marks CTLFLAG_RD (or tunables fixed at boot). */
export const READ_ONLY_OIDS = new Set([
  'security.jail.jailed',
  'security.jail.vnet',
  'security.jail.devfs_ruleset',
  'kern.osrelease',
  'kern.ostype',
  'kern.osreldate',
  'kern.version',
  'hw.ncpu',
  'hw.physmem',
  'hw.machine',
  'hw.machine_arch',
  'kern.boottime',
]);

function view(ctx: SimCommandContext): Map<string, string> {
  const m = new Map(Object.entries(ctx.host.state.sysctl));
  if (ctx.jail === undefined) return m;
  const j = ctx.host.state.jails.find((x) => x.name === ctx.jail);
  m.set('security.jail.jailed', '1');
  // kern_jail.c sysctl_jail_vnet: `jailed(cred) && prison_owns_vnet(cred)`.
  m.set('security.jail.vnet', isVnetJail(ctx.host.state, ctx.jail) ? '1' : '0');
  if (j) m.set('kern.hostname', j.hostname);
  return m;
}

export const sysctl: SimCommand = (ctx) => {
  const out = new Output();
  const parsed = getopts(ctx.argv.slice(1), 'AabB:deFhiJNnoqTtWxf:');
  if (parsed.error) {
    return out.err('usage: sysctl [-bdeFhiJNnoqTtWx] [ -B <bufsize> ] [-f filename] name[=value] ...\n       sysctl [-bdeFhJNnoqTtWx] [ -B <bufsize> ] -a\n').result(1);
  }
  const has = (f: string) => parsed.opts.some((o) => o.flag === f);
  const values = view(ctx);
  const line = (name: string, value: string) => {
    if (has('N')) return `${name}\n`;
    if (has('n')) return `${value}\n`;
    return has('e') ? `${name}=${value}\n` : `${name}: ${value}\n`;
  };
  if (has('a') || has('A')) {
    for (const [k, v] of values) out.out(line(k, v));
    return out.result(0);
  }
  if (parsed.operands.length === 0) {
    return out.err('usage: sysctl [-bdeFhiJNnoqTtWx] [ -B <bufsize> ] [-f filename] name[=value] ...\n       sysctl [-bdeFhJNnoqTtWx] [ -B <bufsize> ] -a\n').result(1);
  }
  let code = 0;
  for (const arg of parsed.operands) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const current = values.get(name);
    if (eq < 0) {
      if (current !== undefined) {
        out.out(line(name, current));
        continue;
      }
      const children = [...values.keys()].filter((k) => k.startsWith(`${name}.`));
      if (children.length) {
        for (const k of children) out.out(line(k, values.get(k)!));
        continue;
      }
      if (!has('i')) {
        if (!has('q')) out.err(`sysctl: unknown oid '${name}'\n`);
        code = 1;
      }
      continue;
    }
    const value = arg.slice(eq + 1);
    if (current === undefined) {
      if (has('i')) continue;
      if (!has('q')) out.err(`sysctl: unknown oid '${name}'\n`);
      code = 1;
      continue;
    }
    if (READ_ONLY_OIDS.has(name)) {
      if (!has('q')) out.err(`sysctl: oid '${name}' is read only\n`);
      code = 1;
      continue;
    }
    if (/^-?\d+$/.test(current) && !/^-?\d+$/.test(value)) {
      if (!has('q')) out.err(`sysctl: invalid integer '${value}'\n`);
      code = 1;
      continue;
    }
    if (ctx.jail !== undefined) {
      if (!has('q')) out.err(`sysctl: ${name}: Operation not permitted\n`);
      code = 1;
      continue;
    }
    ctx.host.state.sysctl[name] = value;
    if (name === 'kern.hostname') ctx.host.state.hostname = value;
    if (has('N')) out.out(`${name}\n`);
    else if (has('n')) out.out(`${current} -> ${value}\n`);
    else out.out(`${name}: ${current} -> ${value}\n`);
  }
  return out.result(code);
};
