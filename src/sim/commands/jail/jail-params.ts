/** The kernel-side parameters of a jail (what jls -n shows), built from a resolved config. */
import { type ConfJail, isBoolParam, isInternalParam, boolParam, positiveName } from '../../jail-conf/index.js';
import type { SimState } from '../../types.js';

/** "14.2-RELEASE" → "1402000" (__FreeBSD_version of the release). */
export function osreldate(release: string): string {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? String(Number(m[1]) * 100000 + Number(m[2]) * 1000) : '0';
}

/** Defaults of a new jail's kernel parameters. INFERRED from `jls -n` on FreeBSD 14. */
function defaults(state: SimState): Record<string, string> {
  return {
    'allow.chflags': 'false',
    'allow.mlock': 'false',
    'allow.mount': 'false',
    'allow.quotas': 'false',
    'allow.raw_sockets': 'false',
    'allow.read_msgbuf': 'false',
    'allow.reserved_ports': 'true',
    'allow.set_hostname': 'true',
    'allow.socket_af': 'false',
    'allow.sysvipc': 'false',
    'children.cur': '0',
    'children.max': '0',
    devfs_ruleset: '0',
    dying: 'false',
    enforce_statfs: '2',
    host: 'new',
    'host.domainname': '',
    'host.hostid': '0',
    'host.hostname': state.hostname,
    ip4: 'disable',
    'ip4.addr': '',
    'ip4.saddrsel': 'true',
    ip6: 'disable',
    'ip6.addr': '',
    osreldate: osreldate(state.release),
    osrelease: state.release,
    parent: '0',
    persist: 'false',
    securelevel: '-1',
    vnet: 'inherit',
  };
}

/**
 * Kernel parameters for a jail created from `cj`; `ip4` is the address list
 * without interfaces and masks, `name` the kernel's name for the jail.
 */
export function kernelParams(state: SimState, cj: ConfJail, jid: number, path: string, ip4: string[], name: string): Record<string, string> {
  const params = defaults(state);
  for (const p of cj.params) {
    if (isInternalParam(p.name)) continue;
    if (isBoolParam(p.name)) {
      params[positiveName(p.name)] = String(boolParam(p));
      continue;
    }
    params[p.name] = p.values.join(',');
  }
  if (cj.params.some((p) => positiveName(p.name) === 'vnet')) {
    const v = cj.params.find((p) => positiveName(p.name) === 'vnet')!;
    const last = v.values[v.values.length - 1];
    params.vnet = last === undefined ? 'new' : last;
  }
  const devfs = cj.params.find((p) => positiveName(p.name) === 'mount.devfs');
  if (boolParam(devfs) && !cj.params.some((p) => p.name === 'devfs_ruleset')) params.devfs_ruleset = '4';
  params.jid = String(jid);
  params.name = name;
  params.path = path;
  params['ip4.addr'] = ip4.join(',');
  if (ip4.length) params.ip4 = 'new';
  return params;
}
