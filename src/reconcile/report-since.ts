/** `--since T`: how far back the report reads. */
import { InputError } from '../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * An age back from now (90m, 24h, 7d, 2w; as `history --since`), or a date or time as
 * Date.parse reads it (2026-05-01, 2026-05-01T12:00Z). A date alone is UTC
 * midnight; a time without a zone is local time.
 */
export function parseSince(text: string, now: number): number {
  const trimmed = text.trim();
  const duration = /^(\d+)\s*([smhdw])$/i.exec(trimmed);
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2]!.toLowerCase()]!;
  const at = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) throw new InputError(`--since: "${text}" is neither a duration (90m, 24h, 7d, 2w) nor a date (2026-05-01, 2026-05-01T12:00Z)`);
  return at;
}
