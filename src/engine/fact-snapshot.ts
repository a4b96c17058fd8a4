/**
 * What a plan was made against: the raw output of every fact read from the
 * host. The apply script re-reads the same facts under the host lock and
 * compares a digest, so a plan is never applied to a host that changed since
 * its facts were gathered (another run, an operator): check-then-act without
 * an extra round trip.
 */
import { createHash } from 'node:crypto';

interface Reading {
  command: string;
  stdout: string;
  code: number;
}

/** One fact's output as the verify script feeds it to the digest. */
const record = (stdout: string, code: number): string => `${stdout}\n@${code}\n`;

export class FactSnapshot {
  private readonly readings: Reading[] = [];

  add(command: string, stdout: string, code: number): void {
    this.readings.push({ command, stdout, code });
  }

  get size(): number {
    return this.readings.length;
  }

  digest(): string {
    const h = createHash('sha256');
    for (const r of this.readings) h.update(record(r.stdout, r.code));
    return h.digest('hex');
  }

  /**
   * Shell text that re-runs every fact command exactly as the gather script
   * did (subshell, stdin closed; stderr is not part of the digest) and exits
   * 97 after printing the stale marker when the digest differs.
   */
  verifyScript(staleMarker: string): string {
    if (this.readings.length === 0) return '';
    const reads = this.readings.map((r) => `( ${r.command}\n) </dev/null 2>/dev/null; printf '\\n@%s\\n' "$?"`).join('\n');
    return [
      // FreeBSD has sha256(1); Linux targets have sha256sum.
      'jf_sha() { if command -v sha256 >/dev/null 2>&1; then sha256 -q; else sha256sum | cut -c1-64; fi; }',
      `jf_sum=$( {\n${reads}\n} | jf_sha )`,
      `[ "$jf_sum" = ${this.digest()} ] || { printf '%s\\n' ${staleMarker}; exit 97; }`,
    ].join('\n');
  }
}
