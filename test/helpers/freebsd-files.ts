/**
 * FreeBSD 14.2's own stock files, kept under test/fixtures/freebsd (their
 * sources are listed in its README). Tests use them as expected values, so
 * an expectation never comes from the simulator's seed.
 */
import { readFileSync } from 'node:fs';

/** The text of test/fixtures/freebsd/REL, e.g. "etc/master.passwd". */
export function freebsdFile(rel: string): string {
  return readFileSync(new URL(`../fixtures/freebsd/${rel}`, import.meta.url), 'utf8');
}

/** The entry lines of a master.passwd or group file: comments and blank lines dropped (pw_scan / gr_scan skip them). */
export function entries(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s*#/.test(l))
    .map((l) => `${l}\n`)
    .join('');
}

/**
 * /etc/passwd as `pwd_mkdb -p` writes it from a master.passwd
 * (usr.sbin/pwd_mkdb/pwd_mkdb.c: comment lines copied as they are, every
 * entry as "name:*:uid:gid:gecos:dir:shell", class/change/expire dropped).
 */
export function v7Passwd(master: string): string {
  return master
    .split('\n')
    .filter((l, i, all) => i < all.length - 1 || l !== '')
    .map((l) => {
      if (/^\s*(#|$)/.test(l)) return `${l}\n`;
      const [name, , uid, gid, , , , gecos, dir, shell] = l.split(':');
      return `${name}:*:${uid}:${gid}:${gecos}:${dir}:${shell}\n`;
    })
    .join('');
}
