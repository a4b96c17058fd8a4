/**
 * The script parts that read a list of facts: a fact alone is its own
 * command; facts of a batch kind (FactSpec.batch) are read by one command,
 * in the place of the first of them (issue 17: on the target each part is a
 * fork, and each command in it an exec). `results` turns the parts' results
 * back into one per fact, as each fact's own command would have printed.
 */
import type { FactOutput, FactSpec } from '../modules/types.js';
import type { PartResult, ScriptPart } from '../shell/script.js';

interface Group {
  part: number;
  members: string[];
  split: (out: FactOutput, members: string[]) => FactOutput[];
}

export interface FactParts {
  parts: ScriptPart[];
  /** One result per fact, in the facts' order; undefined where its part did not report (the output ended early). */
  results(parts: readonly PartResult[]): Array<PartResult | undefined>;
}

export function factParts(specs: readonly FactSpec[]): FactParts {
  const counts = new Map<string, number>();
  for (const s of specs) if (s.batch) counts.set(s.batch.kind, (counts.get(s.batch.kind) ?? 0) + 1);
  const parts: ScriptPart[] = [];
  const groups = new Map<string, Group>();
  /** Per fact: its part, and for a batched one its group and member index. */
  const where: Array<{ part: number; group?: Group; member?: number }> = [];
  for (const s of specs) {
    const b = s.batch;
    if (!b || (counts.get(b.kind) ?? 0) < 2) {
      where.push({ part: parts.push({ command: s.command }) - 1 });
      continue;
    }
    let g = groups.get(b.kind);
    if (!g) {
      g = { part: parts.push({ command: '' }) - 1, members: [], split: b.split };
      groups.set(b.kind, g);
    }
    let member = g.members.indexOf(b.member);
    if (member < 0) member = g.members.push(b.member) - 1;
    where.push({ part: g.part, group: g, member });
  }
  for (const g of groups.values()) {
    const spec = specs.find((s) => s.batch && groups.get(s.batch.kind) === g)!;
    parts[g.part] = { command: spec.batch!.command(g.members) };
  }
  return {
    parts,
    results(got) {
      const split = new Map<Group, FactOutput[]>();
      return where.map(({ part, group, member }) => {
        const r = got[part];
        if (!r || !group) return r;
        let outs = split.get(group);
        if (!outs) split.set(group, (outs = group.split(r, group.members)));
        return outs[member!];
      });
    },
  };
}
