import { accountsFact } from '../accounts/accounts-fact.js';
import type { FactSpec } from '../types.js';
import type { UserArgs } from './args.js';

/** Every account of the host or of the jail: one read shared by all user and group tasks of a play. */
export function userFacts(args: UserArgs): FactSpec[] {
  return [accountsFact(args.jail)];
}
