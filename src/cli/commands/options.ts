import { InputError } from '../../errors.js';

export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parsePositiveInt(value: string, flag: string): string {
  if (!/^[1-9]\d*$/.test(value)) throw new InputError(`${flag}: expected a positive whole number, got "${value}"`);
  return value;
}

export function parseNonNegativeInt(value: string, flag: string): string {
  if (!/^\d+$/.test(value)) throw new InputError(`${flag}: expected a whole number of seconds, got "${value}"`);
  return value;
}
