import { command } from '../../shell/quote.js';
import { fileFact } from '../facts/file-fact.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { sysctlScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import type { SysctlArgs } from './args.js';

/** An unknown oid is a state of the host, not nonsense: the plan reports it. */
export type SysctlValue = { kind: 'value'; value: string } | { kind: 'unknown'; message: string };

export function sysctlFact(name: string): FactSpec<SysctlValue> {
  const key = `sysctl::${name}`;
  return {
    key,
    command: command('sysctl', '-n', name),
    parse(out) {
      if (out.code === 0) return { kind: 'value', value: out.stdout.replace(/\n$/, '') };
      if (/unknown oid/.test(out.stderr)) return { kind: 'unknown', message: out.stderr.trim() };
      throw new FactParseError(key, 'sysctl failed', out);
    },
    reads: [sysctlScope(name)],
  };
}

export function sysctlFacts(args: SysctlArgs): FactSpec[] {
  return [...(args.runtime ? [sysctlFact(args.name)] : []), ...(args.persist ? [fileFact(args.path)] : [])];
}
