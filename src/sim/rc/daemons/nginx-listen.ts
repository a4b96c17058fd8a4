/**
 * The sockets an nginx configuration asks for: every `listen` of every
 * `server { }` in `http { }` (nginx src/http/ngx_http_core_module.c
 * ngx_http_core_listen, src/core/ngx_inet.c ngx_parse_url with listen=1 and
 * default port 80), a server without `listen` on *:80 when nginx runs as
 * root (ngx_http_core_merge_srv_conf), and per family and port only the
 * wildcard socket when there is one: a specific address without `bind`
 * (or an option implying it) is served through it (ngx_http_optimize_servers,
 * ngx_http_init_listening). `mail` and `stream` servers are not modelled.
 */
import { isIPv4, type ListenSpec, type Proto } from '../addresses.js';
import { NginxConfError, type NginxDirective } from './nginx-conf.js';

export interface NginxSocket {
  spec: ListenSpec;
  /** ls->addr_text: what nginx's bind() messages name ("0.0.0.0:80", "[::]:80"). */
  text: string;
}

export interface NginxNames {
  /** An address for a host name, as getaddrinfo would answer; undefined: not found. */
  resolve(name: string): { ip4: string[]; ip6: string[] } | undefined;
}

interface Listen {
  proto: Proto;
  addr: string;
  port: number;
  bind: boolean;
}

/** Options that set lsopt.bind (ngx_http_core_listen). */
const BINDING = /^(bind|deferred|reuseport|backlog=|rcvbuf=|sndbuf=|accept_filter=|ipv6only=|so_keepalive=|setfib=|fastopen=)/;
const OTHER = /^(default_server|default|ssl|http2|quic|proxy_protocol)$/;

function fail(d: NginxDirective, msg: string): never {
  throw new NginxConfError(`${msg} in ${d.file}:${d.line}`);
}

/** ngx_parse_url's port: decimal 1-65535 ("invalid port" otherwise). */
function port(d: NginxDirective, url: string, text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 65535)) fail(d, `invalid port in "${url}" of the "listen" directive`);
  return n;
}

function parseListen(d: NginxDirective, names: NginxNames): Listen[] {
  const url = d.args[0];
  if (url === undefined) fail(d, 'invalid number of arguments in "listen" directive');
  let bind = false;
  let udp = false;
  for (const opt of d.args.slice(1)) {
    if (BINDING.test(opt)) bind = true;
    else if (opt === 'quic') udp = true;
    else if (!OTHER.test(opt)) fail(d, `invalid parameter "${opt}"`);
  }
  if (url.startsWith('unix:')) return []; // a UNIX-domain socket: no inet listener
  const proto = (v6: boolean): Proto => (udp ? (v6 ? 'udp6' : 'udp4') : v6 ? 'tcp6' : 'tcp4');
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(url);
  if (v6) {
    const a = v6[1]!;
    const p = v6[2] === undefined ? 80 : port(d, url, v6[2]);
    return [{ proto: proto(true), addr: a === '::' ? '*' : a, port: p, bind }];
  }
  if (url.startsWith('[')) fail(d, `invalid host in "${url}" of the "listen" directive`);
  const colon = url.indexOf(':');
  if (colon < 0 && /^\d+$/.test(url)) return [{ proto: proto(false), addr: '*', port: port(d, url, url), bind }];
  const host = colon < 0 ? url : url.slice(0, colon);
  const p = colon < 0 ? 80 : port(d, url, url.slice(colon + 1));
  if (host === '') fail(d, `no host in "${url}" of the "listen" directive`);
  if (host === '*' || host === '0.0.0.0') return [{ proto: proto(false), addr: '*', port: p, bind }];
  if (isIPv4(host)) return [{ proto: proto(false), addr: host, port: p, bind }];
  const r = names.resolve(host);
  if (!r || r.ip4.length + r.ip6.length === 0) fail(d, `host not found in "${url}" of the "listen" directive`);
  return [...r.ip4.map((a) => ({ proto: proto(false), addr: a, port: p, bind })), ...r.ip6.map((a) => ({ proto: proto(true), addr: a, port: p, bind }))];
}

function blocks(list: NginxDirective[], name: string): NginxDirective[][] {
  return list.filter((d) => d.name === name && d.block).map((d) => d.block!);
}

/** What `nginx -t` and a start bind, in nginx's order; throws NginxConfError for a bad `listen`. */
export function nginxSockets(conf: NginxDirective[], names: NginxNames): NginxSocket[] {
  const listens: Listen[] = [];
  for (const http of blocks(conf, 'http')) {
    for (const server of blocks(http, 'server')) {
      const own = server.filter((d) => d.name === 'listen');
      if (own.length === 0) listens.push({ proto: 'tcp4', addr: '*', port: 80, bind: false });
      for (const d of own) listens.push(...parseListen(d, names));
    }
  }
  // One port entry per family and port, in the order they first appear.
  const ports = new Map<string, Listen[]>();
  for (const l of listens) {
    const key = `${l.proto}:${l.port}`;
    const list = ports.get(key) ?? [];
    if (!list.some((x) => x.addr === l.addr)) list.push(l);
    else if (l.bind) list.find((x) => x.addr === l.addr)!.bind = true;
    ports.set(key, list);
  }
  const sockets: NginxSocket[] = [];
  for (const list of ports.values()) {
    const wildcard = list.find((l) => l.addr === '*');
    const chosen = wildcard ? [...list.filter((l) => l.bind && l.addr !== '*'), wildcard] : list;
    for (const l of chosen) sockets.push({ spec: { proto: l.proto, addr: l.addr, port: l.port }, text: addrText(l) });
  }
  return sockets;
}

function addrText(l: Listen): string {
  if (l.proto.endsWith('6')) return `[${l.addr === '*' ? '::' : l.addr}]:${l.port}`;
  return `${l.addr === '*' ? '0.0.0.0' : l.addr}:${l.port}`;
}
