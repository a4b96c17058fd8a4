/**
 * network.subr's IPv4 alias handling, as the ifconfig runs it makes:
 * ifalias_af_common (ifconfig_IF_aliases, then ifconfig_IF_aliasN in numeric
 * order, then ipv4_addrs_IF), ifalias_af_common_handler (one ifconfig per
 * `inet ...` component) and ifalias_expand_addr_inet (the "a.b.c.N-M/len"
 * range form). ifalias_af_common reads every set ifconfig_IF_aliasN
 * (list_vars), so an unset number is skipped; a set but empty one ends the list.
 */
import { words } from './rc-conf.js';
import type { RcVars } from './rc-conf-parse.js';
import { ifVar } from './netif-vars.js';

export type AliasAction = 'alias' | '-alias';

/** What the alias code does, in order: an ifconfig run (its arguments after /sbin/ifconfig) or a warn(). */
export type AliasStep = { ifconfig: string[] } | { warn: string };

/** `${arg%/[0-9]*}`: drop the shortest suffix that starts with "/" and a digit. */
function dropPrefixLen(arg: string): string {
  for (let i = arg.length - 2; i >= 0; i--) if (arg[i] === '/' && /[0-9]/.test(arg[i + 1]!)) return arg.slice(0, i);
  return arg;
}

/** `[ "$a" -le "$b" ]` on what may not be numbers (test errors out: false). */
function leq(a: string, b: string): boolean {
  return /^-?[0-9]+$/.test(a) && /^-?[0-9]+$/.test(b) && Number(a) <= Number(b);
}

/** ifalias_expand_addr_inet ACTION ARG EXARGS...: the words it echoes (warnings go to `steps`). */
function expandInet(action: string, arg: string, exargs: string[], max: number, steps: AliasStep[]): string[] {
  const ex = exargs.join(' ');
  const key = `${action}:${arg}:${ex}`;
  if (/:.*--/s.test(key)) return [];
  const toExpand = /:.*[0-9]-[0-9].*:/s.test(key);
  if (!toExpand) {
    const netmask = /:.*:.*netmask/s.test(key);
    const addr = netmask ? dropPrefixLen(arg) : arg;
    return words(`${action === 'tmp' ? '' : 'inet '}${addr} ${ex}`);
  }
  const act = action === 'tmp' ? 'alias' : action;
  const out: string[] = [];
  const cidr = arg;
  const ipaddr = cidr.split('/')[0]!;
  let plen = cidr.includes('/') ? cidr.slice(cidr.lastIndexOf('/') + 1) : '32';
  let range = '';
  let head = '';
  let tail = '';
  for (const c of ipaddr.split('.')) {
    if (range === '' && /^[0-9].*-[0-9]/s.test(c)) range = c;
    else if (range === '') head = head ? `${head}.${c}` : c;
    else tail = tail ? `${tail}.${c}` : c;
  }
  const low = range.slice(0, range.lastIndexOf('-'));
  const high = range.slice(range.indexOf('-') + 1);
  const addr = (n: string) => `${head}${head ? '.' : ''}${n}${tail ? '.' : ''}${tail}`;
  // "clear netmask when removing aliases": only the first address; the loop forces /32 after it.
  if (act === '-alias') plen = '';
  let count = low;
  const expanded: string[] = [];
  while (leq(count, high)) {
    expanded.push(`${addr(count)}${plen ? '/' : ''}${plen}`);
    if (Number(count) > Number(low) + max) {
      const text = `Range specification is too large (${addr(low)}-${addr(high)}).  ${addr(low)}-${addr(count)} was processed.  Increase $netif_ipexpand_max in rc.conf.`;
      steps.push({ warn: text });
      break;
    }
    count = String(Number(count) + 1);
    plen = '32';
  }
  for (const c of expanded) out.push(...expandInet(act, c, exargs, max, steps));
  return out;
}

/** ifalias_af_common_handler IF inet ACTION ARGS...: one ifconfig per `inet ...` component, ranges expanded. */
function handler(ifn: string, action: AliasAction, args: string[], max: number, steps: AliasStep[]): void {
  if (!args.join(' ').startsWith('inet ')) return;
  const flush = (tmp: string) => {
    if (/^inet .*[0-9a-fA-F]-/s.test(tmp)) {
      const [arg = '', ...ex] = words(tmp.slice('inet '.length));
      handler(ifn, action, expandInet(action, arg, ex, max, steps), max, steps);
    } else if (tmp.startsWith('inet ')) {
      steps.push({ ifconfig: [ifn, ...words(tmp), action] });
    }
  };
  let tmp = '';
  for (const c of args) {
    if (c === 'inet') {
      flush(tmp);
      tmp = 'inet';
    } else {
      tmp = `${tmp} ${c}`;
    }
  }
  flush(tmp);
}

/** ifconfig_IF_aliasN names as list_vars | sort_lite -n sees them: by the number after "alias", then by name. */
function aliasNames(vars: RcVars, ifn: string): string[] {
  const prefix = `ifconfig_${ifn.replace(/[.\-/+]/g, '_')}_alias`;
  const names = [...vars.keys()].filter((k) => k.startsWith(prefix) && /^[0-9]/.test(k.slice(prefix.length)) && /^[A-Za-z0-9_]+$/.test(k));
  const num = (k: string) => Number(/^[0-9]+/.exec(k.slice(prefix.length))![0]);
  return names.sort((a, b) => num(a) - num(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** ifalias IF inet ACTION: every ifconfig run (and warning) for IF's configured IPv4 aliases. */
export function inetAliasSteps(vars: RcVars, ifn: string, action: AliasAction): AliasStep[] {
  const steps: AliasStep[] = [];
  const max = Number(vars.get('netif_ipexpand_max') || 2048);
  let aliasn = '';
  for (const name of aliasNames(vars, ifn)) {
    const value = vars.get(name) ?? '';
    const af = /^(inet|inet6|link|ether) /.exec(value)?.[1] ?? '';
    if (af === 'inet') aliasn += ` ${value}`;
    else if (af === '' && value === '') break;
    else if (af === '' && action === 'alias') {
      aliasn += ` inet ${value}`;
      steps.push({ warn: `$${name} needs leading "inet" keyword for an IPv4 address.` });
    }
  }
  for (const a of words(ifVar(vars, ifn, 'ipv4_addrs_IF'))) aliasn += ` inet ${a}`;
  let tmp = '';
  for (const c of [...words(ifVar(vars, ifn, 'ifconfig_IF_aliases')), ...words(aliasn)]) {
    if (/^(inet|inet6|link|ether)$/.test(c)) {
      if (tmp.startsWith('inet ')) handler(ifn, action, words(tmp), max, steps);
      tmp = c;
    } else {
      tmp = `${tmp} ${c}`;
    }
  }
  if (tmp.startsWith('inet ')) handler(ifn, action, words(tmp), max, steps);
  return steps;
}
