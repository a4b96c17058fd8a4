/** User and group names from the command's /etc/passwd and /etc/group, with FreeBSD's fixed ids as fallback. */
import type { SimCommandContext } from '../../types.js';
import { hostPath } from './util.js';

const USERS: Record<string, number> = { root: 0, toor: 0, daemon: 1, nobody: 65534 };
const GROUPS: Record<string, number> = { wheel: 0, daemon: 1, nobody: 65534 };

function table(ctx: SimCommandContext, file: string): Array<[string, number]> {
  const node = ctx.host.fs.lstat(hostPath(ctx, file));
  if (node?.kind !== 'file') return [];
  const rows: Array<[string, number]> = [];
  for (const line of node.content.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    const id = Number(f[2]);
    if (f[0] && Number.isInteger(id)) rows.push([f[0], id]);
  }
  return rows;
}

function toId(ctx: SimCommandContext, file: string, fixed: Record<string, number>, name: string): number | undefined {
  if (/^[0-9]+$/.test(name)) return Number(name);
  const row = table(ctx, file).find(([n]) => n === name);
  return row ? row[1] : fixed[name];
}

function toName(ctx: SimCommandContext, file: string, fixed: Record<string, number>, id: number): string {
  const row = table(ctx, file).find(([, i]) => i === id);
  if (row) return row[0];
  const f = Object.entries(fixed).find(([, i]) => i === id);
  return f ? f[0] : String(id);
}

export const userId = (ctx: SimCommandContext, name: string): number | undefined => toId(ctx, '/etc/passwd', USERS, name);
export const groupId = (ctx: SimCommandContext, name: string): number | undefined => toId(ctx, '/etc/group', GROUPS, name);
export const userName = (ctx: SimCommandContext, id: number): string => toName(ctx, '/etc/passwd', USERS, id);
export const groupName = (ctx: SimCommandContext, id: number): string => toName(ctx, '/etc/group', GROUPS, id);
