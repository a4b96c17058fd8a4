/**
 * cp(1) -R and a source that ends in "/". The manual page (man.freebsd.org/cp,
 * -R): "If the source_file ends in a /, the contents of the directory are
 * copied rather than the directory itself." bin/cp/cp.c does it by taking
 * each target name from the part of fts_path past the root's last "/": for
 * "dir/" into an existing directory that is nothing, so dir's entries land
 * in the target itself. When the target does not exist (DIR_TO_DNE) the
 * target becomes the copy of the directory, slash or not. lstat(2) of
 * "name/" follows a link to a directory and fails with ENOTDIR on a file,
 * which fts reports as "cp: name/: Not a directory". The target keeps its
 * trailing slashes stripped in messages (STRIP_TRAILING_SLASH), and a
 * source identical to its target is "%s and %s are identical (not copied).".
 * -v prints "%s -> %s" per entry, fts_path then to.p_path.
 */
import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './helpers.js';

const tree = 'mkdir -p /tmp/src/sub && echo one > /tmp/src/a && echo two > /tmp/src/sub/b && ';

const cases: Case[] = [
  // The target exists: the contents, not the directory, are copied into it.
  [`${tree}mkdir /tmp/dst && cp -R /tmp/src/ /tmp/dst && find /tmp/dst | sort`, { stdout: '/tmp/dst\n/tmp/dst/a\n/tmp/dst/sub\n/tmp/dst/sub/b\n' }],
  [`${tree}mkdir /tmp/dst && cp -a /tmp/src/ /tmp/dst && cat /tmp/dst/a /tmp/dst/sub/b`, { stdout: 'one\ntwo\n' }],
  // Without the slash the directory itself goes into the target.
  [`${tree}mkdir /tmp/dst && cp -R /tmp/src /tmp/dst && find /tmp/dst | sort`, { stdout: '/tmp/dst\n/tmp/dst/src\n/tmp/dst/src/a\n/tmp/dst/src/sub\n/tmp/dst/src/sub/b\n' }],
  // The target does not exist: it becomes the copy, with or without the slash.
  [`${tree}cp -a /tmp/src/ /tmp/new && find /tmp/new | sort`, { stdout: '/tmp/new\n/tmp/new/a\n/tmp/new/sub\n/tmp/new/sub/b\n' }],
  [`${tree}cp -R /tmp/src /tmp/new && find /tmp/new | sort`, { stdout: '/tmp/new\n/tmp/new/a\n/tmp/new/sub\n/tmp/new/sub/b\n' }],
  // -p with the contents form sets the target directory's mode from the source (cp.c: fts_number = pflag, setfile in post-order).
  [`${tree}chmod 700 /tmp/src && mkdir /tmp/dst && cp -Rp /tmp/src/ /tmp/dst && stat -f %Lp /tmp/dst`, { stdout: '700\n' }],
  // A link to a directory, named with a slash, is followed; without one -R copies the link.
  [`${tree}ln -s /tmp/src /tmp/l && mkdir /tmp/dst && cp -R /tmp/l/ /tmp/dst && cp -R /tmp/l /tmp/dst && ls /tmp/dst && readlink /tmp/dst/l`, { stdout: 'a\nl\nsub\n/tmp/src\n' }],
  [`${tree}mkdir /tmp/dst && cp -R /tmp/src/a/ /tmp/dst; echo $?; ls /tmp/dst`, { stdout: '1\n', stderr: 'cp: /tmp/src/a/: Not a directory\n' }],
  [`${tree}cp -R /tmp/src/ /tmp/src; echo $?`, { stdout: '1\n', stderr: 'cp: /tmp/src and /tmp/src/ are identical (not copied).\n' }],
  [`${tree}mkdir /tmp/dst && cp -Rv /tmp/src/ /tmp/dst/`, { stdout: '/tmp/src/ -> /tmp/dst\n/tmp/src/a -> /tmp/dst/a\n/tmp/src/sub -> /tmp/dst/sub\n/tmp/src/sub/b -> /tmp/dst/sub/b\n' }],
  [`${tree}mkdir /tmp/dst && cp -v /tmp/src/a /tmp/dst/`, { stdout: '/tmp/src/a -> /tmp/dst/a\n' }],
];

describe('cp -R with a source ending in /', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
