import type { SimCommand } from '../../types.js';

/** FreeBSD-specific commands (sysrc, service, sockstat, sysctl, ifconfig, ...). */
export const freebsdCommands: Record<string, SimCommand> = {};
