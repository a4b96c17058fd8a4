/** What every zfs subcommand gets: the host's state and files, stdin, and an output collector. */
import type { SimFs } from '../../fs.js';
import type { SimResult, SimState } from '../../types.js';
import { Output } from '../freebsd/output.js';

export interface ZfsContext {
  state: SimState;
  fs: SimFs;
  stdin: string;
  out: Output;
}

export type ZfsSubcommand = (z: ZfsContext, args: string[]) => SimResult;

/** zfs(8)'s reaction to a bad option: the message, the subcommand's usage, exit 2. */
export function usageError(z: ZfsContext, usage: string, problem?: string): SimResult {
  if (problem) z.out.err(`${problem}\n`);
  return z.out.err(`usage:\n${usage}\n`).result(2);
}

/** getopt failed on `flag`: a known option that lacked its argument, or an unknown one. */
export function badOption(z: ZfsContext, usage: string, spec: string, flag: string): SimResult {
  const missing = spec.includes(`${flag}:`);
  return usageError(z, usage, missing ? `missing argument for '${flag}' option` : `invalid option '${flag}'`);
}

/** "cannot open 'x': dataset does not exist" — the standard zfs_open() failure. */
export function noDataset(z: ZfsContext, name: string): SimResult {
  return z.out.err(`cannot open '${name}': dataset does not exist\n`).result(1);
}
