/**
 * What the hostile-jail upgrade tests (jail-thin-hostile, jail-thick-hostile)
 * keep on the host only: a user in its master.passwd and files under
 * /var/db/hostwork. None of it may change, or show up in a jail's tree.
 */

/** A master.passwd line only the host has. */
export const HOST_USER = 'hostonly:*:4242:4242::0:0:Host Only:/nonexistent:/usr/sbin/nologin';
/** A text only the host's /var/db/hostwork files hold. */
export const HOST_WORK = 'HOSTWORK-SECRET';
/** Prints the host's master.passwd and every node under /var/db/hostwork, with its path: the same before and after an upgrade. */
export const HOST_FILES = 'cat /etc/master.passwd; for f in $(find /var/db/hostwork | sort); do echo "== $f"; [ -f "$f" ] && cat "$f"; done; true';
