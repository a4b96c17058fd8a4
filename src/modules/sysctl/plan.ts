import { fileFact } from '../facts/file-fact.js';
import { planFile } from '../file-edit/plan-file.js';
import { command } from '../../shell/quote.js';
import { emptyParts, mergeParts, toPlan, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { sysctlScope } from '../scopes.js';
import type { FactReader, ModuleContext, Plan } from '../types.js';
import type { SysctlArgs } from './args.js';
import { setConfValue } from './conf-edit.js';
import { sysctlFact } from './facts.js';

export function planSysctl(args: SysctlArgs, facts: FactReader, ctx: ModuleContext): Plan {
  const runtime = args.runtime ? planRuntime(args, facts) : emptyParts();
  const parts = mergeParts(runtime, args.persist ? planPersist(args, facts, ctx) : emptyParts());
  const unknown = runtime.notes.find((n) => n.endsWith(IGNORED));
  if (parts.steps.length === 0 && unknown !== undefined) return toPlan(parts, args.persist ? `${unknown}; ${args.path} already sets ${args.value}` : unknown);
  return toPlan(parts, `${args.name} is already ${args.value}`);
}

const IGNORED = 'unknown oid ignored (ignoreerrors)';

function planRuntime({ name, value, ignoreerrors }: SysctlArgs, facts: FactReader): PlanParts {
  const spec = sysctlFact(name);
  const current = facts.get(spec);
  const parts = emptyParts();
  if (current.kind === 'unknown') {
    // Ansible runs `sysctl -i` then: an oid this kernel lacks is skipped.
    if (!ignoreerrors) throw new PlanError(current.message);
    parts.notes.push(`${name}: ${IGNORED}`);
    return parts;
  }
  if (current.value === value) return parts;
  parts.steps.push({ title: `sysctl ${name}`, command: command('sysctl', `${name}=${value}`), changes: [sysctlScope(name)] });
  parts.diffs.push({ label: `sysctl ${name}`, before: `${current.value}\n`, after: `${value}\n` });
  // sysctl(8) exits 0 only once the kernel took the value.
  parts.updates.push({ spec, value: { kind: 'value', value } });
  parts.notes.push(`${name}: ${current.value} -> ${value}`);
  return parts;
}

function planPersist({ name, value, path }: SysctlArgs, facts: FactReader, ctx: ModuleContext): PlanParts {
  // rc.d/sysctl takes the first word of a line: a value with white space
  // would be cut there at boot, silently.
  if (/\s/.test(value) || value === '') {
    throw new PlanError(`${name}: ${path} cannot hold an empty value or one with white space (persist: false to set it at runtime only)`);
  }
  const current = facts.get(fileFact(path));
  const before = current.kind === 'file' ? current.content : '';
  const edit = setConfValue(before, name, value);
  const note = edit.before === undefined ? `${path}: ${name}=${value} added` : `${path}: ${name} ${edit.before} -> ${value}`;
  return planFile(current, { path, content: edit.content, backup: false, contentNote: note }, ctx.vars);
}
