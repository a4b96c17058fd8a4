import type { SimCommandContext } from '../../types.js';
import { bindOne, boundSockets, type BindError, type ListenSpec } from '../addresses.js';

/** Bind each wanted socket in turn; failures are returned, not thrown. */
export function bindAll(
  ctx: SimCommandContext,
  wanted: ListenSpec[],
  exceptPid?: number,
): { listeners: ListenSpec[]; failed: Array<{ want: ListenSpec; error: BindError }> } {
  const taken = boundSockets(ctx.host.state, exceptPid);
  const listeners: ListenSpec[] = [];
  const failed: Array<{ want: ListenSpec; error: BindError }> = [];
  for (const want of wanted) {
    const got = bindOne(ctx.host.state, ctx.jail, want, taken);
    if (typeof got === 'string') {
      failed.push({ want, error: got });
      continue;
    }
    listeners.push(got);
    taken.push(got);
  }
  return { listeners, failed };
}
