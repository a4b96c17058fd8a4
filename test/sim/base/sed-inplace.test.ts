/**
 * sed -i on what is not a regular file, as FreeBSD 14's usr.bin/sed/main.c
 * mf_fgets() has it: each file is lstat(2)ed before it is edited;
 * `if (lstat(fname, &sb) != 0) err(1, "%s", fname)` and
 * `if (!S_ISREG(sb.st_mode)) errx(1, "%s: %s %s", fname, "in-place editing only", "works for regular files")`.
 * lstat does not follow a symbolic link, so a link is refused and its target
 * left as it was (not written through). err/errx exit at once: the files
 * named before it have been edited, the ones after it are not.
 */
import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './helpers.js';

const setup = 'printf "one\\n" > /tmp/f; ln -s /tmp/f /tmp/l; printf "one\\n" > /tmp/g; ';

const cases: Case[] = [
  [`${setup}sed -i '' s/one/two/ /tmp/l; echo $?; cat /tmp/f; readlink /tmp/l`, { stdout: '1\none\n/tmp/f\n', stderr: 'sed: /tmp/l: in-place editing only works for regular files\n' }],
  [`${setup}sed -i.bak s/one/two/ /tmp/g /tmp/l /tmp/f; echo $?; cat /tmp/g /tmp/f; ls /tmp`, { stdout: '1\ntwo\none\nf\ng\ng.bak\nl\n', stderr: 'sed: /tmp/l: in-place editing only works for regular files\n' }],
  [`${setup}sed -i '' s/one/two/ /tmp; echo $?`, { stdout: '1\n', stderr: 'sed: /tmp: in-place editing only works for regular files\n' }],
  [`${setup}sed -i '' s/one/two/ /tmp/nope /tmp/f; echo $?; cat /tmp/f`, { stdout: '1\none\n', stderr: 'sed: /tmp/nope: No such file or directory\n' }],
  // A directory reached through a link is followed as every lookup follows it; the file itself is regular.
  [`mkdir /tmp/d; echo one > /tmp/d/f; ln -s /tmp/d /tmp/dl; sed -i '' s/one/two/ /tmp/dl/f; cat /tmp/d/f`, { stdout: 'two\n' }],
];

describe('sed -i on a symbolic link, a directory, a missing file', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
