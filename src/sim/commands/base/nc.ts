/**
 * nc(1), FreeBSD's OpenBSD netcat (contrib/netcat/netcat.c), as a TCP port
 * probe: `nc -z [-v] [-n] [-4|-6] [-w timeout] HOST PORT[-PORT]`.
 *  - main: ret starts at 1 and becomes 0 once any port connects; after each
 *    connect `if (vflag || zflag)` prints
 *    "Connection to %s %s port [%s/%s] succeeded!\n" on stderr (host as
 *    given, the port, "tcp", getservbyport's name or "*"; "*" with -n), so
 *    -z reports an open port even without -v.
 *  - remote_connect: each address getaddrinfo returns is tried in turn; with
 *    -v a failed one warns "connect to %s port %s (%s) failed: <strerror>";
 *    a name that does not resolve is errx(1, "getaddrinfo: %s").
 *  - build_ports: "lo-hi" ranges (swapped if reversed), strtonum(1..65535)
 *    errors "port number %s: %s"; -w is strtonum(0..INT_MAX/1000),
 *    "timeout %s: %s"; usage(1) when the operands are missing.
 * A connect succeeds when some process listens on that TCP address and port
 * (the sockets sockstat shows): a listener on the exact address, or a
 * wildcard one (`*`) of a host daemon (any local address, jail addresses
 * included) or of a jailed daemon (its jail's addresses). Local addresses
 * are the interfaces' and the jails'; an address nobody listens on is
 * refused (ECONNREFUSED). Anything else cannot be reached from the simulated
 * host and times out (ETIMEDOUT). Run inside a jail, a loopback destination
 * is the jail's own first address (sys/netinet/in_jail.c prison_remote_ip4).
 * Not modelled: data transfer (nc without -z), -l, -u, -U, proxies, -s/-p.
 */
import { serviceName as lookupServiceName } from '../../rc/daemons/services-db.js';
import type { SimCommand, SimCommandContext } from '../../types.js';
import { isIPv4, resolveHost } from '../../rc/addresses.js';
import { fail } from './util.js';

// usage() and help() with IPSEC (usr.bin/nc/Makefile builds with -DIPSEC when IPSEC_SUPPORT is on), as in
// the netcat.c the index holds (@039ea81, OpenBSD 1.100 base); FreeBSD 14's newer import may list more options.
const USAGE =
  'usage: nc [-46DdEhklnrStUuvz] [-e policy] [-I length] [-i interval] [-O length]\n' +
  '\t  [-P proxy_username] [-p source_port] [-s source] [-T ToS]\n' +
  '\t  [-V rtable] [-w timeout] [-X proxy_protocol]\n' +
  '\t  [-x proxy_address[:port]] [destination] [port]\n';
/** help(): usage(0), this summary, exit(1). */
const HELP =
  '\tCommand Summary:\n\t\t-4\t\tUse IPv4\n\t\t-6\t\tUse IPv6\n\t\t-D\t\tEnable the debug socket option\n' +
  '\t\t-d\t\tDetach from stdin\n\t\t-E\t\tUse IPsec ESP\n\t\t-e policy\tUse specified IPsec policy\n' +
  '\t\t-h\t\tThis help text\n\t\t-I length\tTCP receive buffer length\n' +
  '\t\t-i secs\t\tDelay interval for lines sent, ports scanned\n\t\t-k\t\tKeep inbound sockets open for multiple connects\n' +
  '\t\t-l\t\tListen mode, for inbound connects\n\t\t-n\t\tSuppress name/port resolutions\n' +
  '\t\t--no-tcpopt\tDisable TCP options\n\t\t-O length\tTCP send buffer length\n' +
  '\t\t-P proxyuser\tUsername for proxy authentication\n\t\t-p port\t\tSpecify local port for remote connects\n' +
  '\t\t-r\t\tRandomize remote ports\n\t\t-S\t\tEnable the TCP MD5 signature option\n\t\t-s addr\t\tLocal source address\n' +
  '\t\t-T ToS\t\tSet IP Type of Service\n\t\t-t\t\tAnswer TELNET negotiation\n\t\t-U\t\tUse UNIX domain socket\n' +
  '\t\t-u\t\tUDP mode\n\t\t-V rtable\tSpecify alternate routing table\n\t\t-v\t\tVerbose\n' +
  '\t\t-w secs\t\tTimeout for connects and final net reads\n\t\t-X proto\tProxy protocol: "4", "5" (SOCKS) or "connect"\n' +
  '\t\t-x addr[:port]\tSpecify proxy address and port\n\t\t-z\t\tZero-I/O mode [used for scanning]\n' +
  '\tPort numbers can be individual or ranges: lo-hi [inclusive]\nSee ipsec_set_policy(3) for -e argument format\n';
const OPTS = '46DdEe:hI:i:jklnoO:P:p:rSs:tT:UuV:vw:X:x:z';
const UNSUPPORTED = 'EeIiklOPpSsTtUuVXx';
const INT_MAX = 2147483647;

/** strtonum(3): the value, or its errstr ("invalid", "too small", "too large"). */
function strtonum(s: string, min: number, max: number): number | string {
  if (!/^[ \t\n\v\f\r]*[+-]?\d+$/.test(s)) return 'invalid';
  const n = Number(s.trim());
  if (n < min) return 'too small';
  if (n > max) return 'too large';
  return n;
}

function buildPorts(spec: string): number[] | string {
  const dash = spec.indexOf('-');
  if (dash < 0) {
    const p = strtonum(spec, 1, 65535);
    return typeof p === 'string' ? `port number ${p}: ${spec}` : [p];
  }
  const loS = spec.slice(0, dash);
  const hiS = spec.slice(dash + 1);
  const hi = strtonum(hiS, 1, 65535);
  if (typeof hi === 'string') return `port number ${hi}: ${hiS}`;
  const lo = strtonum(loS, 1, 65535);
  if (typeof lo === 'string') return `port number ${lo}: ${loS}`;
  const ports: number[] = [];
  for (let p = Math.min(lo, hi); p <= Math.max(lo, hi); p++) ports.push(p);
  return ports;
}

/** getservbyport(3) from the system's /etc/services. */
function serviceName(ctx: SimCommandContext, port: number, proto: string): string | undefined {
  const node = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, '/', '/etc/services'));
  return node?.kind === 'file' ? lookupServiceName(node.content, port, proto) : undefined;
}

interface Addr {
  v6: boolean;
  addr: string;
}

/** getaddrinfo(3) for a TCP client: literals, then /etc/hosts, localhost and the host's own name; IPv6 first. */
function resolve(ctx: SimCommandContext, host: string, numeric: boolean, family: 4 | 6 | undefined): Addr[] | undefined {
  const state = ctx.host.state;
  let found: { ip4: string[]; ip6: string[] } | undefined;
  if (isIPv4(host)) found = { ip4: [host], ip6: [] };
  else if (/^[0-9a-fA-F:]+$/.test(host) && host.includes(':')) found = { ip4: [], ip6: [host.toLowerCase()] };
  else if (!numeric) {
    const hosts = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, '/', '/etc/hosts'));
    const jail = ctx.jail === undefined ? undefined : state.jails.find((j) => j.name === ctx.jail);
    const self = jail ? { hostname: jail.hostname, address: jail.ip4[0] } : { hostname: state.hostname, address: state.interfaces.flatMap((i) => i.inet.map((a) => a.addr)).find((a) => !a.startsWith('127.')) };
    found = resolveHost(hosts?.kind === 'file' ? hosts.content : undefined, host, self.address ? { hostname: self.hostname, address: self.address } : { hostname: self.hostname });
  }
  if (!found) return undefined;
  const out = [...found.ip6.map((addr) => ({ v6: true, addr })), ...found.ip4.map((addr) => ({ v6: false, addr }))];
  const wanted = family === undefined ? out : out.filter((a) => a.v6 === (family === 6));
  return wanted.length ? wanted : undefined;
}

/** Addresses of a jail (ip4 and ip6.addr), as the kernel's prison holds them. */
function jailAddrs(ctx: SimCommandContext, name: string, v6: boolean): string[] {
  const jail = ctx.host.state.jails.find((j) => j.name === name);
  if (!jail) return [];
  if (!v6) return jail.ip4;
  // ip6.addr entries may read "iface|addr/prefixlen" (jail.conf(5)).
  return (jail.params['ip6.addr'] ?? '').split(',').map((s) => s.trim().replace(/^[^|]*\|/, '').replace(/[/\s].*$/, '').toLowerCase()).filter(Boolean);
}

/** connect(2) to a TCP address in the simulated network: 0, or the errno's strerror. */
function connect(ctx: SimCommandContext, dest: Addr, port: number): string | undefined {
  const state = ctx.host.state;
  let addr = dest.addr;
  if (ctx.jail !== undefined && (dest.v6 ? addr === '::1' : addr.startsWith('127.'))) {
    const own = jailAddrs(ctx, ctx.jail, dest.v6);
    if (!own.length) return "Can't assign requested address"; // INFERRED: a jail without that family
    addr = own[0]!;
  }
  const local = new Set<string>();
  for (const i of state.interfaces) for (const a of dest.v6 ? i.inet6 : i.inet) local.add(a.addr.replace(/%.*$/, ''));
  for (const j of state.jails) for (const a of jailAddrs(ctx, j.name, dest.v6)) local.add(a);
  if (!local.has(addr)) return 'Operation timed out';
  const proto = dest.v6 ? 'tcp6' : 'tcp4';
  for (const p of state.processes) {
    for (const l of p.listeners) {
      if (l.proto !== proto || l.port !== port) continue;
      if (l.addr === addr) return undefined;
      if (l.addr === '*' && (p.jail === undefined || jailAddrs(ctx, p.jail, dest.v6).includes(addr))) return undefined;
    }
  }
  return 'Connection refused';
}

export const nc: SimCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  let stderr = '';
  const flags = new Set<string>();
  let family: 4 | 6 | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      if (a === '--no-tcpopt') continue;
      return fail(`${stderr}nc: unrecognized option \`${a}'\n${USAGE}`);
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const at = OPTS.indexOf(c);
      // INFERRED: getopt_long(3) built GNU_COMPATIBLE (see pkg-query.ts).
      if (at < 0 || c === ':') return fail(`${stderr}nc: invalid option -- ${c}\n${USAGE}`);
      let value: string | undefined;
      if (OPTS[at + 1] === ':') {
        value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return fail(`${stderr}nc: option requires an argument -- ${c}\n${USAGE}`);
      }
      if (UNSUPPORTED.includes(c)) return fail(`nc: -${c} is not supported by the simulator\n`);
      if (c === '4') family = 4;
      else if (c === '6') family = 6;
      else if (c === 'h') return fail(`${stderr}${USAGE}${HELP}`);
      else if (c === 'o') stderr += 'option -o is deprecated.\n';
      else if (c === 'w') {
        const t = strtonum(value!, 0, Math.floor(INT_MAX / 1000));
        if (typeof t === 'string') return fail(`${stderr}nc: timeout ${t}: ${value}\n`);
      } else flags.add(c);
      if (value !== undefined) break;
    }
  }
  const [host, uport] = args.slice(i);
  if (host === undefined || uport === undefined) return fail(`${stderr}${USAGE}`);
  if (!flags.has('z')) return fail(`${stderr}nc: data transfer (nc without -z) is not supported by the simulator\n`);
  const ports = buildPorts(uport);
  if (typeof ports === 'string') return fail(`${stderr}nc: ${ports}\n`);
  const verbose = flags.has('v');
  let code = 1;
  for (const port of ports) {
    const addrs = resolve(ctx, host, flags.has('n'), family);
    if (!addrs) return { stdout: '', stderr: `${stderr}nc: getaddrinfo: hostname nor servname provided, or not known\n`, code: 1 };
    let connected = false;
    for (const a of addrs) {
      const error = connect(ctx, a, port);
      if (error === undefined) {
        connected = true;
        break;
      }
      if (verbose) stderr += `nc: connect to ${host} port ${port} (tcp) failed: ${error}\n`;
    }
    if (!connected) continue;
    code = 0;
    const sv = flags.has('n') ? undefined : serviceName(ctx, port, 'tcp');
    stderr += `Connection to ${host} ${port} port [tcp/${sv ?? '*'}] succeeded!\n`;
  }
  return { stdout: '', stderr, code };
};
