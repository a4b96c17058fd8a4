/**
 * What one host says about one jail, for a move (issue 13): whether it runs
 * (jls), its generated conf file (/etc/jail.conf.d/NAME.conf), the marker
 * of its root tree, and the host's addresses. Read in one exec, plus one for
 * the marker once the root is known.
 */
import { fileFact, type FileFact } from '../../modules/facts/file-fact.js';
import { parseIp4Entry, type Ip4Entry } from '../../modules/jail/args.js';
import { confPath } from '../../modules/jail/conf-render.js';
import { MARKER_FILE } from '../../modules/jail/facts.js';
import { interfacesFact, type HostInterface } from '../../modules/jail/host-net.js';
import { findJail, jlsFact, type RunningJail } from '../../modules/jail/jls-fact.js';
import type { FactSpec } from '../../modules/types.js';
import { buildGatherScript, parseFramedOutput, shCommand } from '../../shell/script.js';
import type { Transport } from '../../transport/transport.js';
import { JailfleetError } from '../../errors.js';

export interface JailSite {
  running: RunningJail | undefined;
  /** Every jail running on the host (`jls`), this one included. */
  jails: RunningJail[];
  /** The conf file's content; undefined when there is none. */
  conf: string | undefined;
  ifaces: HostInterface[];
}

/** A jail as its generated conf file describes it (conf-render.ts). */
export interface JailDescription {
  name: string;
  path: string;
  hostname: string;
  ip4: Ip4Entry[];
  mounts: Array<'devfs' | 'procfs' | 'fdescfs'>;
}

const NONCE = 'move';

/** Read `specs` on a host in one exec; a fact that cannot be read is an error naming the host. */
export async function readFacts<T extends unknown[]>(transport: Transport, specs: { [K in keyof T]: FactSpec<T[K]> }, timeoutMs?: number): Promise<T> {
  const out = await transport.exec(shCommand(buildGatherScript(specs, NONCE)), timeoutMs === undefined ? {} : { timeoutMs });
  const parsed = parseFramedOutput(out.stdout, out.stderr, specs.length, NONCE);
  return specs.map((spec, i) => {
    const result = parsed.results[i];
    if (!result) throw new JailfleetError(`${transport.host}: could not read ${spec.key}: ${out.stderr.trim() || `exit ${out.code}`}`);
    return spec.parse(result);
  }) as T;
}

export async function readSite(transport: Transport, name: string, timeoutMs?: number): Promise<JailSite> {
  const [jails, conf, ifaces] = await readFacts<[RunningJail[], FileFact, HostInterface[]]>(transport, [jlsFact(), fileFact(confPath(name)), interfacesFact()], timeoutMs);
  return { running: findJail(jails, name), jails, conf: conf.kind === 'file' ? conf.content : undefined, ifaces };
}

/** The release the root tree was built from (its marker), or why the tree cannot be moved as a release jail. */
export async function readMarker(transport: Transport, root: string, timeoutMs?: number): Promise<{ release: string } | { problem: string }> {
  const [marker] = await readFacts<[FileFact]>(transport, [fileFact(`${root}/${MARKER_FILE}`)], timeoutMs);
  if (marker.kind !== 'file') return { problem: `${root} has no ${MARKER_FILE}: it was not built by jailfleet from a release` };
  const release = marker.content.trim();
  if (!/^\d+\.\d+-[A-Z0-9-]+$/.test(release)) return { problem: `${root}/${MARKER_FILE} says "${release}", not a release` };
  return { release };
}

/** jail.conf(5) single-quoted strings as confString() writes them: `\\`, `\'` and octal escapes. */
function unquote(text: string): string[] {
  const values: string[] = [];
  const re = /'((?:[^'\\]|\\.)*)'/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    values.push(m[1]!.replace(/\\([0-7]{3}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e, 8)) : e)));
  }
  return values;
}

/**
 * The parameters of a conf file jailfleet generated (conf-render.ts), or
 * why it cannot tell them: a move carries exactly what it understands.
 */
export function describeConf(name: string, conf: string): JailDescription | { problem: string } {
  const params = new Map<string, string[] | true>();
  for (const line of conf.split('\n')) {
    const m = /^\t([a-z][a-z0-9_.]*)(?: = (.*))?;$/.exec(line);
    if (m) params.set(m[1]!, m[2] === undefined ? true : unquote(m[2]));
  }
  const one = (key: string): string | undefined => {
    const v = params.get(key);
    return Array.isArray(v) ? v[0] : undefined;
  };
  const path = one('path');
  if (!path) return { problem: `${confPath(name)} names no path` };
  const known = new Set(['path', 'host.hostname', 'ip4.addr', 'mount.devfs', 'mount.procfs', 'mount.fdescfs', 'exec.start', 'exec.stop', 'exec.clean']);
  const other = [...params.keys()].filter((k) => !known.has(k));
  if (other.length) return { problem: `${confPath(name)} sets ${other.join(', ')}, which a move does not carry yet` };
  const addrs = params.get('ip4.addr');
  const ip4 = (Array.isArray(addrs) ? addrs : []).map((a) => parseIp4Entry(a));
  if (ip4.some((e) => e === undefined)) return { problem: `${confPath(name)} has an ip4.addr entry a move does not understand` };
  const mounts = (['devfs', 'procfs', 'fdescfs'] as const).filter((m) => params.get(`mount.${m}`) === true);
  return { name, path, hostname: one('host.hostname') ?? name, ip4: ip4 as Ip4Entry[], mounts };
}

/** Whether the host holds `addr` on any interface. */
export function holds(site: JailSite, addr: string): boolean {
  return site.ifaces.some((i) => i.inet.some((x) => x.addr === addr));
}
