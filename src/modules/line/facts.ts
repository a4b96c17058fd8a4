import { fileFact } from '../facts/file-fact.js';
import type { FactSpec } from '../types.js';
import type { LineArgs } from './args.js';

export function lineFacts(args: LineArgs): FactSpec[] {
  return [fileFact(args.path)];
}
