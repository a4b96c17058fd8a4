/** One timed run of one tool on the lab, and what it did per host. */
export interface ToolRun {
  wallMs: number;
  maxRssKb: number;
  /** Controller CPU (user + system) as time -v reports it, children included. */
  cpuS: number;
  exitCode: number;
  hosts: number;
  changedHosts: number;
  failedHosts: number;
  /** Exec channels per host (mean); undefined when the tool does not say. */
  channelsPerHost?: number;
  /** jailfleet: ms from spawn to its first event (node start-up, loading code and inputs). */
  startupMs?: number;
  /** First lines of output when something went wrong. */
  problem?: string;
}

export function problemText(code: number, failed: number, stdout: string, stderr: string): string | undefined {
  if (code === 0 && failed === 0) return undefined;
  const tail = (s: string): string => s.trim().split('\n').slice(-15).join('\n');
  return `exit ${code}, ${failed} host(s) failed\n${tail(stderr)}\n${tail(stdout)}`.trim();
}
