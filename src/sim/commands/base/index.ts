import type { SimCommand } from '../../types.js';
import { awk } from './awk/awk.js';
import { b64encode } from './b64encode.js';
import { cat } from './cat.js';
import { chflags } from './chflags.js';
import { chgrp, chmod, chown } from './chmod.js';
import { cksum } from './cksum.js';
import { cp } from './cp.js';
import { md5, md5sum, sha1, sha1sum, sha256, sha256sum, sha512, sha512sum } from './digest.js';
import { echo } from './echo.js';
import { env, xargs } from './exec-like.js';
import { lockf } from './lockf.js';
import { logger } from './logger.js';
import { find } from './find.js';
import { grep } from './grep.js';
import { head, tail } from './head-tail.js';
import { ln } from './ln.js';
import { ls } from './ls.js';
import { mkdir, rmdir } from './mkdir.js';
import { mtree } from './mtree.js';
import { mv } from './mv.js';
import { nc } from './nc.js';
import { basename, dirname, readlink, realpath } from './paths.js';
import { printf } from './printf.js';
import { rm } from './rm.js';
import { sed } from './sed.js';
import { sh } from './sh.js';
import { stat } from './stat.js';
import { freebsdVersion } from './freebsd-version.js';
import { date, hostname, id, uname, whoami } from './system.js';
import { test } from './test.js';
import { cut, sort, tee, tr, uniq, wc } from './text.js';
import { mktemp, touch } from './touch.js';
import { falseCommand, sleep, trueCommand } from './trivial.js';
import { which } from './which.js';
import { cmp } from './cmp.js';
import { du } from './du.js';
import { expr } from './expr.js';
import { install } from './install.js';
import { seq } from './seq.js';
import { kill } from './kill.js';
import { pgrep } from './pgrep.js';

/** POSIX userland (cat, printf, test, mkdir, mv, ...). */
export const baseCommands: Record<string, SimCommand> = {
  sh,
  awk,
  cat,
  echo,
  printf,
  test,
  '[': test,
  true: trueCommand,
  false: falseCommand,
  sleep,
  mkdir,
  rmdir,
  mv,
  cp,
  rm,
  ln,
  chmod,
  chown,
  chgrp,
  chflags,
  ls,
  stat,
  readlink,
  realpath,
  dirname,
  basename,
  touch,
  mktemp,
  grep,
  egrep: grep,
  fgrep: grep,
  sed,
  head,
  tail,
  wc,
  sort,
  uniq,
  cut,
  tr,
  tee,
  md5,
  sha1,
  sha256,
  sha512,
  md5sum,
  sha1sum,
  sha256sum,
  sha512sum,
  cksum,
  cmp,
  expr,
  install,
  seq,
  b64encode,
  env,
  id,
  whoami,
  hostname,
  nc, '/usr/bin/nc': nc,
  uname,
  'freebsd-version': freebsdVersion,
  // By path too: the release's /bin/freebsd-version is a script the simulator models (freebsd-version.ts).
  '/bin/freebsd-version': freebsdVersion,
  date,
  lockf,
  logger,
  kill,
  pgrep,
  pkill: pgrep,
  which,
  du,
  xargs,
  find,
  mtree,
  '/usr/sbin/mtree': mtree,
};
