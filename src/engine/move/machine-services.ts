/**
 * Which of an old machine's rc.conf settings carry over into the jail it
 * becomes (issue 13, machine → jail): the variables of every enabled
 * service (`S_enable` is YES; then every `S_*`), except services that make
 * no sense in a jail, which drives no hardware, clock, pool, firewall,
 * routing table or jails of its own. Host-wide variables that belong to no
 * service (`hostname`, `ifconfig_*`, `defaultrouter`, `kld_list`, …) never
 * carry: the jail has its own hostname and gets its address from jail.conf.
 */

/** Services a (non-VNET) jail cannot or need not run. */
export const HOST_ONLY_SERVICES = new Set([
  'ntpd', 'ntpdate', 'powerd', 'powerdxx', 'zfs', 'zfsd', 'zfskeys', 'jail', 'moused', 'devd', 'devmatch', 'pf', 'pflog',
  'pfsync', 'ipfw', 'ipfilter', 'ipmon', 'ipnat', 'firewall', 'gateway', 'ipv6_gateway', 'linux', 'growfs', 'dumpdev',
  'kld', 'syscons', 'microcode_update', 'smartd', 'geli', 'gptboot', 'hostapd', 'wpa_supplicant', 'dhclient', 'routed',
  'route6d', 'rtsold', 'rtadvd', 'bsnmpd', 'vm', 'bhyve', 'iocage', 'bastille', 'cloned_interfaces', 'ifconfig',
  'background_dhclient', 'zpool', 'virtual_oss', 'sdpd', 'bluetooth', 'hcsecd', 'webcamd', 'cupsd', 'dbus', 'hald',
  'accounting', 'savecore', 'local_unbound', 'resolv',
]);

const ENABLED = /^(yes|true|on|1)$/i;

export interface CarriedServices {
  /** The enabled services that carry, in rc.conf order. */
  services: string[];
  /** Enabled services left on the host, with why. */
  dropped: string[];
  /** The jail's rc.conf variables. */
  vars: Record<string, string>;
}

/** From `sysrc -a` (name: value per line, rc.conf order), what the jail's rc.conf gets. */
export function carriedServices(rc: Array<[string, string]>): CarriedServices {
  const services: string[] = [];
  const dropped: string[] = [];
  for (const [name, value] of rc) {
    const m = /^([A-Za-z0-9_]+)_enable$/.exec(name);
    if (!m || !ENABLED.test(value)) continue;
    (HOST_ONLY_SERVICES.has(m[1]!) ? dropped : services).push(m[1]!);
  }
  const vars: Record<string, string> = {};
  for (const [name, value] of rc) {
    // The longest service name that prefixes the variable owns it (nginx_flags is nginx's, not ngin's).
    const owner = services.filter((s) => name.startsWith(`${s}_`)).sort((a, b) => b.length - a.length)[0];
    if (owner !== undefined) vars[name] = value;
  }
  return { services, dropped, vars };
}

/** `sysrc -a` output: "name: value" lines (sysrc(8)). */
export function parseSysrcAll(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf(': ');
    if (at > 0) out.push([line.slice(0, at), line.slice(at + 2)]);
    else if (line.endsWith(':') && line.length > 1) out.push([line.slice(0, -1), '']);
  }
  return out;
}

/** The rc.conf variable that configures `addr` on an interface (ifconfig_IF or ifconfig_IF_aliasN), if any. */
export function addressVariable(rc: Array<[string, string]>, addr: string): string | undefined {
  const inet = new RegExp(`(^|\\s)inet\\s+${addr.replace(/\./g, '\\.')}(/|\\s|$)`);
  return rc.find(([name, value]) => /^ifconfig_[A-Za-z0-9_]+$/.test(name) && inet.test(value))?.[0];
}
