/**
 * The rc.conf lookups of libexec/rc/network.subr that rc.d/netif relies on:
 * get_if_var, _ifconfig_getargs / ifconfig_getargs (pseudo-arguments
 * removed), autoif, dhcpif, noafif and list_net_interfaces.
 */
import { interfacesIn } from '../commands/freebsd/ifconfig-vnet.js';
import type { SimState } from '../types.js';
import { words } from './rc-conf.js';
import type { RcVars } from './rc-conf-parse.js';

/** get_if_var: "IF" in `template` becomes the interface name with `.-/+` turned into `_`; `${var-default}`. */
export function ifVar(vars: RcVars, ifn: string, template: string, fallback?: string): string | undefined {
  const name = template.replace('IF', ifn.replace(/[.\-/+]/g, '_'));
  return vars.has(name) ? vars.get(name) : fallback;
}

/** _ifconfig_getargs IF: ifconfig_IF, or $ifconfig_DEFAULT when ifconfig_IF is unset. */
export function rawIfconfigArgs(vars: RcVars, ifn: string): string[] {
  return words(ifVar(vars, ifn, 'ifconfig_IF', vars.get('ifconfig_DEFAULT') ?? ''));
}

const PSEUDO = /^(dhcp|noauto|nosyncdhcp|syncdhcp|wpa|hostap)$/i;

/** ifconfig_getargs IF: without DHCP, NOAUTO, (NO)SYNCDHCP, WPA, HOSTAP, nor `vnet JAIL`. */
export function ifconfigArgs(vars: RcVars, ifn: string): string[] {
  const args: string[] = [];
  let vnet = false;
  for (const arg of rawIfconfigArgs(vars, ifn)) {
    if (vnet) vnet = false;
    else if (arg === 'vnet') vnet = true;
    else if (!PSEUDO.test(arg)) args.push(arg);
  }
  return args;
}

/** autoif: false when ifconfig_IF says NOAUTO. */
function autoIf(vars: RcVars, ifn: string): boolean {
  return !rawIfconfigArgs(vars, ifn).some((a) => /^noauto$/i.test(a));
}

/** noafif: interfaces that never carry addresses (pflog, wireless parents, ...). */
export function noAfIf(ifn: string): boolean {
  return /^(pflog|pfsync|usbus|an|ath|ipw|ipfw|iwi|iwn|ral|wi|wl|wpi)[0-9]/.test(ifn);
}

/** dhcpif: ifconfig_IF has DHCP, SYNCDHCP or NOSYNCDHCP (never lo, stf, lp, sl). */
export function dhcpIf(vars: RcVars, ifn: string): boolean {
  if (/^(lo|stf|lp|sl)[0-9]/.test(ifn) || noAfIf(ifn)) return false;
  return rawIfconfigArgs(vars, ifn).some((a) => /^(dhcp|nosyncdhcp|syncdhcp)$/i.test(a));
}

/**
 * list_net_interfaces (no type): network_interfaces="auto" is `ifconfig -l`
 * minus NOAUTO interfaces with lo0 first; a list is taken as given plus
 * cloned_interfaces (epairN as epairNa epairNb), lo0 prepended if missing.
 */
export function listNetInterfaces(vars: RcVars, state: SimState, vnet?: string): string[] {
  const configured = vars.get('network_interfaces') ?? '';
  if (/^auto$/i.test(configured)) {
    const names = interfacesIn(state, vnet).map((i) => i.name).filter((n) => autoIf(vars, n));
    const rest = names.filter((n) => n !== 'lo0');
    return names.includes('lo0') ? ['lo0', ...rest] : rest;
  }
  const list: string[] = [];
  for (const ifn of [...words(configured), ...words(vars.get('cloned_interfaces'))]) {
    if (/^epair[0-9]/.test(ifn)) list.push(`${ifn}a`, `${ifn}b`);
    else list.push(ifn);
  }
  return list.includes('lo0') ? list : ['lo0', ...list];
}

/**
 * netif_common's "Expand epair[0-9] to epair[0-9][ab]": `${ifn#epair}`
 * starting with a digit and not ending in a or b names an epair pair.
 */
export function expandEpairs(list: string[]): string[] {
  let out = list;
  for (const ifn of list) {
    const rest = ifn.startsWith('epair') ? ifn.slice(5) : ifn;
    if (/^[0-9].*[ab]$/.test(rest) || !/^[0-9]/.test(rest)) continue;
    out = out.flatMap((s) => (s === ifn ? [`${ifn}a`, `${ifn}b`] : [s]));
  }
  return out;
}
