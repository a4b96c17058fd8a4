/**
 * mtree(8)'s keywords, file types and flavors, shared by -c and the check.
 *
 * Sources (freebsd/freebsd-src, FreeBSD 14's NetBSD-derived mtree):
 * - contrib/mtree/mtree.h: the F_* bits, KEYDEFAULT, MISMATCHEXIT, and the
 *   `#ifdef __FreeBSD__` digest names (md5digest, sha256digest, ...).
 * - contrib/mtree/misc.c: keylist[] (aliases such as sha256 = sha256digest),
 *   typelist[], parsekey() ("unknown keyword `%s'"), inotype()/nodetype();
 *   its NetBSD 1.34 revision sets the default flavor, `flavor = F_MTREE`.
 * - contrib/mtree/mtree.c: the flavors[] table (mtree, freebsd9, netbsd6).
 */
import { MtreeError } from './mtree-error.js';

export const F_CKSUM = 0x1;
export const F_DEV = 0x2;
export const F_DONE = 0x4;
export const F_FLAGS = 0x8;
export const F_GID = 0x10;
export const F_GNAME = 0x20;
export const F_IGN = 0x40;
export const F_MAGIC = 0x80;
export const F_MD5 = 0x100;
export const F_MODE = 0x200;
export const F_NLINK = 0x400;
export const F_OPT = 0x800;
export const F_RMD160 = 0x1000;
export const F_SHA1 = 0x2000;
export const F_SIZE = 0x4000;
export const F_SLINK = 0x8000;
export const F_TAGS = 0x10000;
export const F_TIME = 0x20000;
export const F_TYPE = 0x40000;
export const F_UID = 0x80000;
export const F_UNAME = 0x100000;
export const F_VISIT = 0x200000;
export const F_NOCHANGE = 0x400000;
export const F_SHA256 = 0x800000;
export const F_SHA384 = 0x1000000;
export const F_SHA512 = 0x2000000;

/** mtree.h KEYDEFAULT: the keywords -c prints without -k. */
export const KEYDEFAULT = F_GID | F_MODE | F_NLINK | F_SIZE | F_SLINK | F_TIME | F_TYPE | F_UID | F_FLAGS;

/** mtree.h: the exit status of a check that found differences. */
export const MISMATCHEXIT = 2;

/** misc.c keylist[]: name, bit, whether it takes a value (NEEDVALUE). */
const KEYLIST: ReadonlyArray<[string, number, boolean]> = [
  ['cksum', F_CKSUM, true],
  ['device', F_DEV, true],
  ['flags', F_FLAGS, true],
  ['gid', F_GID, true],
  ['gname', F_GNAME, true],
  ['ignore', F_IGN, false],
  ['link', F_SLINK, true],
  ['md5', F_MD5, true],
  ['md5digest', F_MD5, true],
  ['mode', F_MODE, true],
  ['nlink', F_NLINK, true],
  ['nochange', F_NOCHANGE, false],
  ['optional', F_OPT, false],
  ['ripemd160digest', F_RMD160, true],
  ['rmd160', F_RMD160, true],
  ['rmd160digest', F_RMD160, true],
  ['sha1', F_SHA1, true],
  ['sha1digest', F_SHA1, true],
  ['sha256', F_SHA256, true],
  ['sha256digest', F_SHA256, true],
  ['sha384', F_SHA384, true],
  ['sha384digest', F_SHA384, true],
  ['sha512', F_SHA512, true],
  ['sha512digest', F_SHA512, true],
  ['size', F_SIZE, true],
  ['tags', F_TAGS, true],
  ['time', F_TIME, true],
  ['type', F_TYPE, true],
  ['uid', F_UID, true],
  ['uname', F_UNAME, true],
];

const ALLBITS = KEYLIST.reduce((bits, [, bit]) => bits | bit, 0);

/** parsekey(): a keyword's bit ("all" is every keyword); unknown ones end the run. */
export function parseKey(name: string): { bit: number; needsValue: boolean } {
  if (name === 'all') return { bit: ALLBITS, needsValue: false };
  const key = KEYLIST.find(([n]) => n === name);
  if (!key) throw new MtreeError(`unknown keyword \`${name}'`);
  return { bit: key[1], needsValue: key[2] };
}

/** -k/-K/-R arguments: keywords separated by spaces, tabs or commas (mtree.c strsep " \t,"). */
export function parseKeyList(arg: string): number {
  let bits = 0;
  for (const word of arg.split(/[ \t,]/)) if (word !== '') bits |= parseKey(word).bit;
  return bits;
}

/** misc.c typelist[]: the type names a spec may use (F_BLOCK ... F_SOCK). */
export type SpecType = 'block' | 'char' | 'dir' | 'fifo' | 'file' | 'link' | 'socket';
const TYPES: readonly SpecType[] = ['block', 'char', 'dir', 'fifo', 'file', 'link', 'socket'];

export function parseType(name: string): SpecType {
  const type = TYPES.find((t) => t === name);
  if (!type) throw new MtreeError(`unknown file type \`${name}'`);
  return type;
}

/** mtree.c flavors[]; only the default, "mtree", is FreeBSD's own behaviour. */
export type Flavor = 'mtree' | 'freebsd9' | 'netbsd6';
export const FLAVORS: readonly Flavor[] = ['mtree', 'freebsd9', 'netbsd6'];

/**
 * The digests in the order statf() prints and compare() checks them, with
 * FreeBSD's key names (mtree.h MD5KEY ... SHA512KEY under __FreeBSD__) and
 * the node:crypto algorithm.
 */
export const DIGESTS: ReadonlyArray<{ bit: number; key: string; algo: string }> = [
  { bit: F_MD5, key: 'md5digest', algo: 'md5' },
  { bit: F_RMD160, key: 'ripemd160digest', algo: 'ripemd160' },
  { bit: F_SHA1, key: 'sha1digest', algo: 'sha1' },
  { bit: F_SHA256, key: 'sha256digest', algo: 'sha256' },
  { bit: F_SHA384, key: 'sha384', algo: 'sha384' },
  { bit: F_SHA512, key: 'sha512', algo: 'sha512' },
];

/** The command line as cwalk() and verify() see it (mtree.c's globals). */
export interface MtreeOpts {
  keys: number;
  flavor: Flavor;
  /** -b: no blank lines around directories. */
  b: boolean;
  /** -d: directories only. */
  d: boolean;
  /** -e: no "extra:" lines. */
  e: boolean;
  /** -j: indent by depth. */
  j: boolean;
  /** -l: "loose" permissions: a mode that grants less than the spec's passes. */
  l: boolean;
  /** -n: no pathname comments. */
  n: boolean;
  /** -q: a missing directory that exists (through a link) is not reported. */
  q: boolean;
}
