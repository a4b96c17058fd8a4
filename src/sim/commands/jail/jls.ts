/**
 * jls(8) (usr.sbin/jls/jls.c, libxo version 2): the default table, -N, -v,
 * parameter lists with -h/-n/-q/-s, and --libxo json.
 */
import { positiveName } from '../../jail-conf/index.js';
import { isBoolParam } from '../../jail-conf/params.js';
import type { SimCommand, SimJail } from '../../types.js';
import { getopt, has, value } from './getopt.js';
import { Io } from './io.js';
import { runningJail } from './jail-ops.js';

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

function jsonDoc(rows: Array<Record<string, unknown>>): string {
  return `${JSON.stringify({ __version: '2', 'jail-information': { jail: rows } })}\n`;
}

export const jlsCommand: SimCommand = (ctx) => {
  const { args, json } = extractLibxo(ctx.argv.slice(1));
  const p = getopt(args, 'adj:hNnqsv');
  if (p.bad) return { stdout: '', stderr: 'usage: jls [-dhNnqv] [-j jail] [param ...]\n', code: 1 };
  const io = new Io();
  const state = ctx.host.state;
  // A jail sees no jails of its own (the simulator does not nest jails).
  let jails = ctx.jail ? [] : [...state.jails].sort((a, b) => a.jid - b.jid);
  const wanted = value(p, 'j');
  let missing = false;
  if (wanted !== undefined) {
    const j = ctx.jail ? undefined : runningJail(state, wanted);
    jails = j ? [j] : [];
    missing = !j;
  }
  const named = has(p, 'N');
  const nflag = has(p, 'n') || has(p, 's');
  const quote = has(p, 'q') || has(p, 's');
  const paramMode = p.rest.length > 0 || nflag;
  const finish = (): ReturnType<SimCommand> => {
    if (!missing) return io.result(0);
    io.warn('jls', `jail "${wanted}" not found`);
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
    if (has(p, 'h') && requested) io.print(`${requested.join(' ')}\n`);
    for (const j of jails) {
      let names = requested ?? allParamNames(j);
      if (has(p, 's')) names = names.filter((n) => !READ_ONLY.has(n));
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

  if (has(p, 'v')) {
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
