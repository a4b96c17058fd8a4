/**
 * jls(8) (usr.sbin/jls/jls.c, libxo version 2): the default table, -N, -v,
 * parameter lists with -h/-n/-q/-s, and --libxo json.
 */
import { positiveName } from '../../jail-conf/index.js';
import { isBoolParam } from '../../jail-conf/params.js';
import type { SimCommand, SimJail } from '../../types.js';
import { getopt, value } from './getopt.js';
import { Io } from './io.js';

const pad = (s: string, n: number): string => s.padEnd(n);
const cut = (s: string, n: number): string => s.slice(0, n);
const field = (s: string, n: number): string => pad(cut(s, n), n);

/** Read-only parameters that -s leaves out (it prints what jail(8) could set). */
const READ_ONLY = new Set(['children.cur', 'dying', 'parent', 'osreldate']);

function paramValue(j: SimJail, name: string): string | undefined {
  if (name === 'jid') return String(j.jid);
  if (name === 'name') return j.name;
  if (name === 'path') return j.path;
  if (name === 'host.hostname') return j.hostname;
  if (name === 'ip4.addr') return j.ip4.join(',');
  if (name === 'cpuset.id') return String(cpusetId(j));
  return j.params[positiveName(name)];
}

/** INFERRED: each jail gets the next cpuset after the base system's. */
function cpusetId(j: SimJail): number {
  return j.jid + 1;
}

function allParamNames(j: SimJail): string[] {
  const names = new Set([...Object.keys(j.params), 'jid', 'name', 'path', 'host.hostname', 'ip4.addr']);
  const list = [...names];
  const top = list.filter((n) => !n.includes('.')).sort();
  const dotted = list.filter((n) => n.includes('.')).sort();
  return [...top, ...dotted];
}

/** jail(8)'s quoted_print(): quote values with spaces or quotes, and empty ones. */
function quoted(v: string): string {
  if (v === '') return '""';
  const q = v.includes("'") ? '"' : v.includes('"') ? "'" : /[ \t]/.test(v) ? '"' : '';
  if (!q) return v;
  return q + v.replace(new RegExp(`[\\\\${q}]`, 'g'), (c) => `\\${c}`) + q;
}

function nameValue(name: string, v: string, quote: boolean): string {
  if (isBoolParam(name)) {
    const pos = positiveName(name);
    if (v === 'true') return pos;
    const dot = pos.lastIndexOf('.');
    return `${pos.slice(0, dot + 1)}no${pos.slice(dot + 1)}`;
  }
  // Array parameters print bare when empty ("ip6.addr=").
  if (v === '' && name.endsWith('.addr')) return `${name}=`;
  return `${name}=${quote || v === '' ? quoted(v) : v}`;
}

function extractLibxo(args: string[]): { args: string[]; json: boolean } {
  const out: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--libxo') {
      json = /json/.test(args[++i] ?? '');
      continue;
    }
    if (a.startsWith('--libxo=') || a.startsWith('--libxo:')) {
      json = /json|J/.test(a.slice(8));
      continue;
    }
    out.push(a);
  }
  return { args: out, json };
}

/** jls.c pflags: each option clears the ones it overrides, so the last of -h/-n/-s/-v wins. */
const HEADER = 0x02;
const NAMEVAL = 0x04;
const QUOTED = 0x08;
const SKIP = 0x10;
const VERBOSE = 0x20;
const JAIL_NAME = 0x40;

function printFlags(list: ReadonlyArray<[string, string]>): number {
  let pflags = 0;
  for (const [c] of list) {
    if (c === 'h') pflags = (pflags & ~(SKIP | VERBOSE)) | HEADER;
    else if (c === 'N') pflags |= JAIL_NAME;
    else if (c === 'n') pflags = (pflags & ~VERBOSE) | NAMEVAL;
    else if (c === 'q') pflags |= QUOTED;
    else if (c === 's') pflags = (pflags & ~(HEADER | VERBOSE)) | NAMEVAL | QUOTED | SKIP;
    else if (c === 'v') pflags = (pflags & ~(HEADER | NAMEVAL | SKIP)) | VERBOSE;
  }
  return pflags;
}

/**
 * -j: a non-zero number is a jid, anything else a name (strtoul in jls.c);
 * the kernel's jail_get answers `jail N not found` or `jail "NAME" not found`.
 */
function lookup(jails: readonly SimJail[], wanted: string): { jail?: SimJail; error: string } {
  const jid = /^\d+$/.test(wanted) ? Number(wanted) : 0;
  if (jid) return { jail: jails.find((j) => j.jid === jid), error: `jail ${jid} not found` };
  return { jail: jails.find((j) => j.name === wanted), error: `jail "${wanted}" not found` };
}

function jsonDoc(rows: Array<Record<string, unknown>>): string {
  return `${JSON.stringify({ __version: '2', 'jail-information': { jail: rows } })}\n`;
}

export const jlsCommand: SimCommand = (ctx) => {
  const { args, json } = extractLibxo(ctx.argv.slice(1));
  const p = getopt(args, 'adj:hNnqsv');
  if (p.bad) {
    // getopt(3) names the problem, then xo_errx() prints the usage with the program name.
    const why = p.bad === 'j' ? 'option requires an argument' : 'illegal option';
    return { stdout: '', stderr: `jls: ${why} -- ${p.bad}\njls: usage: jls [-dhNnqv] [-j jail] [param ...]\n`, code: 1 };
  }
  const io = new Io();
  const state = ctx.host.state;
  // A jail sees no jails of its own (the simulator does not nest jails).
  let jails = ctx.jail ? [] : [...state.jails].sort((a, b) => a.jid - b.jid);
  const wanted = value(p, 'j');
  let missing: string | undefined;
  if (wanted !== undefined) {
    const found = lookup(jails, wanted);
    jails = found.jail ? [found.jail] : [];
    if (!found.jail) missing = found.error;
  }
  const pflags = printFlags(p.list);
  const named = (pflags & JAIL_NAME) !== 0;
  const nflag = (pflags & NAMEVAL) !== 0;
  const quote = (pflags & QUOTED) !== 0;
  // Parameters on the command line, or -h/-n/-s without them ("all"), select the parameter listing.
  const paramMode = p.rest.length > 0 || (pflags & (HEADER | NAMEVAL)) !== 0;
  const verbose = p.rest.length === 0 && (pflags & VERBOSE) !== 0;
  const finish = (): ReturnType<SimCommand> => {
    if (missing === undefined) return io.result(0);
    io.warn('jls', missing);
    return io.result(1);
  };

  if (paramMode) {
    const requested = p.rest.length && !p.rest.includes('all') ? p.rest : undefined;
    for (const name of requested ?? []) {
      if (jails[0] && paramValue(jails[0], name) === undefined) {
        io.warn('jls', `unknown parameter: ${name}`);
        return io.result(1);
      }
    }
    if (json) {
      const rows = jails.map((j) => Object.fromEntries((requested ?? allParamNames(j)).map((n) => [n, n === 'jid' ? j.jid : paramValue(j, n)])));
      io.print(jsonDoc(rows));
      return finish();
    }
    if (pflags & HEADER) {
      // "all" is the kernel's parameter list, the same for every jail.
      const any = jails[0] ?? state.jails[0];
      io.print(`${(requested ?? (any ? allParamNames(any) : [])).join(' ')}\n`);
    }
    for (const j of jails) {
      let names = requested ?? allParamNames(j);
      if (pflags & SKIP) names = names.filter((n) => !READ_ONLY.has(n));
      const cells = names.map((n) => {
        const v = paramValue(j, n) ?? '';
        if (nflag) return nameValue(n, v, quote);
        if (quote) return quoted(v);
        return v === '' ? '-' : v;
      });
      io.print(`${cells.join(' ')}\n`);
    }
    return finish();
  }

  if (verbose) {
    if (json) {
      io.print(jsonDoc(jails.map((j) => ({ jid: j.jid, hostname: j.hostname, path: j.path, name: j.name, state: j.state, cpusetid: cpusetId(j), ipv4_addrs: j.ip4 }))));
      return finish();
    }
    io.print(`   JID  Hostname${' '.repeat(22)}Path\n`);
    io.print(`        Name${' '.repeat(26)}State\n`);
    io.print('        CPUSetID\n');
    io.print('        IP Address(es)\n');
    for (const j of jails) {
      io.print(`${String(j.jid).padStart(6)}  ${field(j.hostname, 29)} ${cut(j.path, 74)}\n`);
      io.print(`        ${field(j.name, 29)} ${j.state}\n`);
      io.print(`        ${cpusetId(j)}\n`);
      for (const ip of j.ip4) io.print(`        ${ip}\n`);
    }
    return finish();
  }

  if (json) {
    io.print(jsonDoc(jails.map((j) => ({ ...(named ? { name: j.name } : { jid: j.jid }), ipv4: j.ip4[0] ?? '', hostname: j.hostname, path: j.path }))));
    return finish();
  }
  io.print(named ? ` ${pad('JID', 15)} ${pad('IP Address', 15)} ${pad('Hostname', 29)} Path\n` : `${'JID'.padStart(6)}  ${pad('IP Address', 15)} ${pad('Hostname', 29)} Path\n`);
  for (const j of jails) {
    const lead = named ? ` ${pad(j.name, 15)} ` : `${String(j.jid).padStart(6)}  `;
    io.print(`${lead}${field(j.ip4[0] ?? '', 15)} ${field(j.hostname, 29)} ${cut(j.path, 74)}\n`);
  }
  return finish();
};
