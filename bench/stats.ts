/** Small numeric helpers shared by the benchmarks. */
export function median(values: number[]): number {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/** Median of each numeric field across runs (each field on its own). */
export function medianOf<T extends object>(runs: T[]): T {
  const first = runs[0];
  if (!first) throw new Error('no runs');
  const out = { ...first } as Record<string, unknown>;
  for (const [key, value] of Object.entries(first)) {
    if (typeof value === 'number') out[key] = median(runs.map((r) => (r as Record<string, unknown>)[key] as number));
  }
  return out as T;
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

export function mb(kb: number): string {
  return Number.isFinite(kb) ? (kb / 1024).toFixed(0) : '-';
}

export function fmt(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}
