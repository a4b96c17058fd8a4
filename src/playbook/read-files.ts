/**
 * Files a playbook brings in (import_tasks, import_playbook, a role's
 * main.yml): found relative to the file that names them, parsed with their
 * own positions, and checked for import cycles.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isMap, isSeq } from 'yaml';
import { InputError, type SourcePos } from '../errors.js';
import { nodePos, parseYaml, toJs, yamlTypeName } from '../inventory/yaml-source.js';
import type { ReadContext } from './read-context.js';
import { isRecord } from './template-values.js';

/** The file as the importing file names it: relative names are relative to that file. */
export function importedPath(ctx: ReadContext, name: string): string {
  return isAbsolute(name) ? name : join(dirname(ctx.src.file), name);
}

/**
 * Reads and parses `file` into a context of its own that shares the problem
 * list; a missing file, bad YAML or an import cycle is a problem at `at`.
 */
export function openFile(ctx: ReadContext, file: string, at: SourcePos, what: string): ReadContext | undefined {
  const abs = resolve(file);
  const stack = ctx.stack ?? [resolve(ctx.src.file)];
  if (stack.includes(abs)) {
    const top = dirname(stack[0]!);
    const chain = [...stack.slice(stack.indexOf(abs)), abs].map((p) => relative(top, p)).join(' -> ');
    ctx.problems.push(new InputError(`${what} ${file}: import cycle (${chain})`, at));
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (code ?? String(err));
    const looked = file === abs ? '' : ` (looked for ${abs})`;
    ctx.problems.push(new InputError(`${what} ${file}: ${reason}${looked}`, at));
    return undefined;
  }
  try {
    return { ...ctx, src: parseYaml(text, file), stack: [...stack, abs] };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    ctx.problems.push(err);
    return undefined;
  }
}

/** The file's top-level list (an empty file is an empty list). */
export function rootList(ctx: ReadContext, what: string): unknown[] | undefined {
  const root = ctx.src.doc.contents;
  if (root === null) return [];
  if (isSeq(root)) return toJs(ctx.src, root) as unknown[];
  ctx.problems.push(new InputError(`${what} must be a list, got ${yamlTypeName(toJs(ctx.src, root))}`, nodePos(ctx.src, root)));
  return undefined;
}

/** The file's top-level map of variables (an empty file is none). */
export function rootVars(ctx: ReadContext): Record<string, unknown> | undefined {
  const root = ctx.src.doc.contents;
  if (root === null) return {};
  const data = toJs(ctx.src, root);
  if (isMap(root) && isRecord(data)) return data;
  ctx.problems.push(new InputError(`a vars file must be a map of variables, got ${yamlTypeName(data)}`, nodePos(ctx.src, root)));
  return undefined;
}
