import { JailfleetError } from '../../errors.js';
import type { FactOutput } from '../types.js';

/** A fact command's output that its parser cannot make sense of. */
export class FactParseError extends JailfleetError {
  constructor(
    readonly key: string,
    detail: string,
    readonly output: FactOutput,
  ) {
    const stderr = output.stderr.trim();
    const plain = plainReason(output);
    super(`fact ${key}: ${plain ? `${plain} (${detail}, ` : `${detail} (`}exit ${output.code}${stderr ? `: ${stderr}` : ''})`);
  }
}

/**
 * What a person should hear when the command's own words are the tools'
 * (`pkg: jail "www" not found`, `sh: sockstat: not found`); undefined when
 * the output says nothing jailfleet can put more plainly.
 */
export function plainReason(output: FactOutput): string | undefined {
  const stderr = output.stderr;
  const jail = /\bjail "([^"]+)" not found/.exec(stderr);
  if (jail) return `jail ${jail[1]} is not running`;
  const missing = output.code === 127 ? /(?:^|\n)(?:[^:\n]+: )?(?:\d+: )?([^\s:]+): (?:command )?not found/.exec(stderr) : null;
  if (missing) return `${missing[1]} is not installed on the host`;
  return undefined;
}
