/**
 * Two /etc files of a FreeBSD 14 install, one constant each, shared by every
 * simulated host (strings are immutable: a host's node only points at it).
 *
 * - /etc/motd.template: installed by usr.bin/login (its Makefile's CONFS) and
 *   so part of base.txz; rc.d/motd builds /var/run/motd from it at boot. Text
 *   as 14.x logins print it (the "Questions List" line aligned with the others,
 *   "To change this login announcement, see motd(5).").
 * - /etc/fstab: not in base.txz; bsdinstall's partition editor writes it
 *   (usr.sbin/bsdinstall/partedit/partedit.c apply_changes(): the header line,
 *   then "%s\t%s\t\t%s\t%s\t%d\t%d\n" per partition; gpart_ops.c
 *   set_default_part_metadata(): "/" is rw with dump 1 and pass 1, swap is sw
 *   with 0 and 0). The layout is the guided UFS one on a BIOS GPT disk:
 *   ada0p1 freebsd-boot (no entry), ada0p2 "/", ada0p3 swap, matching the
 *   seeded root mount (seed.ts, /dev/ada0p2 on /).
 */

export const MOTD_TEMPLATE = `
Welcome to FreeBSD!

Release Notes, Errata: https://www.FreeBSD.org/releases/
Security Advisories:   https://www.FreeBSD.org/security/
FreeBSD Handbook:      https://www.FreeBSD.org/handbook/
FreeBSD FAQ:           https://www.FreeBSD.org/faq/
Questions List:        https://www.FreeBSD.org/lists/questions/
FreeBSD Forums:        https://forums.FreeBSD.org/

Documents installed with the system are in the /usr/local/share/doc/freebsd/
directory, or can be installed later with:  pkg install en-freebsd-doc
For other languages, replace "en" with a language code like de or fr.

Show the version of FreeBSD installed:  freebsd-version ; uname -a
Please include that output and any error messages when posting questions.
Introduction to manual pages:  man man
FreeBSD directory layout:      man hier

To change this login announcement, see motd(5).
`;

export const FSTAB = '# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n/dev/ada0p2\t/\t\tufs\trw\t1\t1\n/dev/ada0p3\tnone\t\tswap\tsw\t0\t0\n';
