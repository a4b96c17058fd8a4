/**
 * The host patterns of a run (`--limit`, each play's `hosts:`), checked
 * before anything is sent. A malformed pattern, a --limit that matches no
 * host, or a --limit that leaves every play without hosts is an error:
 * a typo in a cron job must not look like success. A play whose hosts:
 * matches nothing is a warning, as Ansible's "skipping: no hosts matched".
 * A part of a pattern that matches nothing (`old1,nosuch`) while the rest
 * does is a warning naming it, as Ansible's "Could not match supplied host
 * pattern, ignoring: nosuch": a typo is not dropped in silence.
 */
import { InputError } from '../errors.js';
import { resolvePattern, unmatchedPatterns } from '../inventory/pattern.js';
import type { Inventory } from '../inventory/types.js';
import type { Playbook } from '../playbook/types.js';
import { patternSyntaxProblem } from './pattern-syntax.js';

export interface PatternReport {
  errors: InputError[];
  warnings: string[];
}

export function checkHostPatterns(playbook: Playbook, inventory: Inventory, limit: string | undefined): PatternReport {
  const known = knownGroups(inventory);
  const errors: InputError[] = [];
  const warnings: string[] = [];
  const limitError = limit === undefined ? undefined : limitProblem(inventory, limit, known);
  if (limitError) errors.push(limitError);
  else if (limit !== undefined) warnings.push(...unmatchedPartWarnings(inventory, limit, `--limit "${limit}"`));
  let hostsInRun = 0;
  for (const play of playbook.plays) {
    const syntax = patternSyntaxProblem(play.hosts);
    if (syntax) {
      errors.push(new InputError(`play "${play.name}": hosts "${play.hosts}": ${syntax} (${known})`, play.pos));
      continue;
    }
    const matched = resolvePattern(inventory, play.hosts);
    if (matched.length === 0) {
      warnings.push(`play "${play.name}": skipping: no hosts matched (pattern "${play.hosts}"; ${known})`);
      continue;
    }
    warnings.push(...unmatchedPartWarnings(inventory, play.hosts, `play "${play.name}"`));
    const selected = limit === undefined || limitError ? matched.length : matched.filter((h) => inLimit(inventory, limit).has(h)).length;
    if (selected === 0) warnings.push(`play "${play.name}": skipping: no hosts matched (hosts "${play.hosts}" with --limit "${limit}")`);
    hostsInRun += selected;
  }
  if (limit !== undefined && !limitError && hostsInRun === 0 && playbook.plays.length > 0) {
    const plays = playbook.plays.map((p) => `"${p.name}" (${p.hosts})`).join(', ');
    errors.push(new InputError(`--limit "${limit}" leaves no host to run: it matches none of the plays' hosts (plays: ${plays})`));
  }
  return { errors, warnings };
}

/** The same selection as the engine's (engine/run.ts selectHosts), without loading the engine. */
function inLimit(inventory: Inventory, limit: string): Set<string> {
  return new Set(resolvePattern(inventory, limit));
}

/** A warning for each part of a pattern that matches no host (the pattern as a whole matched some); `label` names where it was written. */
export function unmatchedPartWarnings(inventory: Inventory, pattern: string, label: string): string[] {
  return unmatchedPatterns(inventory, pattern).map((u) => `${label}: pattern "${u}" matches no host, ignored`);
}

/** What is wrong with --limit on this inventory: bad syntax, or no host matched. */
export function limitProblem(inventory: Inventory, limit: string, known: string = knownGroups(inventory)): InputError | undefined {
  const syntax = patternSyntaxProblem(limit);
  if (syntax) return new InputError(`--limit "${limit}": ${syntax} (${known})`);
  if (resolvePattern(inventory, limit).length === 0) return new InputError(`--limit "${limit}" matches no host (${known})`);
  return undefined;
}

/** "known groups: a, b, c" for messages; long inventories are cut short. */
export function knownGroups(inventory: Inventory): string {
  const names = [...inventory.groups.keys()];
  const shown = names.slice(0, 20).join(', ');
  return `known groups: ${shown}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`;
}
