import { InputError } from '../../src/errors.js';

/** The message of the InputError fn throws; fails the test if it throws anything else or nothing. */
export function inputErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

export const FIXTURES = 'test/fixtures/input';
