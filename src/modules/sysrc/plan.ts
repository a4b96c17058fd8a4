import { command } from '../../shell/quote.js';
import { hostOrJail, pathScope } from '../scopes.js';
import { noChange, type Diff, type FactReader, type Plan, type Scope } from '../types.js';
import type { SysrcArgs } from './args.js';
import { rcDefaultFact, rcInFileFact, rcValueFact, type RcTarget, type RcValue } from './facts.js';
import { withItem, withoutItem } from './rc-list.js';

function label(t: RcTarget): string {
  return `${t.jail === undefined ? '' : `jail ${t.jail}: `}${t.path}: ${t.name}`;
}

function shown(v: RcValue): string {
  return v.set ? `"${v.value}"` : '(unset)';
}

function diff(t: RcTarget, before: RcValue, after: RcValue): Diff {
  const text = (v: RcValue): string => (v.set ? `${t.name}="${v.value}"\n` : '');
  return { label: label(t), before: text(before), after: text(after) };
}

/**
 * sysrc writes PATH only (through a temp file it does not leave behind,
 * freebsd.md §4); with -j it does so inside the jail.
 */
export function rcWriteChanges(t: RcTarget): Scope[] {
  return hostOrJail(t.jail, [pathScope(t.path)]);
}

function sysrcCommand(t: RcTarget, ...rest: string[]): string {
  const jail = t.jail === undefined ? [] : ['-j', t.jail];
  return command('sysrc', ...jail, '-f', t.path, ...rest);
}

/**
 * Set NAME=VALUE in PATH (the caller has decided it differs). The argument is
 * one shell word, so sysrc sees the value exactly, spaces and all.
 */
export function planRcSet(t: RcTarget, current: RcValue, value: string): Plan {
  const after: RcValue = { set: true, value };
  return {
    changed: true,
    message: `${label(t)}: ${shown(current)} -> "${value}"`,
    steps: [{ title: `sysrc ${t.name}`, command: sysrcCommand(t, `${t.name}=${value}`), changes: rcWriteChanges(t) }],
    diffs: [diff(t, current, after)],
    updates: [
      { spec: rcValueFact(t), value: after },
      { spec: rcInFileFact(t), value: true },
    ],
  };
}

export function planSysrc(args: SysrcArgs, facts: FactReader): Plan {
  const current = facts.get(rcValueFact(args));
  const now = current.set ? current.value : '';
  const value = args.value ?? '';
  switch (args.state) {
    case 'present':
      // Equal to the effective value (defaults included) is no change: `sysrc -c`.
      if (current.set && current.value === value) return noChange(`${label(args)} is already "${value}"`);
      return planRcSet(args, current, value);
    case 'value_present': {
      const next = withItem(now, value, args.delim);
      if (next === undefined) return noChange(`${label(args)} already lists "${value}"`);
      return planRcSet(args, current, next);
    }
    case 'value_absent': {
      const next = withoutItem(now, value, args.delim);
      if (next === undefined) return noChange(`${label(args)} does not list "${value}"`);
      return planRcSet(args, current, next);
    }
    case 'absent':
      return planAbsent(args, current, facts);
  }
}

/** `sysrc -x` deletes PATH's assignments; the default (if any) then shows through. */
function planAbsent(args: SysrcArgs, current: RcValue, facts: FactReader): Plan {
  if (!facts.get(rcInFileFact(args))) return noChange(`${label(args)} is not set in ${args.path}`);
  const after = facts.get(rcDefaultFact(args));
  return {
    changed: true,
    message: `${label(args)}: removed (was ${shown(current)})`,
    steps: [{ title: `sysrc -x ${args.name}`, command: sysrcCommand(args, '-x', args.name), changes: rcWriteChanges(args) }],
    diffs: [{ ...diff(args, current, after), after: '' }],
    updates: [
      { spec: rcValueFact(args), value: after },
      { spec: rcInFileFact(args), value: false },
    ],
  };
}
