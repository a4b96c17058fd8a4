/**
 * Module hooks for startup-trace.ts: every ES module file Node loads is
 * appended to the file named by JAILFLEET_STARTUP_TRACE. Hooks run on their
 * own thread, so they write the file themselves.
 */
import { appendFileSync } from 'node:fs';

type NextLoad = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: NextLoad): Promise<unknown> {
  const out = process.env.JAILFLEET_STARTUP_TRACE;
  if (out && url.startsWith('file:')) appendFileSync(out, `${url}\n`);
  return next(url, context);
}
