/**
 * The host side of a `network: nat` jail: its private loopback (lo1, made
 * now and at boot), pf's hooks in /etc/pf.conf, pf enabled, and the jail's
 * own anchor `jailfleet/NAME` holding its nat rule and port forwards. The
 * anchor is compared with what pfctl prints for it (pf-render.ts). Only
 * rulesets under `jailfleet/` are ever loaded or flushed; pf.conf gets the
 * two hook lines when missing and keeps every other line.
 */
import { command } from '../../shell/quote.js';
import { fileFact } from '../facts/file-fact.js';
import { planFile } from '../file-edit/plan-file.js';
import { emptyParts, mergeParts, type PlanParts } from '../plan-parts.js';
import { PF } from '../scopes.js';
import { rcValueFact, type RcTarget } from '../sysrc/facts.js';
import { checkyesno } from '../service/rcvar.js';
import { splitLines } from '../text-lines.js';
import type { FactReader, FactSpec, ModuleContext } from '../types.js';
import type { JailArgs } from './args.js';
import { HOST_FILE, planGeneratedFile, rcSet, removeFile } from './host-config.js';
import { interfacesFact } from './host-net.js';
import { clonedTarget, planCloned, planCreateIface } from './net-rc.js';
import { pfNatFact, pfRunningFact } from './pf-facts.js';
import { ANCHOR_ROOT, anchorOf, pfFilePath, printedRules, renderPfFile } from './pf-render.js';

export const PF_CONF = '/etc/pf.conf';
const SERVICES = '/etc/services';
const HOOKS = ['nat-anchor', 'rdr-anchor'].map((kind) => ({ kind, line: `${kind} "${ANCHOR_ROOT}/*"`, printed: `${kind} "${ANCHOR_ROOT}/*" all` }));

function pfEnableTarget(): RcTarget {
  return { name: 'pf_enable', path: '/etc/rc.conf' };
}

export function natFacts(a: JailArgs): FactSpec[] {
  const specs: FactSpec[] = [fileFact(pfFilePath(a.name)), pfNatFact(anchorOf(a.name))];
  if (a.state === 'absent') return specs;
  return [...specs, interfacesFact(), rcValueFact(clonedTarget()), rcValueFact(pfEnableTarget()), fileFact(PF_CONF), fileFact(SERVICES), pfRunningFact(), pfNatFact('')];
}

/**
 * pf.conf(5): translation rules come before filter rules, so the hooks go
 * in before the first filter line (pass, block, anchor, antispoof), else at
 * the end.
 */
function planPfConf(facts: FactReader, ctx: ModuleContext): PlanParts {
  const current = facts.get(fileFact(PF_CONF));
  const lines = current.kind === 'file' ? splitLines(current.content) : [];
  const has = (line: string): boolean => lines.some((l) => l.trim().replace(/\s+/g, ' ') === line);
  const missing = HOOKS.filter((h) => !has(h.line)).map((h) => `${h.line}\n`);
  if (!missing.length) return emptyParts();
  const at = lines.findIndex((l) => /^\s*(pass|block|anchor|antispoof)\b/.test(l));
  const body = [...lines];
  const last = body.at(-1);
  if (at < 0 && last !== undefined && !last.endsWith('\n')) body[body.length - 1] = `${last}\n`;
  body.splice(at < 0 ? body.length : at, 0, ...missing);
  return planFile(current, { path: PF_CONF, content: body.join(''), backup: false, contentNote: `${PF_CONF}: jailfleet anchors hooked` }, ctx.vars);
}

/**
 * The main ruleset runs the hooks once pf.conf has them: reload it when it
 * does not yet. `-N` loads only pf.conf's translation rules (pfctl(8): "Load
 * only the NAT rules from the file"), so filter rules loaded by other means
 * stay as they are.
 */
function planMainRuleset(facts: FactReader, confChanged: boolean): PlanParts {
  const main = facts.get(pfNatFact(''));
  if (!confChanged && HOOKS.every((h) => main.includes(h.printed))) return emptyParts();
  return {
    steps: [{ title: `pfctl -N -f ${PF_CONF}`, command: command('pfctl', '-N', '-f', PF_CONF), changes: [PF] }],
    diffs: [],
    updates: [],
    notes: [`${PF_CONF} loaded`],
  };
}

function planAnchor(a: JailArgs, facts: FactReader, fileChanged: boolean): PlanParts {
  const anchor = anchorOf(a.name);
  const want = printedRules(a, (() => {
    const s = facts.get(fileFact(SERVICES));
    return s.kind === 'file' ? s.content : '';
  })());
  const have = facts.get(pfNatFact(anchor));
  if (!fileChanged && have.length === want.length && have.every((l, i) => l === want[i])) return emptyParts();
  return {
    steps: [{ title: `pfctl -a ${anchor} -f`, command: command('pfctl', '-a', anchor, '-f', pfFilePath(a.name)), changes: [PF] }],
    diffs: [{ label: `pf anchor ${anchor}`, before: have.map((l) => `${l}\n`).join(''), after: want.map((l) => `${l}\n`).join('') }],
    updates: [{ spec: pfNatFact(anchor), value: want }],
    notes: [`pf anchor ${anchor} loaded`],
  };
}

function planPfEnable(facts: FactReader): PlanParts {
  const rc = rcSet(pfEnableTarget(), facts, (v, set) => (set && checkyesno(v) ? undefined : 'YES'));
  if (facts.get(pfRunningFact())) return rc;
  return mergeParts(rc, {
    steps: [{ title: 'pfctl -e', command: 'pfctl -e', changes: [PF] }],
    diffs: [{ label: 'pf', before: 'disabled\n', after: 'enabled\n' }],
    updates: [{ spec: pfRunningFact(), value: true }],
    notes: ['pf enabled'],
  });
}

export function planNatHost(a: JailArgs, facts: FactReader, ctx: ModuleContext): PlanParts {
  const file = planGeneratedFile(facts.get(fileFact(pfFilePath(a.name))), pfFilePath(a.name), renderPfFile(a), ctx, HOST_FILE);
  const conf = planPfConf(facts, ctx);
  return mergeParts(
    planCloned(a.nat_interface, facts),
    planCreateIface(facts.get(interfacesFact()), a.nat_interface),
    conf,
    planMainRuleset(facts, conf.steps.length > 0),
    file,
    planAnchor(a, facts, file.steps.length > 0),
    planPfEnable(facts),
  );
}

/** A removed NAT jail takes its anchor and its file with it. */
export function planNatAbsent(a: JailArgs, facts: FactReader): PlanParts {
  const anchor = anchorOf(a.name);
  const flush: PlanParts = facts.get(pfNatFact(anchor)).length
    ? {
        steps: [{ title: `pfctl -a ${anchor} -F all`, command: command('pfctl', '-a', anchor, '-F', 'all'), changes: [PF] }],
        diffs: [],
        updates: [{ spec: pfNatFact(anchor), value: [] }],
        notes: [`pf anchor ${anchor} flushed`],
      }
    : emptyParts();
  return mergeParts(flush, removeFile(facts.get(fileFact(pfFilePath(a.name))), pfFilePath(a.name)));
}
