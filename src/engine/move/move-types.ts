/** What a move (jail or machine, issue 13) is given and what it reports. */
import type { MigrateArgs } from '../../modules/migrate/args.js';
import type { Diff } from '../../modules/types.js';
import type { RelayProgress } from '../../transport/relay.js';
import type { Side, SubplayOptions } from './jail-subplay.js';

export interface MoveProgress extends RelayProgress {
  /** What the tar stream will come to, estimated from the mtree specification. */
  totalBytes: number;
}

export interface MoveContext extends SubplayOptions {
  args: MigrateArgs;
  source: Side;
  destination: Side;
  check: boolean;
  onProgress?: (p: MoveProgress) => void;
}

export interface MoveOutcome {
  status: 'ok' | 'changed' | 'failed';
  message: string;
  /** For --diff: where the jail runs and who holds its addresses, before and after. */
  diffs?: Diff[];
  /** Source stopped → destination verified, for a move that ran. */
  downtimeMs?: number;
  bytes?: number;
  rolledBack?: boolean;
}

/** A move that cannot go on; its message is the task's. */
export class MoveFailure extends Error {}
