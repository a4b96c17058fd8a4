/**
 * Rolling batches (`serial:`), as Ansible cuts them: a number is a batch
 * size, "30%" a share of the play's hosts (rounded down, at least one), a
 * list gives successive batch sizes whose last value repeats.
 */
export type SerialSpec = Array<number | string>;

function sizeOf(spec: number | string, total: number): number {
  if (typeof spec === 'number') return spec > 0 ? spec : total;
  const pct = Number.parseFloat(spec);
  if (!Number.isFinite(pct) || pct <= 0) return total;
  return Math.max(1, Math.floor((total * pct) / 100));
}

export function splitBatches<T>(hosts: T[], serial: SerialSpec | undefined): T[][] {
  if (hosts.length === 0) return [];
  if (!serial || serial.length === 0) return [hosts];
  const batches: T[][] = [];
  let start = 0;
  for (let k = 0; start < hosts.length; k++) {
    const size = sizeOf(serial[Math.min(k, serial.length - 1)]!, hosts.length);
    batches.push(hosts.slice(start, start + size));
    start += size;
  }
  return batches;
}
