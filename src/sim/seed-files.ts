/**
 * Stock FreeBSD 14.2 file contents for a fresh host (and for jail roots built
 * from base.txz): realistic subsets of the real files, enough for rc.conf
 * evaluation, sysrc, and the daemon models to behave as on a real install.
 */

export const DEFAULTS_RC_CONF = `#!/bin/sh

# This is rc.conf - a file full of useful variables that you can set
# to change the default startup behavior of your system.  You should
# not edit this file!  Put any overrides into one of the \${rc_conf_files}
# instead and you will be able to update these defaults later without
# spamming your local configuration information.
#
# The \${rc_conf_files} files should only contain values which override
# values set in this file.  This eases the upgrade path when defaults
# are changed and new features are added.
#
# All arguments must be in double or single quotes.
#
# For a more detailed explanation of all the rc.conf variables, please
# refer to the rc.conf(5) manual page.
#

##############################################################
###  Important initial Boot-time options  ####################
##############################################################

rc_debug="NO"		# Set to YES to enable debugging output from rc.d
rc_info="NO"		# Enables display of informational messages at boot.
rc_startmsgs="YES" 	# Show "Starting foo:" messages at boot
rcshutdown_timeout="90" # Seconds to wait before terminating rc.shutdown
early_late_divider="FILESYSTEMS"	# Script that separates early/late
always_force_depends="NO"	# Set to check that indicated dependencies are
				# running during boot (can increase boot time).

apm_enable="NO"		# Set to YES to enable APM BIOS functions (or NO).
apmd_enable="NO"	# Run apmd to handle APM event from userland.
apmd_flags=""		# Flags to apmd (if enabled).
ddb_enable="NO"		# Set to YES to load ddb scripts at boot.
ddb_config="/etc/ddb.conf"	# ddb(8) config file.
devd_enable="YES"	# Run devd, to trigger programs on device tree changes.
devd_flags=""		# Additional flags for devd(8).
kldxref_enable="YES"	# Build linker.hints files with kldxref(8).
kldxref_clobber="NO"	# Overwrite old linker.hints at boot.
kldxref_module_path=""	# Override kern.module_path. A ';'-delimited list.
powerd_enable="NO"	# Run powerd to lower our power usage.
powerd_flags=""		# Flags to powerd (if enabled).
tmpmfs="AUTO"		# Set to YES to always create an mfs /tmp, NO to never
tmpsize="20m"		# Size of mfs /tmp if created
clear_tmp_enable="NO"	# Clear /tmp at startup.
clear_tmp_X="YES"	# Clear and recreate X11-related directories in /tmp
cleanvar_enable="YES"	# Clean the /var directory
ldconfig_insecure="NO"	# Set to YES to disable ldconfig security checks
local_startup="/usr/local/etc/rc.d" # startup script dirs.
script_name_sep=" "	# Change if your startup scripts' names contain spaces
rc_conf_files="/etc/rc.conf /etc/rc.conf.local"

# ZFS support
zfs_enable="NO"		# Set to YES to automatically mount ZFS file systems
zfs_bootonce_activate="NO" # Set YES to make successful bootonce BE permanent

# ZFSD support
zfsd_enable="NO"	# Set to YES to automatically start the ZFS fault
			# management daemon.

gptboot_enable="YES"	# GPT boot success/failure reporting.

# Experimental - test before enabling
gbde_autoattach_all="NO" # YES automatically mounts gbde devices from fstab
geli_devices=""		# List of devices to automatically attach in addition to
			# GELI devices listed in /etc/fstab.
root_rw_mount="YES"	# Set to NO to inhibit remounting root read-write.
fsck_y_enable="NO"	# Set to YES to do fsck -y if the initial preen fails.
background_fsck="YES"	# Attempt to run fsck in the background where possible.
netfs_types="nfs:NFS smbfs:SMB" # Net filesystems.
extra_netfs_types="NO"	# List of network extra filesystem types for delayed
			# mount at startup (or NO).

##############################################################
###  Network configuration sub-section  ######################
##############################################################

### Basic network and firewall/security options: ###
hostname=""			# Set this!
hostid_enable="YES"		# Set host UUID.
hostid_file="/etc/hostid"	# File with hostuuid.
nisdomainname="NO"		# Set to NIS domain if using NIS (or NO).
dhclient_program="/sbin/dhclient"	# Path to dhcp client program.
dhclient_flags=""		# Extra flags to pass to dhcp client.
background_dhclient="NO"	# Start dhcp client in the background.
synchronous_dhclient="NO"	# Start dhclient directly on configured
				# interfaces during startup.
defaultroute_delay="30"		# Time to wait for a default route on a DHCP interface.
defaultroute_carrier_delay="5"	# Time to wait for carrier while waiting for a default route.
netif_enable="YES"		# Set to YES to initialize network interfaces
netif_ipexpand_max="2048"	# Maximum number of IP addrs in a range spec.
wpa_supplicant_program="/usr/sbin/wpa_supplicant"
wpa_supplicant_flags="-s"	# Extra flags to pass to wpa_supplicant
wpa_supplicant_conf_file="/etc/wpa_supplicant.conf"
firewall_enable="NO"		# Set to YES to enable firewall functionality
firewall_script="/etc/rc.firewall" # Which script to run to set up the firewall
firewall_type="UNKNOWN"		# Firewall type (see /etc/rc.firewall)
firewall_quiet="NO"		# Set to YES to suppress rule display
pf_enable="NO"			# Set to YES to enable packet filter (pf)
pf_rules="/etc/pf.conf"		# rules definition file for pf
pflog_enable="NO"		# Set to YES to enable packet filter logging
pflog_logfile="/var/log/pflog"	# where pflogd should store the logfile
resolv_enable="YES"		# Enable resolv / resolvconf
syslogd_enable="YES"		# Run syslog daemon (or NO).
syslogd_program="/usr/sbin/syslogd" # path to syslogd, if you want a different one.
syslogd_flags="-s"		# Flags to syslogd (if enabled).
syslogd_oomprotect="YES"	# Don't kill syslogd when swap space is exhausted.
altlog_proglist=""		# List of chrooted applicatioins in /var
inetd_enable="NO"		# Run the network daemon dispatcher (YES/NO).
inetd_program="/usr/sbin/inetd"	# path to inetd, if you want a different one.
inetd_flags="-wW -C 60"		# Optional flags to inetd
iscsid_enable="NO"		# iSCSI initiator daemon.
iscsictl_enable="NO"		# iSCSI initiator autostart.
iscsictl_flags="-Aa"		# Optional flags to iscsictl.
hostapd_enable="NO"		# Run hostap daemon.
hostapd_config="/etc/hostapd.conf"	# Configuration file for hostapd.
#
# Interface configuration, as per network interfaces
#
network_interfaces="auto"	# List of network interfaces (or "auto").
cloned_interfaces=""		# List of cloned network interfaces to create.
#cloned_interfaces="gif0 gif1 gif2 gif3" # Pre-cloning GENERIC config.
ifconfig_lo0="inet 127.0.0.1"	# default loopback device configuration.
#ifconfig_lo0_alias0="inet 127.0.0.254 netmask 0xffffffff" # Sample alias entry.
#ifconfig_em0_ipv6="inet6 2001:db8:1::1 prefixlen 64" # Sample IPv6 addr entry
#ifconfig_em0_alias0="inet6 2001:db8:2::1 prefixlen 64" # Sample IPv6 alias
#ifconfig_em0_name="net0"	# Change interface name from em0 to net0.
#vlans_em0="101 vlan0"		# vlan(4) interfaces for em0 device
#create_args_vlan0="vlan 102"	# vlan tag for vlan0 device
#wlans_ath0="wlan0"		# wlan(4) interfaces for ath0 device
#wlandebug_wlan0="scan+auth+assoc"	# Set debug flags with wlandebug(8)
#ipv4_addrs_em0="192.168.0.1/24 192.168.1.1-5/28" # example IPv4 address entry.
#
#autobridge_interfaces="bridge0" # List of bridges to check
#autobridge_bridge0="tap* vlan0" # Interface glob to automatically add to the bridge

# Settings for the link layer address (lladdr) of an interface.
defaultrouter="NO"		# Set to default gateway (or NO).
static_routes=""		# Set to static route list (or leave empty).
gateway_enable="NO"		# Set to YES if this host will be a gateway.
routing_enable="YES"		# Set to YES to enable routing.
arpproxy_all="NO"		# replaces obsolete kernel option ARP_PROXYALL.
forward_sourceroute="NO"	# do source routing (only if gateway_enable is set to "YES")
accept_sourceroute="NO"		# accept source routed packets to us

### Jail Configuration (see rc.conf(5) manual page): ###
jail_enable="NO"	# Set to NO to disable starting of any jails
jail_conf="/etc/jail.conf"	# Global configuration file for jail(8)
jail_list=""		# Space separated list of names of jails
jail_parallel_start="NO"	# Start jails in the background
jail_reverse_stop="NO"	# Stop jails in reverse order

##############################################################
###  Mail Transfer Agent (MTA) options  ######################
##############################################################

sendmail_enable="NO"	# Run the sendmail inbound daemon (YES/NO).
sendmail_pidfile="/var/run/sendmail.pid"	# sendmail pid file
sendmail_procname="/usr/sbin/sendmail"	# sendmail process name
sendmail_flags="-L sm-mta -bd -q30m" # Flags to sendmail (as a server)
sendmail_cert_create="YES"	# Create a server certificate if none (YES/NO)
sendmail_submit_enable="YES"	# Start a localhost-only MTA for mail submission
sendmail_submit_flags="-L sm-mta -bd -q30m -ODaemonPortOptions=Addr=localhost"
				# Flags for localhost-only MTA
sendmail_outbound_enable="YES"	# Dequeue stuck mail (YES/NO).
sendmail_outbound_flags="-L sm-queue -q30m" # Flags to sendmail (outbound only)
sendmail_msp_queue_enable="YES"	# Dequeue stuck clientmqueue mail (YES/NO).
sendmail_msp_queue_flags="-L sm-msp-queue -Ac -q30m"
				# Flags for sendmail_msp_queue daemon.
sendmail_rebuild_aliases="NO"	# Run newaliases if necessary (YES/NO).

##############################################################
###  Miscellaneous administrative options  ###################
##############################################################

newsyslog_enable="YES"	# Run newsyslog at startup.
newsyslog_flags="-CN"	# Newsyslog flags to create marked files
cron_enable="YES"	# Run the periodic job daemon.
cron_program="/usr/sbin/cron"	# Which cron executable to run (if enabled).
cron_dst="YES"		# Handle DST transitions intelligently (YES/NO)
cron_flags=""		# Which options to pass to the cron daemon.
sshd_enable="NO"	# Enable sshd
sshd_program="/usr/sbin/sshd"	# path to sshd, if you want a different one.
sshd_flags=""		# Additional flags for sshd.
dumpdev="AUTO"		# Device to crashdump to (device name, AUTO, or NO).
dumpdir="/var/crash"	# Directory where crash dumps are to be stored
savecore_enable="YES"	# Extract core from dump devices if any
ntpd_enable="NO"	# Run ntpd Network Time Protocol (or NO).
ntpdate_enable="NO"	# Run ntpdate to sync time on boot (or NO).
update_motd="YES"	# update version info in /etc/motd (or NO)
entropy_boot_file="/boot/entropy"	# Set to NO to disable very early
entropy_file="/entropy"	# Set to NO to disable late (used when going multi-user)

##############################################################
### Define source_rc_confs, the mechanism used by /etc/rc.* ##
### scripts to source rc_conf_files overrides safely.	    ##
##############################################################

if [ -z "\${source_rc_confs_defined}" ]; then
	source_rc_confs_defined="yes"
	source_rc_confs() {
		local i sourced_files
		for i in \${rc_conf_files}; do
			case \${sourced_files} in
			*:$i:*)
				;;
			*)
				sourced_files="\${sourced_files}:$i:"
				if [ -r $i ]; then
					. $i
				fi
				;;
			esac
		done
	}
fi
`;

export function hostRcConf(o: { hostname: string; iface: string; address: string; prefixLen: number; gateway: string }): string {
  return `hostname="${o.hostname}"
ifconfig_${o.iface}="inet ${o.address}/${o.prefixLen}"
defaultrouter="${o.gateway}"
sshd_enable="YES"
inetd_enable="YES"
sendmail_enable="NONE"
postfix_enable="YES"
# Set dumpdev to "AUTO" to enable crash dumps, "NO" to disable
dumpdev="AUTO"
`;
}

export const SSHD_CONFIG = `#	$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# This sshd was compiled with PATH=/usr/bin:/bin:/usr/sbin:/sbin

# The strategy used for options in the default sshd_config shipped with
# OpenSSH is to specify options with their default value where
# possible, but leave them commented.  Uncommented options override the
# default value.

# Note that some of FreeBSD's defaults differ from OpenBSD's, and
# FreeBSD has a few additional options.

#Port 22
#AddressFamily any
#ListenAddress 0.0.0.0
#ListenAddress ::

#HostKey /etc/ssh/ssh_host_rsa_key
#HostKey /etc/ssh/ssh_host_ecdsa_key
#HostKey /etc/ssh/ssh_host_ed25519_key

# Ciphers and keying
#RekeyLimit default none

# Logging
#SyslogFacility AUTH
#LogLevel INFO

# Authentication:

#LoginGraceTime 2m
#PermitRootLogin no
#StrictModes yes
#MaxAuthTries 6
#MaxSessions 10

#PubkeyAuthentication yes

# The default is to check both .ssh/authorized_keys and .ssh/authorized_keys2
# but this is overridden so installations will only check .ssh/authorized_keys
AuthorizedKeysFile	.ssh/authorized_keys

#AuthorizedPrincipalsFile none

#AuthorizedKeysCommand none
#AuthorizedKeysCommandUser nobody

# For this to work you will also need host keys in /etc/ssh/ssh_known_hosts
#HostbasedAuthentication no
# Change to yes if you don't trust ~/.ssh/known_hosts for
# HostbasedAuthentication
#IgnoreUserKnownHosts no
# Don't read the user's ~/.rhosts and ~/.shosts files
#IgnoreRhosts yes

# Change to yes to enable built-in password authentication.
# Note that passwords may also be accepted via KbdInteractiveAuthentication.
#PasswordAuthentication no
#PermitEmptyPasswords no

# Change to no to disable PAM authentication
#KbdInteractiveAuthentication yes

# Kerberos options
#KerberosAuthentication no
#KerberosOrLocalPasswd yes
#KerberosTicketCleanup yes
#KerberosGetAFSToken no

# GSSAPI options
#GSSAPIAuthentication no
#GSSAPICleanupCredentials yes

# Set this to 'no' to disable PAM authentication, account processing,
# and session processing. If this is enabled, PAM authentication will
# be allowed through the KbdInteractiveAuthentication and
# PasswordAuthentication.  Depending on your PAM configuration,
# PAM authentication via KbdInteractiveAuthentication may bypass
# the setting of "PermitRootLogin prohibit-password".
# If you just want the PAM account and session checks to run without
# PAM authentication, then enable this but set PasswordAuthentication
# and KbdInteractiveAuthentication to 'no'.
#UsePAM yes

#AllowAgentForwarding yes
#AllowTcpForwarding yes
#GatewayPorts no
#X11Forwarding no
#X11DisplayOffset 10
#X11UseLocalhost yes
#PermitTTY yes
#PrintMotd yes
#PrintLastLog yes
#TCPKeepAlive yes
#PermitUserEnvironment no
#Compression delayed
#ClientAliveInterval 0
#ClientAliveCountMax 3
#UseDNS yes
#PidFile /var/run/sshd.pid
#MaxStartups 10:30:100
#PermitTunnel no
#ChrootDirectory none
#UseBlacklist no
#VersionAddendum FreeBSD-20240806

# no default banner path
#Banner none

# override default of no subsystems
Subsystem	sftp	/usr/libexec/sftp-server

# Example of overriding settings on a per-user basis
#Match User anoncvs
#	X11Forwarding no
#	AllowTcpForwarding no
#	PermitTTY no
#	ForceCommand cvs server
`;

export const INETD_CONF = `#
# Internet server configuration database
#
# Define *both* IPv4 and IPv6 entries for dual-stack support.
# To disable a service, comment it out by prefixing the line with '#'.
# To enable a service, remove the '#' at the beginning of the line.
#
ftp	stream	tcp	nowait	root	/usr/libexec/ftpd	ftpd -l
#ftp	stream	tcp6	nowait	root	/usr/libexec/ftpd	ftpd -l
#ssh	stream	tcp	nowait	root	/usr/sbin/sshd		sshd -i -4
#ssh	stream	tcp6	nowait	root	/usr/sbin/sshd		sshd -i -6
#telnet	stream	tcp	nowait	root	/usr/libexec/telnetd	telnetd
#telnet	stream	tcp6	nowait	root	/usr/libexec/telnetd	telnetd
#pop3	stream	tcp	nowait	root	/usr/local/libexec/popper	popper
#pop3	stream	tcp6	nowait	root	/usr/local/libexec/popper	popper
#imap4	stream	tcp	nowait	root	/usr/local/libexec/imapd	imapd
#imap4	stream	tcp6	nowait	root	/usr/local/libexec/imapd	imapd
#finger	stream	tcp	nowait/3/10 nobody /usr/libexec/fingerd	fingerd -k -s
#finger	stream	tcp6	nowait/3/10 nobody /usr/libexec/fingerd	fingerd -k -s
#ntalk	dgram	udp	wait	tty:tty	/usr/libexec/ntalkd	ntalkd
#tftp	dgram	udp	wait	root	/usr/libexec/tftpd	tftpd -l -s /tftpboot
#tftp	dgram	udp6	wait	root	/usr/libexec/tftpd	tftpd -l -s /tftpboot
#comsat	dgram	udp	wait	tty:tty	/usr/libexec/comsat	comsat
#auth	stream	tcp	nowait	root	internal	auth -E
`;

export const MAIN_CF = `# Global Postfix configuration file. This file lists only a subset
# of all parameters. For the syntax, and for a complete parameter
# list, see the postconf(5) manual page (command: "man 5 postconf").

compatibility_level = 3.9
queue_directory = /var/spool/postfix
command_directory = /usr/local/sbin
daemon_directory = /usr/local/libexec/postfix
data_directory = /var/db/postfix
mail_owner = postfix

# The inet_interfaces parameter specifies the network interface
# addresses that this mail system receives mail on.  By default,
# the software claims all active interfaces on the machine.
#
# Note: you need to stop/start Postfix when this parameter changes.
#
#inet_interfaces = $myhostname
#inet_interfaces = $myhostname, localhost
inet_interfaces = all
inet_protocols = ipv4

unknown_local_recipient_reject_code = 550
mynetworks_style = host
debug_peer_level = 2
sendmail_path = /usr/local/sbin/sendmail
newaliases_path = /usr/local/bin/newaliases
mailq_path = /usr/local/bin/mailq
setgid_group = maildrop
html_directory = /usr/local/share/doc/postfix
manpage_directory = /usr/local/share/man
sample_directory = /usr/local/etc/postfix
readme_directory = /usr/local/share/doc/postfix
meta_directory = /usr/local/libexec/postfix
shlib_directory = no
`;

export const SYSLOG_CONF = `#
#	Spaces ARE valid field separators in this file. However,
#	other *nix-like systems still insist on using tabs as field
#	separators. If you are sharing this file between systems, you
#	may want to use only tabs as field separators here.
#	Consult the syslog.conf(5) manpage.
*.err;kern.warning;auth.notice;mail.crit		/dev/console
*.notice;authpriv.none;kern.debug;lpr.info;mail.crit;news.err	/var/log/messages
security.*					/var/log/security
auth.info;authpriv.info				/var/log/auth.log
mail.info					/var/log/maillog
cron.*						/var/log/cron
!-devd
*.=debug					/var/log/debug.log
*.emerg						*
daemon.info					/var/log/daemon.log
# uncomment this to log all writes to /dev/console to /var/log/console.log
# touch /var/log/console.log and chmod it to mode 600 before it will work
#console.info					/var/log/console.log
# uncomment this to enable logging of all log messages to /var/log/all.log
# touch /var/log/all.log and chmod it to mode 600 before it will work
#*.*						/var/log/all.log
# uncomment this to enable logging to a remote loghost named loghost
#*.*						@loghost
# uncomment these if you're running inn
# news.crit					/var/log/news/news.crit
# news.err					/var/log/news/news.err
# news.notice					/var/log/news/news.notice
# Uncomment this if you wish to see messages produced by devd
# !devd
# *.>=notice					/var/log/devd.log
!*
include						/etc/syslog.d
include						/usr/local/etc/syslog.d
`;

export const SYSCTL_CONF = `#
#  This file is read when going to multi-user and its contents piped thru
#  \`\`sysctl'' to adjust kernel values.  \`\`man 5 sysctl.conf'' for details.
#

# Uncomment this to prevent users from seeing information about processes that
# are being run under another UID.
#security.bsd.see_other_uids=0
`;

/**
 * etc/master.passwd as FreeBSD 14.2 installs it (freebsd-src etc/master.passwd:
 * no $FreeBSD$ tag since 14.0, root's shell /bin/sh since 14.0, root with an
 * empty password), mode 0600.
 */
export const MASTER_PASSWD = `#
root::0:0::0:0:Charlie &:/root:/bin/sh
toor:*:0:0::0:0:Bourne-again Superuser:/root:
daemon:*:1:1::0:0:Owner of many system processes:/root:/usr/sbin/nologin
operator:*:2:5::0:0:System &:/:/usr/sbin/nologin
bin:*:3:7::0:0:Binaries Commands and Source:/:/usr/sbin/nologin
tty:*:4:65533::0:0:Tty Sandbox:/:/usr/sbin/nologin
kmem:*:5:65533::0:0:KMem Sandbox:/:/usr/sbin/nologin
games:*:7:13::0:0:Games pseudo-user:/:/usr/sbin/nologin
news:*:8:8::0:0:News Subsystem:/:/usr/sbin/nologin
man:*:9:9::0:0:Mister Man Pages:/usr/share/man:/usr/sbin/nologin
sshd:*:22:22::0:0:Secure Shell Daemon:/var/empty:/usr/sbin/nologin
smmsp:*:25:25::0:0:Sendmail Submission User:/var/spool/clientmqueue:/usr/sbin/nologin
mailnull:*:26:26::0:0:Sendmail Default User:/var/spool/mqueue:/usr/sbin/nologin
bind:*:53:53::0:0:Bind Sandbox:/:/usr/sbin/nologin
unbound:*:59:59::0:0:Unbound DNS Resolver:/var/unbound:/usr/sbin/nologin
proxy:*:62:62::0:0:Packet Filter pseudo-user:/nonexistent:/usr/sbin/nologin
_pflogd:*:64:64::0:0:pflogd privsep user:/var/empty:/usr/sbin/nologin
_dhcp:*:65:65::0:0:dhcp programs:/var/empty:/usr/sbin/nologin
uucp:*:66:66::0:0:UUCP pseudo-user:/var/spool/uucppublic:/usr/local/libexec/uucp/uucico
pop:*:68:6::0:0:Post Office Owner:/nonexistent:/usr/sbin/nologin
auditdistd:*:78:77::0:0:Auditdistd unprivileged user:/var/empty:/usr/sbin/nologin
www:*:80:80::0:0:World Wide Web Owner:/nonexistent:/usr/sbin/nologin
ntpd:*:123:123::0:0:NTP Daemon:/var/db/ntp:/usr/sbin/nologin
_ypldap:*:160:160::0:0:YP LDAP unprivileged user:/var/empty:/usr/sbin/nologin
hast:*:845:845::0:0:HAST unprivileged user:/var/empty:/usr/sbin/nologin
tests:*:977:977::0:0:Unprivileged user for tests:/nonexistent:/usr/sbin/nologin
nobody:*:65534:65534::0:0:Unprivileged user:/nonexistent:/usr/sbin/nologin
`;

/** etc/passwd as pwd_mkdb -p writes it from MASTER_PASSWD: comments kept, v7 lines, every password "*". */
export const PASSWD = `#
root:*:0:0:Charlie &:/root:/bin/sh
toor:*:0:0:Bourne-again Superuser:/root:
daemon:*:1:1:Owner of many system processes:/root:/usr/sbin/nologin
operator:*:2:5:System &:/:/usr/sbin/nologin
bin:*:3:7:Binaries Commands and Source:/:/usr/sbin/nologin
tty:*:4:65533:Tty Sandbox:/:/usr/sbin/nologin
kmem:*:5:65533:KMem Sandbox:/:/usr/sbin/nologin
games:*:7:13:Games pseudo-user:/:/usr/sbin/nologin
news:*:8:8:News Subsystem:/:/usr/sbin/nologin
man:*:9:9:Mister Man Pages:/usr/share/man:/usr/sbin/nologin
sshd:*:22:22:Secure Shell Daemon:/var/empty:/usr/sbin/nologin
smmsp:*:25:25:Sendmail Submission User:/var/spool/clientmqueue:/usr/sbin/nologin
mailnull:*:26:26:Sendmail Default User:/var/spool/mqueue:/usr/sbin/nologin
bind:*:53:53:Bind Sandbox:/:/usr/sbin/nologin
unbound:*:59:59:Unbound DNS Resolver:/var/unbound:/usr/sbin/nologin
proxy:*:62:62:Packet Filter pseudo-user:/nonexistent:/usr/sbin/nologin
_pflogd:*:64:64:pflogd privsep user:/var/empty:/usr/sbin/nologin
_dhcp:*:65:65:dhcp programs:/var/empty:/usr/sbin/nologin
uucp:*:66:66:UUCP pseudo-user:/var/spool/uucppublic:/usr/local/libexec/uucp/uucico
pop:*:68:6:Post Office Owner:/nonexistent:/usr/sbin/nologin
auditdistd:*:78:77:Auditdistd unprivileged user:/var/empty:/usr/sbin/nologin
www:*:80:80:World Wide Web Owner:/nonexistent:/usr/sbin/nologin
ntpd:*:123:123:NTP Daemon:/var/db/ntp:/usr/sbin/nologin
_ypldap:*:160:160:YP LDAP unprivileged user:/var/empty:/usr/sbin/nologin
hast:*:845:845:HAST unprivileged user:/var/empty:/usr/sbin/nologin
tests:*:977:977:Unprivileged user for tests:/nonexistent:/usr/sbin/nologin
nobody:*:65534:65534:Unprivileged user:/nonexistent:/usr/sbin/nologin
`;

/** FreeBSD 14's etc/group (no $FreeBSD$ tag since 14.0; realtime and idletime since 13.1, mac_priority(4)). */
export const GROUP = `#
wheel:*:0:root
daemon:*:1:
kmem:*:2:
sys:*:3:
tty:*:4:
operator:*:5:root
mail:*:6:
bin:*:7:
news:*:8:
man:*:9:
games:*:13:
ftp:*:14:
staff:*:20:
sshd:*:22:
smmsp:*:25:
mailnull:*:26:
guest:*:31:
video:*:44:
realtime:*:47:
idletime:*:48:
bind:*:53:
unbound:*:59:
proxy:*:62:
authpf:*:63:
_pflogd:*:64:
_dhcp:*:65:
uucp:*:66:
dialer:*:68:
network:*:69:
audit:*:77:
www:*:80:
ntpd:*:123:
_ypldap:*:160:
hast:*:845:
tests:*:977:
nogroup:*:65533:
nobody:*:65534:
`;

export function hostsFile(hostname: string, address: string): string {
  const short = hostname.split('.')[0];
  return `# $FreeBSD$
#
# Host Database
#
# This file should contain the addresses and aliases for local hosts that
# share this file.  Replace 'my.domain' below with the domainname of your
# machine.
#
# In the presence of the domain name service or NIS, this file may
# not be consulted at all; see /etc/host.conf for the resolution order.
#
#
::1			localhost localhost.my.domain
127.0.0.1		localhost localhost.my.domain
${address}		${hostname}${short !== hostname ? ` ${short}` : ''}
`;
}

export const SERVICES = `ftp-data	 20/tcp	   #File Transfer [Default Data]
ftp		 21/tcp	   #File Transfer [Control]
ssh		 22/tcp	   #Secure Shell Login
telnet		 23/tcp
smtp		 25/tcp	   mail		#Simple Mail Transfer
domain		 53/tcp	   #Domain Name Server
domain		 53/udp	   #Domain Name Server
tftp		 69/udp	   #Trivial File Transfer
finger		 79/tcp
http		 80/tcp	   www www-http	#World Wide Web HTTP
pop3		110/tcp	   #Post Office Protocol - Version 3
auth		113/tcp	   ident tap	#Authentication Service
ntp		123/udp	   #Network Time Protocol
imap		143/tcp	   imap2 imap4	#Interim Mail Access Protocol v2
comsat		512/udp	   biff
syslog		514/udp
ntalk		518/udp
submission	587/tcp
`;

