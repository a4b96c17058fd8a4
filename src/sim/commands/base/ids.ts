/** User and group names from the command's /etc/passwd and /etc/group, with FreeBSD's fixed ids as fallback. */
import { ContentLru } from '../../../content-lru.js';
import type { SimCommandContext } from '../../types.js';
import { hostPath } from './util.js';

const USERS: Record<string, number> = { root: 0, toor: 0, daemon: 1, nobody: 65534 };
const GROUPS: Record<string, number> = { wheel: 0, daemon: 1, nobody: 65534 };

/** First row for each name and for each id, as a top-down scan of the file finds them. */
interface IdTable {
  idOf: Map<string, number>;
  nameOf: Map<number, string>;
}

const NO_TABLE: IdTable = { idOf: new Map(), nameOf: new Map() };

/**
 * `ls -l` asks for a name per file listed; hosts share the same stock files.
 * Keyed by the file's exact content, so an edit (pw, vipw) is a new key.
 */
const tables = new ContentLru<IdTable>(64);

function parseTable(content: string): IdTable {
  const table: IdTable = { idOf: new Map(), nameOf: new Map() };
  for (const line of content.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    const id = Number(f[2]);
    const name = f[0];
    if (!name || !Number.isInteger(id)) continue;
    if (!table.idOf.has(name)) table.idOf.set(name, id);
    if (!table.nameOf.has(id)) table.nameOf.set(id, name);
  }
  return table;
}

function table(ctx: SimCommandContext, file: string): IdTable {
  const node = ctx.host.fs.lstat(hostPath(ctx, file));
  if (node?.kind !== 'file') return NO_TABLE;
  return tables.get(node.content, parseTable);
}

function toId(ctx: SimCommandContext, file: string, fixed: Record<string, number>, name: string): number | undefined {
  if (/^[0-9]+$/.test(name)) return Number(name);
  return table(ctx, file).idOf.get(name) ?? fixed[name];
}

function toName(ctx: SimCommandContext, file: string, fixed: Record<string, number>, id: number): string {
  const row = table(ctx, file).nameOf.get(id);
  if (row !== undefined) return row;
  const f = Object.entries(fixed).find(([, i]) => i === id);
  return f ? f[0] : String(id);
}

export const userId = (ctx: SimCommandContext, name: string): number | undefined => toId(ctx, '/etc/passwd', USERS, name);
export const groupId = (ctx: SimCommandContext, name: string): number | undefined => toId(ctx, '/etc/group', GROUPS, name);
export const userName = (ctx: SimCommandContext, id: number): string => toName(ctx, '/etc/passwd', USERS, id);
export const groupName = (ctx: SimCommandContext, id: number): string => toName(ctx, '/etc/group', GROUPS, id);
