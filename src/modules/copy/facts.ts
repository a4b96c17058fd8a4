import { fileFact } from '../facts/file-fact.js';
import type { FactSpec } from '../types.js';
import type { CopyArgs } from './args.js';

export function copyFacts(args: CopyArgs): FactSpec[] {
  return [fileFact(args.dest), ...(args.remote_src && args.src !== undefined ? [fileFact(args.src)] : [])];
}
