/**
 * The simulated file system's path normalisation, as path resolution works
 * (POSIX XBD 4.13 Pathname Resolution): "//" inside a path is "/", "." is the
 * directory itself, ".." its parent and "/.." is "/"; a trailing "/" names the
 * same directory. Names that only start with dots (".b", "..b", "...") are
 * ordinary names.
 */
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/sim/fs.js';

describe('normalize', () => {
  it.each([
    ['/', '/'],
    ['/etc/rc.conf', '/etc/rc.conf'],
    ['//', '/'],
    ['/a//b', '/a/b'],
    ['/a/', '/a'],
    ['/a/b//', '/a/b'],
    ['/./a', '/a'],
    ['/a/.', '/a'],
    ['/a/./b', '/a/b'],
    ['/a/..', '/'],
    ['/a/../b', '/b'],
    ['/..', '/'],
    ['/../..', '/'],
    ['/a/b/../../..', '/'],
    ['/a/.b', '/a/.b'],
    ['/a/..b', '/a/..b'],
    ['/a/b.', '/a/b.'],
    ['/a/b..', '/a/b..'],
    ['/...', '/...'],
    ['/.../x', '/.../x'],
    ['/.jailfleet-release', '/.jailfleet-release'],
    ['a/b', '/a/b'],
    ['', '/'],
  ])('%j is %j', (path, want) => {
    expect(normalize(path)).toBe(want);
  });
});
