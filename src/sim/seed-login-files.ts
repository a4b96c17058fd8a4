/**
 * /etc/shells, /etc/profile and /etc/login.conf as a FreeBSD 14.2 release
 * installs them (`make distribution`, so part of base.txz): every base
 * system has them, and users and playbooks read them (chsh/chpass and ftpd
 * check /etc/shells; sh(1) login shells source /etc/profile; login(1),
 * su(1), cron(8) and rc take limits and the environment from login.conf).
 * Texts from freebsd/freebsd-src, with the `$FreeBSD$` lines 14 no longer has
 * left out:
 * - shells: etc/shells (installed by etc/Makefile);
 * - profile: bin/sh/profile (CONFS in bin/sh/Makefile);
 * - login.conf: usr.bin/login/login.conf (CONFS in usr.bin/login/Makefile),
 *   the stable/14 text: 14.2 still has `ignoretime@` (removed on main later)
 *   and has `pipebuf=unlimited`, which came to stable/14 with RLIMIT_PIPEBUF
 *   for 14.2 (INFERRED from copies of 14.x hosts' files, see
 *   test/fixtures/freebsd/README.md).
 * Not modelled: /etc/login.conf.db, the cap_mkdb(1) hash database a release
 * ships beside login.conf (binary; nothing in the simulator reads it).
 */

const SHELLS = `#
# List of acceptable shells for chpass(1).
# Ftpd will not allow users to connect who are not using
# one of these shells.

/bin/sh
/bin/csh
/bin/tcsh
`;

const PROFILE = `#
# System-wide .profile file for sh(1).
#
# For the setting of languages and character sets please see
# login.conf(5) and in particular the charset and lang options.
# For full locales list check /usr/share/locale/*
# You should also read the setlocale(3) man page for information
# on how to achieve more precise control of locale settings.
#
# Check system messages
# msgs -q
# Allow terminal messages
# mesg y

# Load each .sh file in /etc/profile.d/, then /usr/local/etc/profile,
# then each .sh file in /usr/local/etc/profile.d/.
_loaded=\${_loaded:-/etc/profile}
export _loaded
for _dir in /etc /usr/local/etc ; do
\tfor _file in "\${_dir}"/profile "\${_dir}"/profile.d/*.sh ; do
\t\tif [ -f "\${_file}" ] ; then
\t\t\tcase :\${_loaded}: in
\t\t\t*:"\${_file}":*)
\t\t\t\t;;
\t\t\t*)
\t\t\t\t_loaded="\${_loaded:+\${_loaded}:}\${_file}"
\t\t\t\t. "\${_file}"
\t\t\t\t;;
\t\t\tesac
\t\tfi
\tdone
done
unset _loaded _dir _file
`;

const LOGIN_CONF = `# login.conf - login class capabilities database.
#
# Remember to rebuild the database after each change to this file:
#
#\tcap_mkdb /etc/login.conf
#
# This file controls resource limits, accounting limits and
# default user environment settings.
#
#

# Default settings effectively disable resource limits, see the
# examples below for a starting point to enable them.

# defaults
# These settings are used by login(1) by default for classless users
# Note that entries like "cputime" set both "cputime-cur" and "cputime-max"
#
# Note that since a colon ':' is used to separate capability entries,
# a \\c escape sequence must be used to embed a literal colon in the
# value or name of a capability (see the \`\`CGETNUM AND CGETSTR SYNTAX
# AND SEMANTICS'' section of getcap(3) for more escape sequences).

default:\\
\t:passwd_format=sha512:\\
\t:copyright=/etc/COPYRIGHT:\\
\t:welcome=/var/run/motd:\\
\t:setenv=BLOCKSIZE=K:\\
\t:mail=/var/mail/$:\\
\t:path=/sbin /bin /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin ~/bin:\\
\t:nologin=/var/run/nologin:\\
\t:cputime=unlimited:\\
\t:datasize=unlimited:\\
\t:stacksize=unlimited:\\
\t:memorylocked=64K:\\
\t:memoryuse=unlimited:\\
\t:filesize=unlimited:\\
\t:coredumpsize=unlimited:\\
\t:openfiles=unlimited:\\
\t:maxproc=unlimited:\\
\t:sbsize=unlimited:\\
\t:vmemoryuse=unlimited:\\
\t:swapuse=unlimited:\\
\t:pseudoterminals=unlimited:\\
\t:kqueues=unlimited:\\
\t:umtxp=unlimited:\\
\t:pipebuf=unlimited:\\
\t:priority=0:\\
\t:ignoretime@:\\
\t:umask=022:\\
\t:charset=UTF-8:\\
\t:lang=C.UTF-8:

#
# A collection of common class names - forward them all to 'default'
# (login would normally do this anyway, but having a class name
#  here suppresses the diagnostic)
#
standard:\\
\t:tc=default:
xuser:\\
\t:tc=default:
staff:\\
\t:tc=default:

# This PATH may be clobbered by individual applications.  Notably, by default,
# rc(8), service(8), and cron(8) will all override it with a default PATH that
# may not include /usr/local/sbin and /usr/local/bin when starting services or
# jobs.
daemon:\\
\t:path=/sbin /bin /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin:\\
\t:mail@:\\
\t:memorylocked=128M:\\
\t:tc=default:
news:\\
\t:tc=default:
dialer:\\
\t:tc=default:

#
# Root can always login
#
# N.B.  login_getpwclass(3) will use this entry for the root account,
#       in preference to 'default'.
root:\\
\t:ignorenologin:\\
\t:memorylocked=unlimited:\\
\t:tc=default:

#
# Russian Users Accounts. Setup proper environment variables.
#
russian|Russian Users Accounts:\\
\t:charset=UTF-8:\\
\t:lang=ru_RU.UTF-8:\\
\t:tc=default:


######################################################################
######################################################################
##
## Example entries
##
######################################################################
######################################################################

## Example defaults
## These settings are used by login(1) by default for classless users
## Note that entries like "cputime" set both "cputime-cur" and "cputime-max"
#
#default:\\
#\t:cputime=infinity:\\
#\t:datasize-cur=22M:\\
#\t:stacksize-cur=8M:\\
#\t:memorylocked-cur=10M:\\
#\t:memoryuse-cur=30M:\\
#\t:filesize=infinity:\\
#\t:coredumpsize=infinity:\\
#\t:maxproc-cur=64:\\
#\t:openfiles-cur=64:\\
#\t:priority=0:\\
#\t:requirehome@:\\
#\t:umask=022:\\
#\t:tc=auth-defaults:
#
#
##
## standard - standard user defaults
##
#standard:\\
#\t:copyright=/etc/COPYRIGHT:\\
#\t:welcome=/var/run/motd:\\
#\t:setenv=BLOCKSIZE=K:\\
#\t:mail=/var/mail/$:\\
#\t:path=~/bin /bin /usr/bin /usr/local/bin:\\
#\t:manpath=/usr/share/man /usr/local/man:\\
#\t:nologin=/var/run/nologin:\\
#\t:cputime=1h30m:\\
#\t:datasize=8M:\\
#\t:vmemoryuse=100M:\\
#\t:stacksize=2M:\\
#\t:memorylocked=4M:\\
#\t:memoryuse=8M:\\
#\t:filesize=8M:\\
#\t:coredumpsize=8M:\\
#\t:openfiles=24:\\
#\t:maxproc=32:\\
#\t:priority=0:\\
#\t:requirehome:\\
#\t:passwordtime=90d:\\
#\t:umask=002:\\
#\t:ignoretime@:\\
#\t:tc=default:
#
#
##
## users of X (needs more resources!)
##
#xuser:\\
#\t:manpath=/usr/share/man /usr/local/man:\\
#\t:cputime=4h:\\
#\t:datasize=12M:\\
#\t:vmemoryuse=infinity:\\
#\t:stacksize=4M:\\
#\t:filesize=8M:\\
#\t:memoryuse=16M:\\
#\t:openfiles=32:\\
#\t:maxproc=48:\\
#\t:tc=standard:
#
#
##
## Staff users - few restrictions and allow login anytime
##
#staff:\\
#\t:ignorenologin:\\
#\t:ignoretime:\\
#\t:requirehome@:\\
#\t:accounted@:\\
#\t:path=~/bin /bin /sbin /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin:\\
#\t:umask=022:\\
#\t:tc=standard:
#
#
##
## root - fallback for root logins
##
#root:\\
#\t:path=~/bin /bin /sbin /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin:\\
#\t:cputime=infinity:\\
#\t:datasize=infinity:\\
#\t:stacksize=infinity:\\
#\t:memorylocked=infinity:\\
#\t:memoryuse=infinity:\\
#\t:filesize=infinity:\\
#\t:coredumpsize=infinity:\\
#\t:openfiles=infinity:\\
#\t:maxproc=infinity:\\
#\t:memoryuse-cur=32M:\\
#\t:maxproc-cur=64:\\
#\t:openfiles-cur=1024:\\
#\t:priority=0:\\
#\t:requirehome@:\\
#\t:umask=022:\\
#\t:tc=auth-root-defaults:
#
#
##
## Settings used by /etc/rc
##
#daemon:\\
#\t:coredumpsize@:\\
#\t:coredumpsize-cur=0:\\
#\t:datasize=infinity:\\
#\t:datasize-cur@:\\
#\t:maxproc=512:\\
#\t:maxproc-cur@:\\
#\t:memoryuse-cur=64M:\\
#\t:memorylocked-cur=64M:\\
#\t:openfiles=1024:\\
#\t:openfiles-cur@:\\
#\t:stacksize=16M:\\
#\t:stacksize-cur@:\\
#\t:tc=default:
#
#
##
## Settings used by news subsystem
##
#news:\\
#\t:path=/usr/local/news/bin /bin /sbin /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin:\\
#\t:cputime=infinity:\\
#\t:filesize=128M:\\
#\t:datasize-cur=64M:\\
#\t:stacksize-cur=32M:\\
#\t:coredumpsize-cur=0:\\
#\t:maxmemorysize-cur=128M:\\
#\t:memorylocked=32M:\\
#\t:maxproc=128:\\
#\t:openfiles=256:\\
#\t:tc=default:
#
#
##
## The dialer class should be used for a dialup PPP account
## Welcome messages/news suppressed
##
#dialer:\\
#\t:hushlogin:\\
#\t:requirehome@:\\
#\t:cputime=unlimited:\\
#\t:filesize=2M:\\
#\t:datasize=2M:\\
#\t:stacksize=4M:\\
#\t:coredumpsize=0:\\
#\t:memoryuse=4M:\\
#\t:memorylocked=1M:\\
#\t:maxproc=16:\\
#\t:openfiles=32:\\
#\t:tc=standard:
#
#
##
## Site full-time 24/7 PPP connection
## - no time accounting, restricted to access via dialin lines
##
#site:\\
#\t:ignoretime:\\
#\t:passwordtime@:\\
#\t:refreshtime@:\\
#\t:refreshperiod@:\\
#\t:sessionlimit@:\\
#\t:autodelete@:\\
#\t:expireperiod@:\\
#\t:graceexpire@:\\
#\t:gracetime@:\\
#\t:warnexpire@:\\
#\t:warnpassword@:\\
#\t:idletime@:\\
#\t:sessiontime@:\\
#\t:daytime@:\\
#\t:weektime@:\\
#\t:monthtime@:\\
#\t:warntime@:\\
#\t:accounted@:\\
#\t:tc=dialer:\\
#\t:tc=staff:
#
#
##
## Example standard accounting entries for subscriber levels
##
#
#subscriber|Subscribers:\\
#\t:accounted:\\
#\t:refreshtime=180d:\\
#\t:refreshperiod@:\\
#\t:sessionlimit@:\\
#\t:autodelete=30d:\\
#\t:expireperiod=180d:\\
#\t:graceexpire=7d:\\
#\t:gracetime=10m:\\
#\t:warnexpire=7d:\\
#\t:warnpassword=7d:\\
#\t:idletime=30m:\\
#\t:sessiontime=4h:\\
#\t:daytime=6h:\\
#\t:weektime=40h:\\
#\t:monthtime=120h:\\
#\t:warntime=4h:\\
#\t:tc=standard:
#
#
##
## Subscriber accounts. These accounts have their login times
## accounted and have access limits applied.
##
#subppp|PPP Subscriber Accounts:\\
#\t:tc=dialer:\\
#\t:tc=subscriber:
#
#
#subshell|Shell Subscriber Accounts:\\
#\t:tc=subscriber:
#
##
## If you want some of the accounts to use traditional UNIX DES based
## password hashes.
##
#des_users:\\
#\t:passwd_format=des:\\
#\t:tc=default:
`;

/** [path under the root, content]: each root:wheel 0644. */
export const STOCK_LOGIN_FILES: ReadonlyArray<readonly [string, string]> = [
  ['/etc/shells', SHELLS],
  ['/etc/profile', PROFILE],
  ['/etc/login.conf', LOGIN_CONF],
];
