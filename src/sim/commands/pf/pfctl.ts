/**
 * pfctl(8), the part a jail host uses (sbin/pfctl/pfctl.c main()): the
 * steps run in main()'s order — -d, -s, -F, -f, -e — whatever the order of
 * the options. Messages go to stderr unless -q: "pf enabled", "pf disabled",
 * errx "pf already enabled" / "pf not enabled" (exit 1, pfctl_enable/
 * pfctl_disable), "Ethernet rules cleared", "rules cleared", "nat cleared",
 * "0 tables deleted." (pfctl_flush_*, pfctl_table.c xprintf). -F and -s take
 * a modifier or any prefix of one (pfctl_lookup_option). A syntax error is
 * "FILE:LINE: syntax error" (parse.y yyerror; "stdin" for -f -), then
 * errx(1, "Syntax error in config file: pf rules not loaded"), or just exit 1
 * with -n. -s rules / -s nat of a ruleset that does not exist warns
 * "DIOCGETRULES: Invalid argument" (EINVAL from the kernel) and exits 0, as
 * main() ignores pfctl_show_rules()'s result.
 * Not modelled: tables (-t/-T), states, -s info/all/states/..., -k, -x,
 * scrub/table/antispoof rules, and any packet filtering itself.
 */
import { interfacesIn, vnetOf } from '../freebsd/ifconfig-vnet.js';
import { getopts } from '../freebsd/getopts.js';
import { serviceName, servicePort } from '../../rc/daemons/services-db.js';
import type { SimCommand, SimCommandContext, SimPf } from '../../types.js';
import { lexPf } from './pf-lexer.js';
import { parsePfLines, type PfEnv, type PfRule, type PfRuleKind } from './pf-rules.js';
import { childRulesets, flushRules, loadRules, pfOf } from './pf-state.js';

const USAGE =
  'usage: pfctl [-AdeghmNnOPqRrvz] [-a anchor] [-D macro=value] [-F modifier]\n' +
  '\t[-f file] [-i interface] [-K host | network]\n' +
  '\t[-k host | network | label | id] [-o level] [-p device]\n' +
  '\t[-s modifier] [-t table -T command [address ...]] [-x level]\n';

const SHOW = ['nat', 'queue', 'rules', 'Anchors', 'Sources', 'states', 'info', 'Interfaces', 'labels', 'timeouts', 'memory', 'Tables', 'osfp', 'Running', 'all', 'creatorids', 'ethernet'];
const CLEAR = ['ethernet', 'nat', 'queue', 'rules', 'Sources', 'states', 'info', 'Tables', 'osfp', 'all', 'Reset'];

/** pfctl_lookup_option(): the one entry `cmd` is a prefix of. */
function lookup(cmd: string, list: string[]): string | undefined {
  const found = list.filter((o) => cmd !== '' && o.startsWith(cmd));
  return found.length === 1 ? found[0] : list.find((o) => o === cmd);
}

class Out {
  stdout = '';
  stderr = '';
  warn(text: string): void {
    this.stderr += `${text}\n`;
  }
}

function pfEnv(ctx: SimCommandContext): PfEnv {
  const fs = ctx.host.fs;
  const services = fs.stat(fs.resolve(ctx.root, '/', '/etc/services'));
  const text = services?.kind === 'file' ? services.content : undefined;
  const state = ctx.host.state;
  return {
    interfaceInet: (name) => interfacesIn(state, vnetOf(state, ctx.jail)).find((i) => i.name === name)?.inet,
    serviceName: (port, proto) => serviceName(text, port, proto),
    servicePort: (name, proto) => servicePort(text, name, proto === 'udp' ? 'udp' : 'tcp'),
  };
}

function show(pf: SimPf, path: string, what: string, out: Out): number {
  if (what === 'Running') {
    out.stdout += `${pf.enabled ? 'Enabled' : 'Disabled'}\n`;
    return 0;
  }
  if (what === 'Anchors') {
    for (const child of childRulesets(pf, path)) out.stdout += `  ${child}\n`;
    return 0;
  }
  if (what !== 'rules' && what !== 'nat') {
    out.warn(`pfctl: -s ${what}: not simulated by jailfleet`);
    return 1;
  }
  const rs = pf.rulesets[path] ?? (path === '' ? { nat: [], rdr: [], filter: [] } : undefined);
  if (!rs) {
    out.warn('pfctl: DIOCGETRULES: Invalid argument');
    return 0;
  }
  const lines = what === 'nat' ? [...rs.nat, ...rs.rdr] : rs.filter;
  for (const l of lines) out.stdout += `${l}\n`;
  return 0;
}

function flush(pf: SimPf, path: string, what: string, quiet: boolean, out: Out): void {
  const say = (text: string): void => {
    if (!quiet) out.warn(text);
  };
  const kinds: Record<string, PfRuleKind[]> = { rules: ['filter'], nat: ['nat', 'rdr'], all: ['filter', 'nat', 'rdr'] };
  if (what === 'ethernet' || what === 'all') say('Ethernet rules cleared');
  if (what === 'rules' || what === 'all') say('rules cleared');
  if (what === 'nat' || what === 'all') say('nat cleared');
  if (kinds[what]) flushRules(pf, path, kinds[what]);
  if (what === 'Tables' || what === 'all') say('0 tables deleted.');
  // INFERRED: GENERIC has no ALTQ (pfctl_clear_altq returns silently) and pfctl_clear_fingerprints says nothing.
  if (what === 'states' || (what === 'all' && !path)) say('0 states cleared');
  if (what === 'Sources' || (what === 'all' && !path)) say('source tracking entries cleared');
  if (what === 'info' || (what === 'all' && !path)) say('pf: statistics cleared');
  if (what === 'all' && !path) say('pf: interface flags reset');
}

/** -f: parse the file; rules to load, or undefined after reporting the errors. */
function parseRulesFile(ctx: SimCommandContext, file: string, out: Out): PfRule[] | undefined {
  let text: string;
  let name = file;
  if (file === '-') {
    text = ctx.stdin;
    name = 'stdin';
  } else {
    const fs = ctx.host.fs;
    const host = fs.resolve(ctx.root, ctx.cwd, file);
    const node = fs.stat(host);
    if (node?.kind !== 'file') {
      const why = node ? 'Is a directory' : 'No such file or directory';
      out.warn(`pfctl: ${file}: ${why}`);
      out.warn(`pfctl: cannot open the main config file!: ${why}`);
      return undefined;
    }
    text = fs.readFile(host);
  }
  const lexErrors: Array<{ line: number; message: string }> = [];
  const parsed = parsePfLines(lexPf(text, lexErrors), pfEnv(ctx), name, lexErrors);
  for (const e of parsed.errors) out.warn(e);
  return parsed.errors.length ? undefined : parsed.rules;
}

export const pfctlCommand: SimCommand = (ctx) => {
  const out = new Out();
  const p = getopts(ctx.argv.slice(1), 'a:AdD:eqf:F:ghi:k:K:mMnNOo:Pp:rRs:t:T:vx:z');
  if (p.error || p.operands.length) {
    const why = p.error ? `pfctl: ${p.error.kind === 'missing' ? 'option requires an argument' : 'illegal option'} -- ${p.error.flag}\n` : '';
    return { stdout: '', stderr: `${why}${USAGE}`, code: 1 };
  }
  const has = (f: string): boolean => p.opts.some((o) => o.flag === f);
  const val = (f: string): string | undefined => p.opts.filter((o) => o.flag === f).pop()?.arg;
  if (ctx.jail !== undefined) return { stdout: '', stderr: 'pfctl: /dev/pf: No such file or directory\n', code: 1 };
  const showopt = val('s') === undefined ? undefined : lookup(val('s')!, SHOW);
  if (val('s') !== undefined && !showopt) return { stdout: '', stderr: `pfctl: Unknown show modifier '${val('s')}'\n${USAGE}`, code: 1 };
  const clearopt = val('F') === undefined ? undefined : lookup(val('F')!, CLEAR);
  if (val('F') !== undefined && !clearopt) return { stdout: '', stderr: `pfctl: Unknown flush modifier '${val('F')}'\n${USAGE}`, code: 1 };
  const anchor = (val('a') ?? '').replace(/^\/+|\/+$/g, '');
  const quiet = has('q');
  const noAction = has('n');
  const pf = pfOf(ctx.host.state);
  let code = 0;

  if (has('d')) {
    if (!pf.enabled) return { stdout: out.stdout, stderr: `${out.stderr}pfctl: pf not enabled\n`, code: 1 };
    pf.enabled = false;
    if (!quiet) out.warn('pf disabled');
  }
  if (showopt) code = show(pf, anchor, showopt, out) || code;
  if (clearopt && !noAction) flush(pf, anchor, clearopt, quiet, out);
  const file = val('f');
  if (file !== undefined) {
    const rules = parseRulesFile(ctx, file, out);
    if (!rules) {
      if (!noAction) out.warn('pfctl: Syntax error in config file: pf rules not loaded');
      return { stdout: out.stdout, stderr: out.stderr, code: 1 };
    }
    if (has('v')) for (const r of rules) out.stdout += `${r.text}\n`;
    const kinds: PfRuleKind[] = has('N') ? ['nat', 'rdr'] : has('R') ? ['filter'] : ['filter', 'nat', 'rdr'];
    if (!noAction) loadRules(pf, anchor, rules, kinds);
  }
  if (has('e')) {
    if (pf.enabled) return { stdout: out.stdout, stderr: `${out.stderr}pfctl: pf already enabled\n`, code: 1 };
    pf.enabled = true;
    if (!quiet) out.warn('pf enabled');
  }
  return { stdout: out.stdout, stderr: out.stderr, code };
};
