/**
 * Which files syslogd writes a message to, per the root's /etc/syslog.conf
 * (usr.sbin/syslogd/syslogd.c cfline/logmsg, syslog.conf(5)): selectors
 * `facility[,facility].[!][<=>]level` joined by `;` (a later one wins for
 * its facilities, `none` excludes one), `!prog` / `!-prog` / `!*` program
 * blocks, `include DIR` of DIR's *.conf files. Only file actions matter
 * here: syslogd opens them without O_CREAT, so a file that does not exist
 * gets nothing; the console, users, remote hosts and pipes are not modelled.
 */
import type { SimCommandContext } from '../../types.js';

/** sys/syslog.h facilitynames (values >> 3; LOG_NFACILITIES is 24) and prioritynames. */
export const FACILITIES: Record<string, number> = {
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, security: 13, syslog: 5, lpr: 6, news: 7, uucp: 8, cron: 9,
  authpriv: 10, ftp: 11, ntp: 12, console: 14, local0: 16, local1: 17, local2: 18, local3: 19, local4: 20,
  local5: 21, local6: 22, local7: 23,
};
export const LEVELS: Record<string, number> = {
  emerg: 0, panic: 0, alert: 1, crit: 2, err: 3, error: 3, warning: 4, warn: 4, notice: 5, info: 6, debug: 7,
};

const LT = 1;
const EQ = 2;
const GT = 4;

interface Rule {
  /** Per facility: [level, comparison bits]; level -1 = none. */
  masks: Map<number, [number, number]>;
  program: { names: string[]; negate: boolean } | undefined;
  file: string;
}

function parseSelector(selector: string): Map<number, [number, number]> | undefined {
  const masks = new Map<number, [number, number]>();
  for (const part of selector.split(';')) {
    const dot = part.lastIndexOf('.');
    if (dot < 0) return undefined;
    let levelText = part.slice(dot + 1).toLowerCase();
    let negate = false;
    let cmp = 0;
    if (levelText.startsWith('!')) {
      negate = true;
      levelText = levelText.slice(1);
    }
    while (/^[<=>]/.test(levelText)) {
      cmp |= levelText[0] === '<' ? LT : levelText[0] === '=' ? EQ : GT;
      levelText = levelText.slice(1);
    }
    if (cmp === 0) cmp = EQ | GT;
    if (negate) cmp ^= LT | EQ | GT;
    // "*" is every level: at least as severe as debug.
    const level = levelText === 'none' ? -1 : levelText === '*' ? 7 : LEVELS[levelText];
    if (level === undefined) return undefined;
    for (const name of part.slice(0, dot).toLowerCase().split(',')) {
      if (name === '*') {
        for (let f = 0; f < 24; f++) masks.set(f, [level, cmp]);
        continue;
      }
      const fac = FACILITIES[name];
      if (fac === undefined) return undefined;
      masks.set(fac, [level, cmp]);
    }
  }
  return masks;
}

function readRules(ctx: SimCommandContext, path: string, depth: number, out: Rule[]): void {
  const fs = ctx.host.fs;
  const host = fs.resolve(ctx.root, '/', path);
  const node = fs.stat(host);
  if (node?.kind !== 'file') return;
  let program: Rule['program'];
  for (const raw of node.content.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('!')) {
      const spec = line.slice(1).trim();
      const negate = spec.startsWith('-');
      program = spec === '*' ? undefined : { names: (negate ? spec.slice(1) : spec).split(','), negate };
      continue;
    }
    if (/^[+-]/.test(line)) continue; // host blocks: every local message matches "+*" and the local host
    const [selector, ...rest] = line.split(/\s+/);
    if (selector === 'include') {
      if (depth < 4) includeDir(ctx, rest.join(' '), depth, out);
      continue;
    }
    const action = rest.join(' ').replace(/^-/, '');
    const masks = selector ? parseSelector(selector) : undefined;
    if (!masks || !action.startsWith('/') || action.startsWith('/dev/')) continue;
    out.push({ masks, program, file: action });
  }
}

function includeDir(ctx: SimCommandContext, dir: string, depth: number, out: Rule[]): void {
  const fs = ctx.host.fs;
  const host = fs.resolve(ctx.root, '/', dir);
  if (!fs.isDir(host)) return;
  for (const name of fs.readdir(host)) if (name.endsWith('.conf')) readRules(ctx, `${dir}/${name}`, depth + 1, out);
}

function matches(rule: Rule, facility: number, level: number, program: string): boolean {
  if (rule.program) {
    const listed = rule.program.names.includes(program);
    if (listed === rule.program.negate) return false;
  }
  const mask = rule.masks.get(facility);
  if (!mask || mask[0] < 0) return false;
  const [want, cmp] = mask;
  return ((cmp & EQ) !== 0 && want === level) || ((cmp & LT) !== 0 && want < level) || ((cmp & GT) !== 0 && want > level);
}

/** Files (as seen inside the root) that a message of this facility, level and program goes to, in syslog.conf order. */
export function syslogFiles(ctx: SimCommandContext, facility: number, level: number, program: string): string[] {
  const rules: Rule[] = [];
  readRules(ctx, '/etc/syslog.conf', 0, rules);
  return rules.filter((r) => matches(r, facility, level, program)).map((r) => r.file);
}
