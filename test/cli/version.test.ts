import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVersionOnly, packageVersion } from '../../src/cli/version.js';
import { cli } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');

// main.ts answers `--version` itself, before commander loads; it must say what commander says.
describe('--version without commander', () => {
  it('reads the version from package.json', () => {
    expect(packageVersion()).toBe((JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('prints what commander prints for --version', async () => {
    expect((await cli(ROOT, '--version')).stdout).toBe(`${packageVersion()}\n`);
    expect((await cli(ROOT, '-V')).stdout).toBe(`${packageVersion()}\n`);
  });

  it('takes only --version or -V alone; anything more goes to commander', () => {
    expect(isVersionOnly(['--version'])).toBe(true);
    expect(isVersionOnly(['-V'])).toBe(true);
    expect(isVersionOnly([])).toBe(false);
    expect(isVersionOnly(['validate', '--version'])).toBe(false);
    expect(isVersionOnly(['--version', 'extra'])).toBe(false);
    expect(isVersionOnly(['-v'])).toBe(false);
  });
});
