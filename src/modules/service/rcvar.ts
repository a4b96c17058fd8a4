/**
 * The rc.conf variable that enables a service. Mostly NAME_enable (with '-'
 * and '.' made '_', as port scripts like php-fpm do); base-system scripts
 * whose rcvar differs are listed. `rcvar:` in the task overrides both.
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  nfsd: 'nfs_server_enable',
  nfsclient: 'nfs_client_enable',
  lockd: 'rpc_lockd_enable',
  statd: 'rpc_statd_enable',
  ypserv: 'nis_server_enable',
  ypbind: 'nis_client_enable',
  routed: 'router_enable',
  ipfw: 'firewall_enable',
};

export function rcvarFor(service: string): string {
  return EXCEPTIONS[service] ?? `${service.replace(/[-.]/g, '_')}_enable`;
}

/** rc.subr's checkyesno: YES/TRUE/ON/1 in any case enable; anything else does not. */
export function checkyesno(value: string): boolean {
  return /^(yes|true|on|1)$/i.test(value);
}
