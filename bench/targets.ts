/** A target the benchmarks report against (never assert). */
export interface Target {
  name: string;
  want: string;
  measured: string;
  met: boolean;
}

export function formatTargets(targets: Target[]): string {
  return targets.map((t) => `  [${t.met ? 'met ' : 'MISS'}] ${t.name}: want ${t.want}, measured ${t.measured}`).join('\n');
}
