/** The message of the InputError a call throws: the one way the suite asserts bad input (issue 19). */
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

/** inputErrorOf for an async call: the message of the InputError it rejects with. */
export async function inputErrorOfAsync(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
