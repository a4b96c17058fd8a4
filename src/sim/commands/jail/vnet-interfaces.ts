/**
 * jail(8)'s IP_VNET_INTERFACE step: after exec.created and before
 * exec.start (jail.c startcommands[]), each `vnet.interface` value is moved
 * in by running `/sbin/ifconfig IF vnet JID` (command.c run_command:
 * argv = _PATH_IFCONFIG, the interface, "vnet", the jid); a failure is
 * reported as "NAME: COMMAND: failed" and fails the creation. There is no
 * stop step: the kernel returns the interfaces when the jail's vnet goes
 * (ifconfig-vnet.ts reclaimVnet).
 */
import { findParam } from '../../jail-conf/index.js';
import type { SimJail } from '../../types.js';
import { warnTask, type JailOpEnv, type JailTask } from './jail-task.js';

export function moveVnetInterfaces(env: JailOpEnv, task: JailTask, jail: SimJail): boolean {
  for (const value of findParam(task.cj, 'vnet.interface')?.values ?? []) {
    for (const iface of value.split(',').map((v) => v.trim()).filter(Boolean)) {
      const line = `/sbin/ifconfig ${iface} vnet ${jail.jid}`;
      const r = env.ctx.run(line, { root: '/', cwd: '/' });
      env.io.take(r);
      if (r.code !== 0) {
        warnTask(env, task, `${line}: failed`);
        return false;
      }
    }
  }
  return true;
}
