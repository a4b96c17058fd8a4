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
    super(`fact ${key}: ${detail} (exit ${output.code}${stderr ? `: ${stderr}` : ''})`);
  }
}
