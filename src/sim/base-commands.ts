/**
 * The commands a FreeBSD 14 (amd64) base system installs in /bin, /sbin,
 * /usr/bin and /usr/sbin, by name. Read from the SUBDIR lists of
 * freebsd/freebsd-src bin/Makefile (@023fc80), sbin/Makefile (as of
 * 2023, delphij/freebsd-src @563c208), usr.bin/Makefile (post-$FreeBSD$
 * tree, fel1x-developer/freebsd-src @615a719) and usr.sbin/Makefile
 * (@00988d1): every directory built unconditionally or under an MK_* knob
 * that is on by default, plus the amd64 ones of bsd.arch.inc.mk. A
 * directory named for a program installs that program; where a directory
 * installs another name or more names (its Makefile's PROG, LINKS or
 * SCRIPTS: usr.bin/xinstall is `install`, sbin/md5 also installs sha256,
 * sha256sum, ...; usr.bin/alias installs `cd`, `command`, ...; usr.bin/w
 * also installs `uptime`), those are
 * listed instead, as are the programs of cddl/, secure/ and kerberos5/
 * (zfs, zpool, sshd, ssh, ...) in the directory they install into.
 * Test-only and library directories are left out. INFERRED where a tree
 * of that vintage may differ from 14.2 by a name or two (timeout and nproc
 * are in /bin in the tree read; gvinum, nos-tun and spppcontrol were still
 * in sbin/Makefile then).
 *
 * Decision (measured with `npm run bench:sim`, 1000 hosts): only the
 * commands the simulator runs (its command table) and the daemons it
 * models exist as files (command-files.ts); the other names here have no
 * file. As files, all ~850 names cost ~850 nodes in every root (the host
 * and each jail): an idle host went from 36 KB to 142 KB, peak RSS from
 * ~350 to ~590 MB and converge CPU per host-run up by about a third, for
 * listings nothing reads. So `ls /usr/bin` shows what the simulator can
 * run, and running any other FreeBSD base command found by its directory
 * in $PATH (or by its path) says `not simulated by jailfleet` instead of
 * `not found` (shell/command-lookup.ts); `command -v` names its path as
 * FreeBSD would, while `test -x` and `which` see no file for it.
 */

const BIN = `[ cat chflags chio chmod cp cpuset csh date dd df domainname echo ed expr freebsd-version getfacl hostname
kenv kill link ln ls mkdir mv nproc pax pgrep pkill ps pwait pwd realpath red rm rmail rmdir setfacl sh sleep
stty sync tcsh test timeout unlink uuidgen`;

const SBIN = `adjkerntz bectl camcontrol ccdconfig clri comcontrol conscontrol ddb decryptcore devd devfs devmatch
dhclient dhclient-script dmesg dump dumpfs dumpon etherswitchcfg fastboot fasthalt ffsinfo fsck fsck_ffs
fsck_msdosfs fsck_ufs fsdb fsirand gbde gconcat geli geom ggatec ggated ggatel gjournal glabel gmirror
gmultipath gnop gpart graid graid3 growfs gshsec gstripe gunion gvinum gvirstor halt hastctl hastd ifconfig
init ipf ipfs ipfstat ipfw ipmon ipnat ippool iscontrol kldconfig kldload kldstat kldunload ldconfig md5
md5sum mdconfig mdmfs mknod mksnap_ffs mount mount_cd9660 mount_fusefs mount_msdosfs mount_nfs
mount_nullfs mount_udf mount_unionfs natd newfs newfs_msdos nextboot nfsiod nologin nos-tun nvmecontrol
pfctl pfilctl pflogd ping ping6 poweroff quotacheck rcorder rdump reboot recoverdisk resolvconf restore
rmd160 rmd160sum route routed rrestore rtsol savecore setkey sha1 sha1sum sha224 sha224sum sha256
sha256sum sha384 sha384sum sha512 sha512sum sha512t224 sha512t224sum sha512t256 sha512t256sum shutdown
skein1024 skein1024sum skein256 skein256sum skein512 skein512sum spppcontrol swapctl swapoff swapon sysctl
tunefs umount veriexec zfs zfsbootcfg zpool`;

const USR_BIN = `addr2line alias apply apropos ar asa at atq atrm awk b64decode b64encode backlight banner basename
batch bc beep bg biff bintrans brandelf bsdcat bsdcpio bsddialog bsdiff bsdtar bspatch bthost btsockstat
bunzip2 bzcat bzegrep bzfgrep bzgrep bzip2 bzip2recover c++ c++filt c89 c99 caesar cal calendar cap_mkdb
captoinfo cc cd chat chfn chgrp chkey chpass chsh cksum clang clang++ clang-cpp clear cmp col colrm column
comm command compress cpio cpp crontab csplit ctags ctfconvert ctfdump ctfmerge ctlstat cu cut dc diff diff3
dirname drill dtc du ee egrep elfctl elfdump enigma env etdump ex expand factor false fc fetch fg fgrep file
file2c find finger fmt fold fortune from fstat fsync ftp gate-ftp gcore gencat genl getaddrinfo getconf getent
getopt getopts gprof grdc grep groups gunzip gzcat gzip hash hd head hexdump host iconv id ident indent infocmp
install ipcrm ipcs iscsictl jobs join jot kdestroy kdump keylogin keylogout kgetcred killall kinit klist kpasswd
ksu kswitch ktrace ktrdump kyua lam last lastcomm ld ld.lld ldd ldd32 leave less lessecho lesskey lex limits
lldb llvm-addr2line llvm-ar llvm-cxxfilt llvm-nm llvm-objcopy llvm-objdump llvm-ranlib llvm-readelf llvm-size
llvm-strings llvm-strip llvm-symbolizer locale localedef locate lock lockf logger login logins logname look
lorder lpq lpr lprm lptest lsvfs lzcat lzma lzmainfo m4 mail mailq mailx make makewhatis man mandoc mesg
ministat mkcsmapper mkdep mkesdb mkfifo mkimg mkstr mktemp mkuzip more morse msgs mt nawk nc ncal netstat
newaliases newgrp newkey nex nfsstat nice nl nm nohup number nvi nview objcopy objdump od openssl pagesize
passwd paste patch pathchk perror pom posixshmcontrol pr primes printenv printf proccontrol procstat protect
quota random ranlib rctl read readelf readlink reset resizewin rev revoke rfcomm_sppd rgrep rpcgen rpcinfo rs
rup ruptime rusers rwall rwho scp script sdiff sed seq sftp shar showmount size sockstat soelim sort split ssh ssh-add
ssh-agent ssh-copy-id ssh-keygen ssh-keyscan stat stdbuf strings strip su sum systat tabs tail talk tar tcopy
tee telnet tftp tic time tip toe top touch tput tr true truncate truss tset tsort tty type ul ulimit umask
unalias uname uncompress unexpand uniq units unlzma unvis unxz unzip unzstd uptime uudecode uuencode vacation
vi view vis vmstat vtfontcvt w wait wall wc wg what whatis whereis which who whoami whois write xargs xo xstr
xz xzcat xzdec yacc yes ypcat ypchfn ypchpass ypchsh ypmatch yppasswd ypwhich zcat zcmp zdiff zegrep zfgrep
zforce zgrep zinject zless zmore znew zstd zstdcat zstdmt zstream ztest`;

const USR_SBIN = `ac accton acpiconf acpidb acpidump adduser arp audit auditd auditdistd auditreduce authpf
authpf-noip automount automountd autounmountd bhyve bhyvectl bhyveload binmiscctl blacklistctl blacklistd
boot0cfg bootparamd boottrace bsdconfig bsdinstall bsnmpd btxld camdd cdcontrol certctl chkgrp chkprintcap
chown chroot ckdist clear_locks config cpucontrol crashinfo cron crunchgen crunchide ctladm ctld cxgbetool
daemon dconschat devctl devinfo diskinfo dumpcis edquota editmap efibootmgr efidp efitable efivar efiwake
etcupdate extattrctl fdcontrol fdformat fdread fdwrite fifolog_create fifolog_reader fifolog_writer flowctl
freebsd-update fstyp ftp-proxy fwcontrol fwget getextattr getfmac getpmac gpioctl gssd gstat hccontrol hcsecd
hostapd hostapd_cli hoststat hv_kvp_daemon hv_vss_daemon i2c iasl idprio ifmcstat inetd iostat iovctl
ip6addrctl ipfwpcap iscsid jail jexec jls kbdcontrol kbdmap keyserv kgmon kldxref l2control l2ping lastlogin
local-unbound local-unbound-anchor local-unbound-checkconf local-unbound-control local-unbound-setup lpc lpd
lptcontrol lsextattr mailstats mailwrapper makefs makemap manctl memcontrol mergemaster mfiutil mixer mld6query
mlx5tool mlxcontrol moused mount_smbfs mountd mpsutil mptable mptutil mtest mtree ndp newsyslog nfscbd nfsd
nfsdumpstate nfsrevoke nfsuserd ngctl nghook nologin nscd ntp-keygen ntpd ntpdate ntpdc ntpq ntptime pac
pciconf periodic pkg pmc pmcannotate pmccontrol pmcstat pmcstudy pnfsdscopymr pnfsdsfile pnfsdskill powerd
ppp pppctl praliases praudit prometheus_sysctl_exporter pstat purgestat pw pwd_mkdb pwm quot quotaoff quotaon
rarpd repquota rmextattr rmt rmuser route6d rpc.lockd rpc.statd rpc.tlsclntd rpc.tlsservd rpc.umntall
rpc.yppasswdd rpc.ypupdated rpc.ypxfrd rpcbind rrenumd rtadvctl rtadvd rtprio rtsold rwhod sa sdpcontrol sdpd
sendmail service services_mkdb sesutil setextattr setfib setfmac setpmac smbmsg snapinfo sndctl sntp spi
spkrtest spray sshd swapinfo syslogd sysrc tcpdchk tcpdmatch tcpdrop tcpdump tcpsso traceroute traceroute6
trim tzsetup uathload uefisign ugidfw uhsoctl usbconfig usbdump utx valectl vidcontrol vigr vipw wake watch
watchdog watchdogd wlandebug wpa_cli wpa_passphrase wpa_supplicant yp_mkdb ypbind ypldap yppoll yppush
ypserv ypset zdump zic zonectl zzz`;

/** Daemons the simulator models through their rc.d scripts (rc/daemons), not as commands: they get files too. */
export const MODELLED_DAEMONS: ReadonlySet<string> = new Set(['cron', 'inetd', 'sendmail', 'syslogd']);

/**
 * The base commands of the simulator's command table (commands/index.ts),
 * which get files. Listed here rather than read from the table, which
 * reaches this module again through seed.ts; test/sim/base/command-files.test.ts
 * fails when the table has a base command this list lacks (such a command
 * still runs, without a file to find).
 */
export const FILED_COMMANDS: ReadonlySet<string> = new Set([
  ...MODELLED_DAEMONS,
  ...`[ awk b64encode basename cat chflags chgrp chmod chown cksum cmp cp crontab cut date dirname du echo egrep env etcupdate expr false fetch fgrep find
freebsd-update freebsd-version grep head hostname id ifconfig install jail jexec jls kill ln lockf logger ls md5 md5sum mkdir mktemp mount mount_nullfs mtree
mv nc pfctl pgrep pkg pkill poweroff printf pw rcorder readlink realpath rm rmdir sed seq service sh sha1 sha1sum sha256 sha256sum sha512 sha512sum
shutdown sleep sockstat sort sshd stat sysctl sysrc tail tar tee test touch tr true umount uname uniq wc which whoami
xargs zfs`.split(/\s+/),
]);

const words = (list: string): string[] => list.split(/\s+/).filter(Boolean);

/** Directory → command names, in the PATH order of root's login shell (/root/.profile). */
export const BASE_COMMANDS: ReadonlyArray<readonly [dir: string, names: readonly string[]]> = [
  ['/sbin', words(SBIN)],
  ['/bin', words(BIN)],
  ['/usr/sbin', words(USR_SBIN)],
  ['/usr/bin', words(USR_BIN)],
];

/** Each base command's path; a name in two directories gets the one PATH finds first. */
export const BASE_COMMAND_PATHS: ReadonlyMap<string, string> = (() => {
  const paths = new Map<string, string>();
  for (const [dir, names] of BASE_COMMANDS) for (const name of names) if (!paths.has(name)) paths.set(name, `${dir}/${name}`);
  return paths;
})();
