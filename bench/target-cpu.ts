/**
 * CPU used on the target side of the lab: each listener sshd's own time plus
 * the time of every child it reaped (/proc/PID/stat utime, stime, cutime,
 * cstime). OpenSSH waits for its children (connection process, privsep
 * child, session shell and the commands it forks), so once a run's
 * connections are closed the listener's cutime/cstime hold all of it.
 */
import { readFile } from 'node:fs/promises';

/** Linux USER_HZ; `getconf CLK_TCK` is 100 on every mainstream kernel. */
const TICKS_PER_S = 100;

export async function cpuSecondsOf(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    // Fields after "(comm) ": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks / TICKS_PER_S;
}
