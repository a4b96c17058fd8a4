/**
 * pf as pfctl(8) shows it. `-s Running` prints "Enabled" or "Disabled";
 * `-s nat` prints the nat and rdr rules of a ruleset (`-a ANCHOR`) one a
 * line in pfctl's normalised form (pfctl_parser.c print_rule); a ruleset
 * that does not exist warns "DIOCGETRULES: Invalid argument" and exits 0
 * (pfctl.c main ignores pfctl_show_rules' result): no rules.
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { PF } from '../scopes.js';
import type { FactSpec } from '../types.js';

export function pfRunningFact(): FactSpec<boolean> {
  const key = 'pf-running::';
  return {
    key,
    command: 'pfctl -s Running',
    parse(out) {
      const word = out.stdout.trim();
      if (out.code === 0 && (word === 'Enabled' || word === 'Disabled')) return word === 'Enabled';
      throw new FactParseError(key, 'pfctl -s Running failed', out);
    },
    reads: [PF],
  };
}

/** The nat and rdr rules of ruleset `anchor` ('' for the main one). */
export function pfNatFact(anchor: string): FactSpec<string[]> {
  const key = `pf-nat::${anchor}`;
  return {
    key,
    command: anchor ? command('pfctl', '-a', anchor, '-s', 'nat') : 'pfctl -s nat',
    parse(out) {
      if (out.code !== 0) throw new FactParseError(key, 'pfctl -s nat failed', out);
      return out.stdout.split('\n').filter((l) => l.trim() !== '');
    },
    reads: [PF],
  };
}
