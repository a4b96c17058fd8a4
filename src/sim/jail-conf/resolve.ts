/**
 * Per-jail parameter resolution, following load_config() in
 * usr.sbin/jail/config.c: wildcard blocks and top-level defaults apply in file
 * order around the jail's own block (later overrides earlier), then `$var`
 * references are substituted per jail and variables are dropped.
 */
import type { ConfString, RawBlock, RawParam } from './parser.js';
import { equalOpts, isWildName, wildMatch } from './names.js';

export interface ConfParam {
  name: string;
  values: string[];
}

export interface ConfJail {
  name: string;
  params: ConfParam[];
  /** jail_warnx() messages ("www: path: variable \"x\" not found"); the jail fails if any. */
  errors: string[];
}

interface WorkParam {
  name: string;
  isVar: boolean;
  immutable: boolean;
  values: ConfString[];
}

export function resolveJails(blocks: RawBlock[]): ConfJail[] {
  const seqd = blocks.map((b, seq) => ({ ...b, seq }));
  const wild = seqd.filter((b) => isWildName(b.name));
  const out: ConfJail[] = [];
  for (const j of seqd) {
    if (isWildName(j.name)) continue;
    const errors: string[] = [];
    const params: WorkParam[] = [];
    const add = (p: RawParam | WorkParam): void => addParam(j.name, params, errors, p);
    // The jail's name implies its "name" (or "jid" when numeric) parameter.
    // A numeric name also stands as a default, overridable "name", so
    // `${name}` expands to it and `name = x;` may rename the jail
    // (usr.sbin/jail/tests/jail_basic_test.sh, jid_name_set).
    const numeric = /^[1-9][0-9]*$/.test(j.name);
    params.push({ name: numeric ? 'jid' : 'name', isVar: false, immutable: true, values: [{ text: j.name, vars: [] }] });
    if (numeric) params.push({ name: 'name', isVar: false, immutable: false, values: [{ text: j.name, vars: [] }] });
    let didSelf = false;
    for (const w of wild) {
      if (j.seq < w.seq && !didSelf) {
        j.params.forEach(add);
        didSelf = true;
      }
      if (wildMatch(j.name, w.name)) w.params.forEach(add);
    }
    if (!didSelf) j.params.forEach(add);
    const resolved = substitute(j.name, params, errors);
    out.push({ name: j.name, params: resolved, errors });
  }
  return out;
}

function addParam(jail: string, params: WorkParam[], errors: string[], p: RawParam | WorkParam): void {
  const copy = p.values.map((v) => ({ text: v.text, vars: v.vars.map((x) => ({ ...x })) }));
  const append = 'append' in p ? p.append : false;
  const dp = params.find((d) => equalOpts(d.name, p.name));
  if (!dp) {
    params.push({ name: p.name, isVar: p.isVar, immutable: false, values: copy });
    return;
  }
  if (dp.isVar !== p.isVar) {
    errors.push(`${jail}: variable "$${p.name}" cannot have the same name as a parameter.`);
    return;
  }
  if (dp.immutable) {
    errors.push(`${jail}: cannot redefine parameter "${dp.name}".`);
    return;
  }
  dp.name = p.name;
  if (!append || copy.length === 0) dp.values = copy;
  else dp.values.push(...copy);
}

function substitute(jail: string, params: WorkParam[], errors: string[]): ConfParam[] {
  const done = new Map<WorkParam, string[] | undefined>();
  const visiting = new Set<WorkParam>();

  const resolve = (p: WorkParam): string[] | undefined => {
    if (done.has(p)) return done.get(p);
    visiting.add(p);
    const values: string[] = [];
    let bad = false;
    for (const s of p.values) {
      if (!s.vars.length) {
        values.push(s.text);
        continue;
      }
      let text = '';
      let prev = 0;
      let expanded: string[] | undefined;
      for (const v of s.vars) {
        const vp = params.find((x) => x.name === v.name);
        if (!vp || !vp.values.length) {
          errors.push(`${jail}: ${p.name}: variable "${v.name}" not found`);
          bad = true;
          break;
        }
        if (visiting.has(vp)) {
          errors.push(`${jail}: ${v.name}: variable loop`);
          bad = true;
          break;
        }
        const vv = resolve(vp);
        if (!vv) {
          bad = true;
          break;
        }
        if (vv.length > 1) {
          if (s.text !== '' || s.vars.length > 1) {
            errors.push(`${jail}: ${p.name}: array cannot be substituted inline`);
            bad = true;
            break;
          }
          expanded = vv;
          continue;
        }
        text += s.text.slice(prev, v.pos) + (vv[0] ?? '');
        prev = v.pos;
      }
      if (bad) break;
      if (expanded) values.push(...expanded);
      else values.push(text + s.text.slice(prev));
    }
    visiting.delete(p);
    const result = bad ? undefined : values;
    done.set(p, result);
    return result;
  };

  const out: ConfParam[] = [];
  for (const p of params) {
    const values = resolve(p);
    if (p.isVar || !values) continue;
    out.push({ name: p.name, values });
  }
  return out;
}
