/**
 * network.subr's per-interface work for rc.d/netif: ifn_start (ifconfig_up,
 * ipv4_up) and ifn_stop (ipv4_down, ifconfig_down), run through the
 * simulated /sbin/ifconfig as the script runs it, so errors read as
 * ifconfig's own.
 *
 * Not modelled (the simulated ifconfig has no such state): ifconfig_IF_ipv6
 * and other inet6 configuration, link/ether aliases, ifconfig_IF_descr,
 * WPA/HOSTAP, dhclient for SYNCDHCP, start_if.IF/stop_if.IF, vlans_IF, and
 * the interface's UP flag (`ifconfig IF down` leaves the listing unchanged).
 */
import type { SimCommandContext } from '../types.js';
import { findInterface, vnetOf } from '../commands/freebsd/ifconfig-vnet.js';
import { Output, shQuote } from '../commands/freebsd/output.js';
import type { RcVars } from './rc-conf-parse.js';
import { inetAliasSteps, type AliasAction } from './netif-aliases.js';
import { dhcpIf, ifconfigArgs, ifVar, noAfIf } from './netif-vars.js';

export interface NetifEnv {
  ctx: SimCommandContext;
  vars: RcVars;
  /** $0, for warn(). */
  script: string;
  out: Output;
}

/** ${IFCONFIG_CMD} with words as the script would pass them (already split); `evalText` is eval'd text. */
export function ifconfig(env: NetifEnv, args: string[], evalText = ''): void {
  const line = ['/sbin/ifconfig', ...args.map(shQuote)].join(' ') + (evalText ? ` ${evalText}` : '');
  env.out.add(env.ctx.run(line, { root: env.ctx.root, jail: env.ctx.jail }));
}

export function warn(env: NetifEnv, text: string): void {
  env.out.err(`${env.script}: WARNING: ${text}\n`);
}

/** ifalias IF inet ACTION. */
function inetAliases(env: NetifEnv, ifn: string, action: AliasAction): void {
  for (const step of inetAliasSteps(env.vars, ifn, action)) {
    if ('warn' in step) warn(env, step.warn);
    else ifconfig(env, step.ifconfig);
  }
}

/** ifconfig_up IF: ifconfig_IF as written (eval), then `up` if anything was configured (lo0 always). */
function ifconfigUp(env: NetifEnv, ifn: string): void {
  let configured = ifn === 'lo0';
  const args = ifconfigArgs(env.vars, ifn);
  if (args.length) {
    ifconfig(env, [ifn], args.join(' '));
    configured = true;
  }
  if (configured) ifconfig(env, [ifn, 'up']);
  if (dhcpIf(env.vars, ifn) && !configured) ifconfig(env, [ifn, 'up']);
}

/** ipv4_up IF: lo0 gets 127.0.0.1/8 unless ifconfig_lo0 says otherwise, then the aliases. */
function ipv4Up(env: NetifEnv, ifn: string): void {
  if (ifn === 'lo0' && !ifVar(env.vars, ifn, 'ifconfig_IF')) ifconfig(env, [ifn, 'inet', '127.0.0.1/8', 'alias']);
  inetAliases(env, ifn, 'alias');
}

/**
 * When an address brings a loopback interface up, ifioctl() calls
 * in6_if_up() and in6_ifattach() puts ::1 and fe80::1 back (sys/net/if.c,
 * sys/netinet6/in6_ifattach.c): what ipv6_down took away on stop returns.
 */
function loopbackInet6(env: NetifEnv, ifn: string): void {
  const iface = findInterface(env.ctx.host.state, vnetOf(env.ctx.host.state, env.ctx.jail), ifn);
  if (!iface || !ifn.startsWith('lo') || env.ctx.jail !== undefined || iface.inet.length === 0) return;
  if (!iface.inet6.some((a) => a.addr === '::1')) iface.inet6.push({ addr: '::1', prefixLen: 128 });
  if (!iface.inet6.some((a) => a.addr.startsWith('fe80:'))) iface.inet6.push({ addr: 'fe80::1', prefixLen: 64 });
}

/**
 * ifn_start IF. Always "configured": with inet6 in the kernel, ipv6_up
 * returns 0 for an interface without IPv6 configuration, so netif lists
 * every interface it was given, even one that does not exist.
 */
export function ifnStart(env: NetifEnv, ifn: string): boolean {
  ifconfigUp(env, ifn);
  if (!noAfIf(ifn)) ipv4Up(env, ifn);
  loopbackInet6(env, ifn);
  return true;
}

/**
 * ipv6_down for lo0 (ipv6if is always true for it): every inet6 address is
 * removed (`ifconfig lo0 inet6 ADDR -alias`, done here on the state: the
 * simulated ifconfig has no inet6 support).
 */
function loopbackIpv6Down(env: NetifEnv, ifn: string): void {
  const iface = findInterface(env.ctx.host.state, vnetOf(env.ctx.host.state, env.ctx.jail), ifn);
  if (ifn !== 'lo0' || !iface || env.ctx.jail !== undefined) return;
  iface.inet6 = [];
}

/** ipv4_down IF: the configured aliases `-alias`, then every inet address left (`ifconfig IF | grep 'inet '`) deleted. */
function ipv4Down(env: NetifEnv, ifn: string): void {
  inetAliases(env, ifn, '-alias');
  const iface = findInterface(env.ctx.host.state, vnetOf(env.ctx.host.state, env.ctx.jail), ifn);
  for (const addr of (iface?.inet ?? []).map((a) => a.addr)) ifconfig(env, [ifn, 'inet', addr, 'delete']);
}

/** ifn_stop IF (netif_common has already skipped an interface that does not exist). */
export function ifnStop(env: NetifEnv, ifn: string): boolean {
  if (!noAfIf(ifn)) {
    loopbackIpv6Down(env, ifn);
    ipv4Down(env, ifn);
  }
  ifconfig(env, [ifn, 'down']);
  return true;
}
