/**
 * /root's dot files as a FreeBSD 14 release installs them (etc/Makefile
 * installs them to /root): .cshrc and .login from bin/csh/dot.cshrc and
 * dot.login, .profile and .shrc from bin/sh/dot.profile and dot.shrc,
 * .k5login from etc/root/dot.k5login (freebsd/freebsd-src; the `$FreeBSD$`
 * lines that 14 no longer has are left out).
 */

const CSHRC = `#
# .cshrc - csh resource script, read at beginning of execution by each shell
#
# see also csh(1), environ(7).
# more examples available at /usr/share/examples/csh/
#

alias h\t\thistory 25
alias j\t\tjobs -l
alias la\tls -aF
alias lf\tls -FA
alias ll\tls -lAF

# read(2) of directories may not be desirable by default, as this will provoke
# EISDIR errors from each directory encountered.
# alias grep\tgrep -d skip

# A righteous umask
umask 22

set path = (/sbin /bin /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin $HOME/bin)

setenv\tEDITOR\tvi
setenv\tPAGER\tless
setenv\tBLOCKSIZE\tK

if ($?prompt) then
\t# An interactive shell -- set some stuff up
\tset prompt = "%N@%m:%~ %# "
\tset promptchars = "%#"

\tset filec
\tset history = 1000
\tset savehist = (1000 merge)
\tset autolist = ambiguous
\t# Use history to aid expansion
\tset autoexpand
\tset autorehash
\tset mail = (/var/mail/$USER)
\tif ( $?tcsh ) then
\t\tbindkey "^W" backward-delete-word
\t\tbindkey -k up history-search-backward
\t\tbindkey -k down history-search-forward
\tendif

endif
`;

const K5LOGIN = `#
# user1/root@YOUR.REALM.WHEREVER
# user2/root@YOUR.REALM.WHEREVER
`;

const LOGIN = `#
# .login - csh login script, read by login shell, after \`.cshrc' at login.
#
# See also csh(1), environ(7).
#

# Query terminal size; useful for serial lines.
if ( -x /usr/bin/resizewin ) /usr/bin/resizewin -z

# Uncomment to display a random cookie on each login.
# if ( -x /usr/bin/fortune ) /usr/bin/fortune -s
`;

const PROFILE = `#
HOME=/root
export HOME
PATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin:~/bin
export PATH
TERM=\${TERM:-xterm}
export TERM
PAGER=less
export PAGER

# set ENV to a file invoked each time sh is started for interactive use.
ENV=$HOME/.shrc; export ENV

# Query terminal size; useful for serial lines.
if [ -x /usr/bin/resizewin ] ; then /usr/bin/resizewin -z ; fi

# Uncomment to display a random cookie on each login.
# if [ -x /usr/bin/fortune ] ; then /usr/bin/fortune -s ; fi
`;

const SHRC = `#
# .shrc - bourne shell startup file 
#
# This file will be used if the shell is invoked for interactive use and
# the environment variable ENV is set to this file.
#
# see also sh(1), environ(7).
#


# file permissions: rwxr-xr-x
#
# umask\t022

# Uncomment this to enable the builtin vi(1) command line editor in sh(1),
# e.g. ESC to go into visual mode.
# set -o vi


# # some useful aliases
# alias h='fc -l'
# alias j=jobs
# alias m="$PAGER"
# alias ll='ls -laFo'
# alias l='ls -l'
# alias g='egrep -i'
 
# # be paranoid
# alias cp='cp -ip'
# alias mv='mv -i'
# alias rm='rm -i'

# # csh like history on arrow up and down
bind ^[[A ed-search-prev-history
bind ^[[B ed-search-next-history

# # ctrl+arrow allow to jump from words to words
bind "\\\\e[1;5C" em-next-word
bind "\\\\e[1;5D" ed-prev-word
alias history='fc -l'

# Fix home/del for mobaxterm
bind ^[[5~ ed-move-to-beg
bind ^[[6~ ed-move-to-end

# read(2) of directories may not be desirable by default, as this will provoke
# EISDIR errors from each directory encountered.
# alias grep='grep -d skip'

# set prompt: \`\`username@hostname:directory $ '' 
PS1="\\u@\\h:\\w \\\\$ "

# search path for cd(1)
# CDPATH=:$HOME
`;

/** File name in /root → content; all mode 0644 root:wheel. */
export const ROOT_DOTFILES: ReadonlyArray<readonly [name: string, content: string]> = [
  ['.cshrc', CSHRC],
  ['.k5login', K5LOGIN],
  ['.login', LOGIN],
  ['.profile', PROFILE],
  ['.shrc', SHRC],
];
