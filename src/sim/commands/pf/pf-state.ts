/**
 * pf's rulesets in the kernel as pfctl changes them: loading a file into a
 * ruleset replaces its rules (a DIOCXBEGIN/DIOCXCOMMIT transaction per
 * ruleset type), flushing empties them, and a ruleset that is left empty,
 * with no child and no anchor rule pointing at it, goes away
 * (sys/netpfil/pf/pf_ruleset.c pf_remove_if_empty_kruleset). The path of a
 * ruleset and each of its parents exist while it does
 * (pf_find_or_create_kruleset).
 */
import type { SimPf, SimPfRuleset, SimState } from '../../types.js';
import type { PfRule, PfRuleKind } from './pf-rules.js';

export function pfOf(state: SimState): SimPf {
  state.pf ??= { enabled: false, rulesets: {} };
  return state.pf;
}

function emptyRuleset(): SimPfRuleset {
  return { nat: [], rdr: [], filter: [] };
}

/** The ruleset at `path`, created (with its parents) when missing. */
export function rulesetAt(pf: SimPf, path: string): SimPfRuleset {
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) pf.rulesets[parts.slice(0, i).join('/')] ??= emptyRuleset();
  pf.rulesets[''] ??= emptyRuleset();
  return pf.rulesets[path]!;
}

const ANCHOR_RULE = /^(?:anchor|nat-anchor|rdr-anchor) "\/?([^"]*?)(?:\/\*)?" /;

/** Drop rulesets that are empty, childless and not referenced by an anchor rule. */
export function prune(pf: SimPf): void {
  for (;;) {
    const referenced = new Set<string>();
    for (const [path, rs] of Object.entries(pf.rulesets)) {
      for (const text of [...rs.nat, ...rs.rdr, ...rs.filter]) {
        const m = ANCHOR_RULE.exec(text);
        // An anchor rule's name is relative to the ruleset it is in (pf.conf(5) ANCHORS).
        if (m) referenced.add(path && !text.includes('"/') ? `${path}/${m[1]}` : m[1]!);
      }
    }
    const paths = Object.keys(pf.rulesets);
    const doomed = paths.filter((p) => {
      const rs = pf.rulesets[p]!;
      return p !== '' && !rs.nat.length && !rs.rdr.length && !rs.filter.length && !referenced.has(p) && !paths.some((q) => q.startsWith(`${p}/`));
    });
    if (!doomed.length) return;
    for (const p of doomed) delete pf.rulesets[p];
  }
}

/** Replace the rules of the given kinds in `path` with `rules`, creating referenced anchors. */
export function loadRules(pf: SimPf, path: string, rules: PfRule[], kinds: PfRuleKind[]): void {
  const rs = rulesetAt(pf, path);
  for (const kind of kinds) rs[kind] = rules.filter((r) => r.kind === kind).map((r) => r.text);
  for (const r of rules) {
    if (r.anchor === undefined || !kinds.includes(r.kind)) continue;
    rulesetAt(pf, r.anchor.startsWith('/') ? r.anchor.slice(1) : path ? `${path}/${r.anchor}` : r.anchor);
  }
  prune(pf);
}

export function flushRules(pf: SimPf, path: string, kinds: PfRuleKind[]): void {
  const rs = rulesetAt(pf, path);
  for (const kind of kinds) rs[kind] = [];
  prune(pf);
}

/** Child rulesets of `path`, by name (DIOCGETRULESETS walks an RB tree ordered by name). */
export function childRulesets(pf: SimPf, path: string): string[] {
  const prefix = path ? `${path}/` : '';
  return Object.keys(pf.rulesets)
    .filter((p) => p !== '' && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
    .sort();
}
