/** id, whoami, hostname, uname, date. */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { groupName, userId, userName } from './ids.js';
import { fail, getopt, isResult, ok } from './util.js';

export const id: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'AGMPagnpru', 'usage: id [user]\n       id -A\n       id -G [-n] [user]\n       id -M\n       id -P [user]\n       id -c\n       id -g [-nr] [user]\n       id -p [user]\n       id -u [-nr] [user]');
  if (isResult(p)) return p;
  const who = p.args[0];
  const uid = who === undefined ? 0 : userId(ctx, who);
  if (uid === undefined) return fail(`id: ${who}: no such user\n`);
  const gid = uid === 0 ? 0 : uid;
  const names = p.opts.has('n');
  if (p.opts.has('u')) return ok(`${names ? userName(ctx, uid) : uid}\n`);
  if (p.opts.has('g')) return ok(`${names ? groupName(ctx, gid) : gid}\n`);
  if (p.opts.has('G')) return ok(`${names ? groupName(ctx, gid) : gid}${uid === 0 ? (names ? ' operator' : ' 5') : ''}\n`);
  const groups = uid === 0 ? `0(${groupName(ctx, 0)}),5(operator)` : `${gid}(${groupName(ctx, gid)})`;
  return ok(`uid=${uid}(${userName(ctx, uid)}) gid=${gid}(${groupName(ctx, gid)}) groups=${groups}\n`);
};

export const whoami: SimCommand = () => ok('root\n');

function jailOf(ctx: SimCommandContext) {
  return ctx.jail === undefined ? undefined : ctx.host.state.jails.find((j) => j.name === ctx.jail);
}

export const hostname: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'fsd', 'usage: hostname [-f] [-s | -d] [name-of-host]');
  if (isResult(p)) return p;
  const jail = jailOf(ctx);
  const name = p.args[0];
  if (name !== undefined) {
    if (jail) jail.hostname = name;
    else ctx.host.state.hostname = name;
    return ok();
  }
  const full = jail ? jail.hostname : ctx.host.state.hostname;
  const dot = full.indexOf('.');
  if (p.opts.has('s')) return ok(`${dot < 0 ? full : full.slice(0, dot)}\n`);
  if (p.opts.has('d')) return ok(`${dot < 0 ? '' : full.slice(dot + 1)}\n`);
  return ok(`${full}\n`);
};

/** "14.2-RELEASE" -> 1402000 (__FreeBSD_version style). */
function versionNumber(release: string): string {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? `${m[1]}${m[2]!.padStart(2, '0')}000` : '0';
}

export const uname: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'KUaimnoprsv', 'usage: uname [-abiKmnoprsUv]');
  if (isResult(p)) return p;
  const st = ctx.host.state;
  const jail = jailOf(ctx);
  const node = jail ? jail.hostname : st.hostname;
  const m = /^(\d+\.\d+)/.exec(st.release);
  const version = `FreeBSD ${st.release} releng/${m ? m[1] : st.release}-n0-simulated GENERIC`;
  const fields: Array<[string, string]> = [
    ['s', 'FreeBSD'],
    ['n', node],
    ['r', st.release],
    ['v', version],
    ['m', 'amd64'],
    ['p', 'amd64'],
    ['i', 'GENERIC'],
    ['K', versionNumber(st.release)],
    ['U', versionNumber(st.release)],
  ];
  const all = p.opts.has('a');
  let chosen = fields.filter(([k]) => (all ? 'snrvm'.includes(k) : p.opts.has(k) || (k === 's' && p.opts.has('o'))));
  if (chosen.length === 0) chosen = [fields[0]!];
  return ok(`${chosen.map(([, v]) => v).join(' ')}\n`);
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** strftime(3) for the conversions scripts use; the simulated host runs in UTC. */
export function strftime(fmt: string, t: number): string {
  const d = new Date(t * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const map: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    y: () => p2(d.getUTCFullYear() % 100),
    C: () => p2(Math.floor(d.getUTCFullYear() / 100)),
    m: () => p2(d.getUTCMonth() + 1),
    d: () => p2(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2),
    H: () => p2(d.getUTCHours()),
    I: () => p2(d.getUTCHours() % 12 || 12),
    M: () => p2(d.getUTCMinutes()),
    S: () => p2(d.getUTCSeconds()),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    s: () => String(t),
    a: () => DAYS[d.getUTCDay()]!,
    A: () => DAY_NAMES[d.getUTCDay()]!,
    b: () => MONTHS[d.getUTCMonth()]!,
    h: () => MONTHS[d.getUTCMonth()]!,
    B: () => MONTH_NAMES[d.getUTCMonth()]!,
    j: () => String(Math.floor((d.getTime() - start) / 86400000) + 1).padStart(3, '0'),
    u: () => String(d.getUTCDay() || 7),
    w: () => String(d.getUTCDay()),
    Z: () => 'UTC',
    z: () => '+0000',
    F: () => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`,
    T: () => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
    R: () => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`,
    D: () => `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`,
    c: () => strftime('%a %b %e %T %Y', t),
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => (map[c] ? map[c]!() : m));
}

export const date: SimCommand = (ctx) => {
  let t = ctx.host.state.clock;
  let format = '%a %b %e %T %Z %Y';
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-u' || a === '-j' || a === '-n') continue;
    if (a === '-r') {
      const v = args[++i];
      if (v === undefined || !/^-?[0-9]+$/.test(v)) return fail(`date: ${v ?? ''}: illegal time value\n`);
      t = Number(v);
      continue;
    }
    if (a.startsWith('+')) {
      format = a.slice(1);
      continue;
    }
    return fail(`date: illegal time format\nusage: date [-jnRu] [-I[date|hours|minutes|seconds|ns]] [-f input_fmt]\n            [ -z output_zone ] [-r filename|seconds] [-v[+|-]val[y|m|w|d|H|M|S]]\n            [[[[mm]dd]HH]MM[[cc]yy][.SS] | new_date] [+output_fmt]\n`);
  }
  return ok(`${strftime(format, t)}\n`);
};
