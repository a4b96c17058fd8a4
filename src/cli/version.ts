import { readFileSync } from 'node:fs';

/** The package's version, from its package.json (two levels up from src/cli/ and from dist/cli/ alike). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** `jailfleet --version` (or -V) alone: answered by main.ts before the command table and commander load (issue 17). */
export function isVersionOnly(args: readonly string[]): boolean {
  return args.length === 1 && (args[0] === '--version' || args[0] === '-V');
}
