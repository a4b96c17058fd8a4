/** ZFS properties: names, column headers, defaults, inheritance, and the value/source `zfs get` and `zfs list` print. */
import type { SimFs } from '../../fs.js';
import type { SimState } from '../../types.js';
import { findDataset, parentName, type ZfsDataset, type ZfsSnapshot } from './model.js';
import { available, nicenum, referenced, snapshotReferenced, snapshotUsed, used } from './sizes.js';
import { effectiveMountpoint } from './tree.js';

interface PropInfo {
  column: string;
  /** Computed by the system: `zfs set` refuses, source prints "-". */
  readonly?: boolean;
  inherit?: boolean;
  default?: string;
  /** Numbers right-justify in `zfs list` (zfs_prop_align_right). */
  right?: boolean;
  values?: string[];
}

export const PROPS: Record<string, PropInfo> = {
  name: { column: 'NAME', readonly: true },
  type: { column: 'TYPE', readonly: true },
  creation: { column: 'CREATION', readonly: true },
  used: { column: 'USED', readonly: true, right: true },
  available: { column: 'AVAIL', readonly: true, right: true },
  referenced: { column: 'REFER', readonly: true, right: true },
  compressratio: { column: 'RATIO', readonly: true, right: true },
  mounted: { column: 'MOUNTED', readonly: true },
  origin: { column: 'ORIGIN', readonly: true },
  guid: { column: 'GUID', readonly: true, right: true },
  createtxg: { column: 'CREATETXG', readonly: true, right: true },
  receive_resume_token: { column: 'RESUMETOK', readonly: true },
  quota: { column: 'QUOTA', default: '0', right: true },
  refquota: { column: 'REFQUOTA', default: '0', right: true },
  reservation: { column: 'RESERV', default: '0', right: true },
  refreservation: { column: 'REFRESERV', default: '0', right: true },
  recordsize: { column: 'RECSIZE', inherit: true, default: '131072', right: true },
  mountpoint: { column: 'MOUNTPOINT', inherit: true },
  compression: { column: 'COMPRESS', inherit: true, default: 'off', values: ['on', 'off', 'lz4', 'gzip', 'zstd', 'zle', 'lzjb'] },
  atime: { column: 'ATIME', inherit: true, default: 'on', values: ['on', 'off'] },
  canmount: { column: 'CANMOUNT', default: 'on', values: ['on', 'off', 'noauto'] },
  readonly: { column: 'RDONLY', inherit: true, default: 'off', values: ['on', 'off'] },
  exec: { column: 'EXEC', inherit: true, default: 'on', values: ['on', 'off'] },
  setuid: { column: 'SETUID', inherit: true, default: 'on', values: ['on', 'off'] },
  jailed: { column: 'JAILED', inherit: true, default: 'off', values: ['on', 'off'] },
};

const ALIASES: Record<string, string> = {
  avail: 'available',
  refer: 'referenced',
  ratio: 'compressratio',
  compress: 'compression',
  recsize: 'recordsize',
  rdonly: 'readonly',
  reserv: 'reservation',
  refreserv: 'refreservation',
};

/** Canonical property name, or undefined for an unknown one (user properties contain ':'). */
export function canonicalProp(name: string): string | undefined {
  if (name.includes(':')) return name;
  const n = ALIASES[name] ?? name;
  return PROPS[n] ? n : undefined;
}

export function columnHeader(prop: string): string {
  return PROPS[prop]?.column ?? prop;
}

export function alignRight(prop: string): boolean {
  return PROPS[prop]?.right === true;
}

/** Every native property `zfs get all` shows, in its order. */
export const ALL_PROPS = Object.keys(PROPS).filter((p) => p !== 'name');

/**
 * The user properties `zfs get all` adds after the native ones
 * (zfs_expand_proplist: those the dataset has, set, received or inherited).
 */
export function userProps(state: SimState, ds: ZfsDataset): string[] {
  const names = new Set<string>();
  for (let name: string | undefined = ds.name; name !== undefined; name = parentName(name)) {
    const d = findDataset(state, name);
    for (const k of [...Object.keys(d?.properties ?? {}), ...Object.keys(d?.received ?? {})]) if (k.includes(':')) names.add(k);
  }
  return [...names].sort();
}

export interface PropValue {
  value: string;
  source: string;
}

function inherited(state: SimState, ds: ZfsDataset, prop: string): PropValue {
  const own = ds.properties[prop];
  if (own !== undefined) return { value: own, source: 'local' };
  const got = ds.received?.[prop];
  if (got !== undefined) return { value: got, source: 'received' };
  const info = PROPS[prop];
  if (info?.inherit || prop.includes(':')) {
    for (let p = parentName(ds.name); p; p = parentName(p)) {
      const anc = findDataset(state, p);
      const v = anc?.properties[prop] ?? anc?.received?.[prop];
      if (v !== undefined) return { value: v, source: `inherited from ${p}` };
    }
  }
  if (prop.includes(':')) return { value: '-', source: '-' };
  return { value: info?.default ?? '-', source: 'default' };
}

function size(n: number, parsable: boolean): string {
  return parsable ? String(n) : nicenum(n);
}

/** strftime "%a %b %e %H:%M %Y" in UTC (the simulated host's time zone). */
export function creationText(seconds: number): string {
  const d = new Date(seconds * 1000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${d.getUTCFullYear()}`;
}

export interface PropContext {
  state: SimState;
  fs: SimFs;
  parsable: boolean;
}

export function datasetProp(c: PropContext, ds: ZfsDataset, prop: string): PropValue {
  const ro = (value: string): PropValue => ({ value, source: '-' });
  switch (prop) {
    case 'name':
      return ro(ds.name);
    case 'type':
      return ro('filesystem');
    case 'creation':
      return ro(c.parsable ? String(ds.creation ?? 0) : creationText(ds.creation ?? 0));
    case 'used':
      return ro(size(used(c.state, c.fs, ds), c.parsable));
    case 'available':
      return ro(size(available(c.state, c.fs, ds), c.parsable));
    case 'referenced':
      return ro(size(referenced(c.state, c.fs, ds), c.parsable));
    case 'compressratio':
      return ro(c.parsable ? '1.00' : '1.00x');
    case 'mounted':
      return ro(ds.mounted ? 'yes' : 'no');
    case 'origin':
      return ro('-');
    case 'guid':
      return ro(ds.guid ?? '0');
    case 'createtxg':
      return ro(String(ds.createtxg ?? 1));
    case 'receive_resume_token':
      return ro(ds.partial ? resumeTokenOf(ds) : '-');
    case 'mountpoint': {
      const v = inherited(c.state, ds, prop);
      return { value: effectiveMountpoint(c.state, ds), source: v.source };
    }
    case 'quota':
    case 'refquota':
    case 'reservation':
    case 'refreservation': {
      // zfs_prop_get(): 0 is "none" unless literal (-p); other values nicely or as bytes.
      const v = inherited(c.state, ds, prop);
      const n = Number(v.value);
      return { ...v, value: n === 0 ? (c.parsable ? '0' : 'none') : c.parsable ? v.value : nicenum(n) };
    }
    case 'recordsize': {
      const v = inherited(c.state, ds, prop);
      return c.parsable ? v : { ...v, value: nicenum(Number(v.value)) };
    }
    default:
      return inherited(c.state, ds, prop);
  }
}

export function snapshotProp(c: PropContext, ds: ZfsDataset, snap: ZfsSnapshot, prop: string): PropValue {
  const ro = (value: string): PropValue => ({ value, source: '-' });
  switch (prop) {
    case 'name':
      return ro(`${ds.name}@${snap.name}`);
    case 'type':
      return ro('snapshot');
    case 'creation':
      return ro(c.parsable ? String(snap.creation ?? 0) : creationText(snap.creation ?? 0));
    case 'used':
      return ro(size(snapshotUsed(c.state, c.fs, ds, snap), c.parsable));
    case 'referenced':
      return ro(size(snapshotReferenced(snap), c.parsable));
    case 'guid':
      return ro(snap.guid);
    case 'createtxg':
      return ro(String(snap.createtxg));
    case 'compressratio':
      return ro(c.parsable ? '1.00' : '1.00x');
    case 'available':
    case 'mountpoint':
    case 'mounted':
    case 'quota':
    case 'canmount':
    case 'receive_resume_token':
    case 'origin':
      return ro('-');
    default: {
      const v = datasetProp(c, ds, prop);
      return { value: v.value, source: prop.includes(':') ? v.source : '-' };
    }
  }
}

/** The receive_resume_token text: "1-" then hex, as real tokens look (their content here is JSON). */
export function resumeTokenOf(ds: ZfsDataset): string {
  const p = ds.partial!;
  const body = Buffer.from(JSON.stringify({ toname: p.snapshot, toguid: p.toguid, fromguid: p.fromguid ?? null, offset: p.entries.length })).toString('hex');
  return `1-${(body.length / 2).toString(16)}-${body}`;
}

export interface ResumeToken {
  toname: string;
  toguid: string;
  fromguid: string | null;
  offset: number;
}

export function parseResumeToken(token: string): ResumeToken | undefined {
  const m = /^1-[0-9a-f]+-([0-9a-f]+)$/.exec(token);
  if (!m) return undefined;
  try {
    return JSON.parse(Buffer.from(m[1]!, 'hex').toString('utf8')) as ResumeToken;
  } catch {
    return undefined;
  }
}
