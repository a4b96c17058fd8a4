/**
 * pw(8): `pw [-R rootdir | -V etcdir] useradd|usershow|usernext|groupadd|groupshow|groupnext ...`
 * (and the two-word forms `pw user add`, `pw adduser`...).
 * Sources (freebsd/freebsd-src): usr.sbin/pw/pw.c main (keyword parsing,
 * -R/-V, cmdhelp texts, "unknown keyword", "no such directory"), pw_user.c,
 * pw_group.c, pw_utils.c, pw_log.c, cpdir.c, bitmap.c, lib/libutil/pw_util.c
 * and gr_util.c, usr.sbin/pwd_mkdb/pwd_mkdb.c; exit codes are sysexits(3) as
 * pw.8 EXIT STATUS says (65 EX_DATAERR for "already exists"/"already
 * allocated", 67 EX_NOUSER for a missing user or group...), confirmed by
 * usr.sbin/pw/tests/pw_useradd_test.sh.
 * FreeBSD also runs pwd_mkdb(8) after each passwd change, which rebuilds
 * pwd.db and spwd.db: the simulator keeps only the text files
 * (master.passwd, passwd, group); see pw-files.ts.
 * usermod/userdel: pw-user-mod.ts; groupmod/groupdel: pw-group-mod.ts.
 * Not modelled (fail with "... is not supported by the simulator"): lock,
 * unlock, renames (-l), pw.conf and -C, -D, dates (-e -p),
 * passwords that need crypt(3) (-w yes|random, -h FD), -H with a descriptor
 * other than 0 (`useradd -H 0` reads the encrypted password from stdin:
 * pw-password.ts), NIS (-y -Y).
 */
import type { SimCommand } from '../../types.js';
import { EX_OSFILE, EX_USAGE, PwExit } from './pw-files.js';
import { groupAdd, groupNext, groupShow } from './pw-group.js';
import { groupDel, groupMod } from './pw-group-mod.js';
import { PwSession } from './pw-session.js';
import { userAdd, userNext, userShow } from './pw-user.js';
import { userDel, userMod } from './pw-user-mod.js';
import { Output } from './output.js';

const MODES = ['add', 'del', 'mod', 'show', 'next'];
const WHICH = ['user', 'group'];
const M_NUM = 7; // add del mod show next lock unlock
const COMBO1 = ['useradd', 'userdel', 'usermod', 'usershow', 'usernext', 'lock', 'unlock', 'groupadd', 'groupdel', 'groupmod', 'groupshow', 'groupnext'];
const COMBO2 = ['adduser', 'deluser', 'moduser', 'showuser', 'nextuser', 'lock', 'unlock', 'addgroup', 'delgroup', 'modgroup', 'showgroup', 'nextgroup'];

/** cmdhelp's texts (pw.c), by COMBO1 name. */
const HELP: Record<string, string> = {
  useradd:
    'usage: pw useradd [name] [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-C config      configuration file\n\t-q             quiet operation\n  Adding users:\n\t-n name        login name\n' +
    '\t-u uid         user id\n\t-c comment     user name/comment\n\t-d directory   home directory\n\t-e date        account expiry date\n' +
    '\t-p date        password expiry date\n\t-g grp         initial group\n\t-G grp1,grp2   additional groups\n' +
    '\t-m [ -k dir ]  create and set up home\n\t-M mode        home directory permissions\n\t-s shell       name of login shell\n' +
    '\t-o             duplicate uid ok\n\t-L class       user class\n\t-h fd          read password on fd\n' +
    '\t-H fd          read encrypted password on fd\n\t-Y             update NIS maps\n\t-N             no update\n' +
    '  Setting defaults:\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-D             set user defaults\n\t-b dir         default home root dir\n\t-e period      default expiry period\n' +
    '\t-p period      default password change period\n\t-g group       default group\n\t-G grp1,grp2   additional groups\n' +
    '\t-L class       default user class\n\t-k dir         default home skeleton\n\t-M mode        home directory permissions\n' +
    '\t-u min,max     set min,max uids\n\t-i min,max     set min,max gids\n\t-w method      set default password method\n' +
    '\t-s shell       default shell\n\t-y path        set NIS passwd file path\n',
  userdel:
    'usage: pw userdel [uid|name] [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-n name        login name\n\t-u uid         user id\n\t-Y             update NIS maps\n\t-y path        set NIS passwd file path\n' +
    '\t-r             remove home & contents\n',
  usermod:
    'usage: pw usermod [uid|name] [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-C config      configuration file\n\t-q             quiet operation\n\t-F             force add if no user\n' +
    '\t-n name        login name\n\t-u uid         user id\n\t-c comment     user name/comment\n\t-d directory   home directory\n' +
    '\t-e date        account expiry date\n\t-p date        password expiry date\n\t-g grp         initial group\n' +
    '\t-G grp1,grp2   additional groups\n\t-l name        new login name\n\t-L class       user class\n' +
    '\t-m [ -k dir ]  create and set up home\n\t-M mode        home directory permissions\n\t-s shell       name of login shell\n' +
    '\t-w method      set new password using method\n\t-h fd          read password on fd\n\t-H fd          read encrypted password on fd\n' +
    '\t-Y             update NIS maps\n\t-y path        set NIS passwd file path\n\t-N             no update\n',
  usershow:
    'usage: pw usershow [uid|name] [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-n name        login name\n\t-u uid         user id\n\t-F             force print\n\t-P             prettier format\n' +
    '\t-a             print all users\n\t-7             print in v7 format\n',
  usernext:
    'usage: pw usernext [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-C config      configuration file\n\t-q             quiet operation\n',
  lock: 'usage pw: lock [switches]\n\t-V etcdir      alternate /etc locations\n\t-C config      configuration file\n\t-q             quiet operation\n',
  unlock: 'usage pw: unlock [switches]\n\t-V etcdir      alternate /etc locations\n\t-C config      configuration file\n\t-q             quiet operation\n',
  groupadd:
    'usage: pw groupadd [group|gid] [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-C config      configuration file\n\t-q             quiet operation\n\t-n group       group name\n\t-g gid         group id\n' +
    '\t-M usr1,usr2   add users as group members\n\t-o             duplicate gid ok\n\t-Y             update NIS maps\n\t-N             no update\n',
  groupdel:
    'usage: pw groupdel [group|gid] [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-n name        group name\n\t-g gid         group id\n\t-Y             update NIS maps\n',
  groupmod:
    'usage: pw groupmod [group|gid] [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-C config      configuration file\n\t-q             quiet operation\n\t-F             force add if not exists\n' +
    '\t-n name        group name\n\t-g gid         group id\n\t-M usr1,usr2   replaces users as group members\n' +
    '\t-m usr1,usr2   add users as group members\n\t-d usr1,usr2   delete users as group members\n\t-l name        new group name\n' +
    '\t-Y             update NIS maps\n\t-N             no update\n',
  groupshow:
    'usage: pw groupshow [group|gid] [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-n name        group name\n\t-g gid         group id\n\t-F             force print\n\t-P             prettier format\n' +
    '\t-a             print all accounting groups\n',
  groupnext:
    'usage: pw groupnext [switches]\n\t-V etcdir      alternate /etc location\n\t-R rootdir     alternate root directory\n' +
    '\t-C config      configuration file\n\t-q             quiet operation\n',
};

/** cmdhelp(): usage on stderr, exit 1. */
function cmdhelp(mode: number, which: number): PwExit {
  if (which === -1) return new PwExit(1, undefined, 'usage:\n  pw [user|group|lock|unlock] [add|del|mod|show|next] [help|switches/values]\n');
  if (mode === -1) return new PwExit(1, undefined, `usage:\n  pw ${WHICH[which]} [add|del|mod|show|next] [help|switches/values]\n`);
  return new PwExit(1, undefined, HELP[COMBO1[which * M_NUM + mode] ?? ''] ?? '');
}

export const pw: SimCommand = (ctx) => {
  const out = new Output();
  let session: PwSession | undefined;
  try {
    const args = ctx.argv.slice(1);
    let mode = -1;
    let which = -1;
    let arg1: string | undefined;
    let relocated: 'R' | 'V' | undefined;
    let rootdir = '/';
    let etcpath = '/etc';
    const fs = ctx.host.fs;
    const at = (p: string): string => fs.resolve(ctx.root, ctx.cwd, p);
    while (args.length) {
      const a = args[0]!;
      if (a.startsWith('-')) {
        const flag = a[1];
        if (flag !== 'V' && flag !== 'R') break;
        if (relocated) throw new PwExit(1, "Both '-R' and '-V' specified, only one accepted");
        relocated = flag;
        let optarg = a.slice(2);
        if (optarg === '') {
          const dir = args[1] ?? '(null)'; // printf("%s", NULL) on FreeBSD
          const st = args[1] === undefined ? undefined : fs.stat(at(dir));
          if (!st) throw new PwExit(EX_OSFILE, `no such directory \`${dir}'`);
          if (st.kind !== 'dir') throw new PwExit(EX_OSFILE, `\`${dir}' not a directory`);
          optarg = dir;
          args.shift();
        }
        if (flag === 'R') rootdir = optarg;
        etcpath = flag === 'R' ? `${optarg}/etc` : optarg;
      } else if (mode === -1 && MODES.includes(a)) {
        mode = MODES.indexOf(a);
      } else if (which === -1 && WHICH.includes(a)) {
        which = WHICH.indexOf(a);
      } else if (mode === -1 && which === -1 && (COMBO1.includes(a) || COMBO2.includes(a))) {
        const tmp = COMBO1.includes(a) ? COMBO1.indexOf(a) : COMBO2.indexOf(a);
        // The lists hold 7 user words then 5 group words, so tmp / M_NUM gives which.
        which = Math.floor(tmp / M_NUM);
        mode = tmp % M_NUM;
      } else if (a === 'help' && args[1] === undefined) {
        throw cmdhelp(mode, which);
      } else if (which !== -1 && mode !== -1) {
        arg1 = a;
      } else {
        throw new PwExit(EX_USAGE, `unknown keyword \`${a}'`);
      }
      args.shift();
    }
    if (mode === -1 || which === -1) throw cmdhelp(mode, which);
    if (fs.stat(at(rootdir))?.kind !== 'dir') throw new PwExit(1, `Unable to open '${rootdir}'`);
    session = new PwSession(ctx, at(rootdir), at(etcpath), relocated);
    const verb = COMBO1[which * M_NUM + mode]!;
    const run: Record<string, () => number> = {
      useradd: () => userAdd(session!, args, arg1),
      usershow: () => userShow(session!, args, arg1),
      usernext: () => userNext(session!, args),
      groupadd: () => groupAdd(session!, args, arg1),
      groupshow: () => groupShow(session!, args, arg1),
      groupnext: () => groupNext(session!, args),
      usermod: () => userMod(session!, args, arg1),
      userdel: () => userDel(session!, args, arg1),
      groupmod: () => groupMod(session!, args, arg1),
      groupdel: () => groupDel(session!, args, arg1),
    };
    const handler = run[verb];
    if (!handler) throw new PwExit(1, `${verb} is not supported by the simulator`);
    const code = handler();
    return out.out(session.stdout).err(session.stderr).result(code);
  } catch (e) {
    if (!(e instanceof PwExit)) throw e;
    if (session) out.out(session.stdout).err(session.stderr);
    if (e.text !== undefined) out.err(e.text);
    else if (e.msg !== undefined && !session?.quiet) out.err(`pw: ${e.msg}\n`);
    return out.result(e.code);
  }
};
