/** Small assertions shared by the session tests (simulator in process and over SSH). */
import { expect } from 'vitest';
import { UnreachableError } from '../../src/errors.js';
import type { ExecResult, SessionPrefix } from '../../src/transport/transport.js';

export function isPrefix(got: SessionPrefix | { ended: ExecResult }): got is SessionPrefix {
  return !('ended' in got);
}

/** The UnreachableError `p` rejects with (fails the test when it resolves or rejects otherwise). */
export async function rejection(p: Promise<unknown>): Promise<UnreachableError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnreachableError);
  return err as UnreachableError;
}

/** The UnreachableError a connect rejects with; a connection that opens is closed and fails the test. */
export async function connectRefusal(connecting: Promise<{ close(): Promise<void> }>): Promise<UnreachableError> {
  return rejection(
    connecting.then(async (transport) => {
      await transport.close();
      throw new Error('expected the connection to fail');
    }),
  );
}
