/**
 * The host side of a jail's configuration: its jail.conf.d file, the
 * `.include` in /etc/jail.conf, its mount.fstab file, and jail_enable /
 * jail_list in /etc/rc.conf.
 */
import { posix } from 'node:path';
import { quote } from '../../shell/quote.js';
import { fileFact, type FileFact } from '../facts/file-fact.js';
import { planFile } from '../file-edit/plan-file.js';
import { emptyParts, type PlanParts } from '../plan-parts.js';
import { nodeScope, pathScope } from '../scopes.js';
import { checkyesno } from '../service/rcvar.js';
import { rcValueFact, type RcTarget } from '../sysrc/facts.js';
import { planRcSet } from '../sysrc/plan.js';
import { withItem, withoutItem } from '../sysrc/rc-list.js';
import { appendLine, bare, splitLines } from '../text-lines.js';
import type { FactReader, ModuleContext } from '../types.js';
import type { JailArgs } from './args.js';
import { confPath, fstabPath, INCLUDE_LINE, JAIL_CONF, renderFstab, renderJailConf } from './conf-render.js';
import { jailEnableTarget, jailListTarget } from './facts.js';

const INCLUDE_RE = /^\s*\.include\s+(["'])\/etc\/jail\.conf\.d\/\*\.conf\1\s*;/;

/**
 * What jailfleet owns whole on the host (a jail's conf file, its fstab): root's, 0644,
 * as jail(8) and rc.d expect; a hand chmod or chown is drift to repair.
 */
export const HOST_FILE = { mode: 0o644, owner: 'root', group: 'wheel' } as const;

/** A whole generated file; its directory is created first when the file is new. */
export function planGeneratedFile(current: FileFact, path: string, content: string, ctx: ModuleContext, attrs: { mode?: number; owner?: string; group?: string } = {}): PlanParts {
  const parts = planFile(current, { path, content, ...attrs, backup: false, contentNote: `${path} rewritten` }, ctx.vars);
  if (current.kind === 'absent' && parts.steps.length) {
    const dir = posix.dirname(path);
    parts.steps.unshift({ title: `mkdir ${dir}`, command: `mkdir -p ${quote(dir)}`, changes: [nodeScope(dir)] });
  }
  return parts;
}

export function planConf(a: JailArgs, facts: FactReader, ctx: ModuleContext): { parts: PlanParts; content: string } {
  const content = renderJailConf(a);
  return { parts: planGeneratedFile(facts.get(fileFact(confPath(a.name))), confPath(a.name), content, ctx, HOST_FILE), content };
}

/** Keeps every hand-written part of /etc/jail.conf: the include is appended when missing. */
export function planInclude(facts: FactReader, ctx: ModuleContext): PlanParts {
  const current = facts.get(fileFact(JAIL_CONF));
  const before = current.kind === 'file' ? current.content : '';
  const lines = splitLines(before);
  if (current.kind === 'file' && lines.some((l) => INCLUDE_RE.test(bare(l)))) return emptyParts();
  const content = appendLine(lines, INCLUDE_LINE).join('');
  const parts = planFile(current, { path: JAIL_CONF, content, backup: false, contentNote: `${JAIL_CONF}: .include added` }, ctx.vars);
  if (current.kind === 'absent') parts.notes[0] = `${JAIL_CONF} created with the .include`;
  return parts;
}

/** /etc/fstab.NAME with the `fstab:` mounts; removed when there are none left. */
export function planFstab(a: JailArgs, facts: FactReader, ctx: ModuleContext): PlanParts {
  const path = fstabPath(a.name);
  const current = facts.get(fileFact(path));
  if (a.fstab.length) return planGeneratedFile(current, path, renderFstab(a), ctx, HOST_FILE);
  return removeFile(current, path);
}

export function removeFile(current: FileFact, path: string): PlanParts {
  const parts = emptyParts();
  if (current.kind === 'absent') return parts;
  parts.steps.push({ title: `remove ${path}`, command: `rm -f ${quote(path)}`, changes: [pathScope(path)] });
  parts.diffs.push({ label: path, before: current.kind === 'file' ? current.content : '', after: '' });
  parts.updates.push({ spec: fileFact(path), value: { kind: 'absent' } });
  parts.notes.push(`${path} removed`);
  return parts;
}

export function rcSet(t: RcTarget, facts: FactReader, want: (current: string, set: boolean) => string | undefined): PlanParts {
  const current = facts.get(rcValueFact(t));
  const next = want(current.set ? current.value : '', current.set);
  if (next === undefined) return emptyParts();
  const { steps, diffs, updates, message } = planRcSet(t, current, next);
  return { steps, diffs, updates, notes: [message] };
}

/** jail_enable="YES" unless rc.subr already reads it as yes. */
export function planJailEnable(facts: FactReader): PlanParts {
  return rcSet(jailEnableTarget(), facts, (v, set) => (set && checkyesno(v) ? undefined : 'YES'));
}

/** jail_list as a list: added once, removed wherever it appears (sysrc's rc-list helpers). */
export function planJailList(name: string, member: boolean, facts: FactReader): PlanParts {
  return rcSet(jailListTarget(), facts, (v) => (member ? withItem(v, name, ' ') : withoutItem(v, name, ' ')));
}
