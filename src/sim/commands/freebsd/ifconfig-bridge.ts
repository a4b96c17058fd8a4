/**
 * if_bridge(4) members: `ifconfig bridgeN addm IF` / `deletem IF`
 * (sbin/ifconfig/ifbridge.c setbridge_add/setbridge_delete:
 * err(1, "BRDGADD %s") / err(1, "BRDGDEL %s"); sys/net/if_bridge.c
 * bridge_ioctl_add: ENOENT for no such interface, EEXIST when it is
 * already a member, EBUSY when it belongs to another bridge, EINVAL to add
 * a bridge to itself; bridge_ioctl_del: ENOENT for a non-member).
 * INFERRED: addm/deletem on an interface that is not a bridge fails with
 * EINVAL (the bridge ioctls are SIOCSDRVSPEC, which other drivers refuse).
 */
import type { SimInterface, SimState } from '../../types.js';
import { findInterface } from './ifconfig-vnet.js';

export function bridgeMember(state: SimState, bridge: SimInterface, word: 'addm' | 'deletem', member: string): string | undefined {
  const op = word === 'addm' ? 'BRDGADD' : 'BRDGDEL';
  const fail = (strerror: string): string => `ifconfig: ${op} ${member}: ${strerror}`;
  if (bridge.cloner !== 'bridge' || !bridge.members) return fail('Invalid argument');
  if (word === 'deletem') {
    if (!bridge.members.includes(member)) return fail('No such file or directory');
    bridge.members = bridge.members.filter((m) => m !== member);
    return undefined;
  }
  const iface = findInterface(state, bridge.vnet, member);
  if (!iface) return fail('No such file or directory');
  if (iface === bridge) return fail('Invalid argument');
  if (bridge.members.includes(member)) return fail('File exists');
  if (state.interfaces.some((b) => b.vnet === bridge.vnet && b.members?.includes(member))) return fail('Device busy');
  bridge.members.push(member);
  return undefined;
}
