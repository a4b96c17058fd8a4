/**
 * `-e/--extra-vars`, read as Ansible's load_extra_vars reads them: `@FILE`
 * (YAML, so JSON too), text starting with `{` or `[` (YAML/JSON), else
 * `key=value` pairs (values are strings). Each -e is merged over the ones
 * before it, shallowly. A problem is an InputError: nothing is sent.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { nodePos, parseYaml, toJs, yamlTypeName, type YamlSource } from '../inventory/yaml-source.js';
import { KeyValueError, parseKv } from '../playbook/key-value.js';
import { isRecord } from '../playbook/template-values.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseExtraVars(values: readonly string[] | undefined, cwd: string): Record<string, unknown> {
  let vars: Record<string, unknown> = {};
  for (const value of values ?? []) vars = { ...vars, ...oneExtraVars(value, cwd) };
  return vars;
}

function oneExtraVars(value: string, cwd: string): Record<string, unknown> {
  const text = value.trim();
  if (text === '') return {};
  if (text.startsWith('@')) return fromFile(text.slice(1), cwd);
  if (text.startsWith('/') || text.startsWith('.')) throw new InputError(`-e ${show(value)}: a file of variables is given as @${text}`);
  if (text.startsWith('{') || text.startsWith('[')) return fromYaml(() => parseYaml(text, '-e'), `-e ${show(value)}`, true);
  return fromKeyValues(value);
}

function fromKeyValues(value: string): Record<string, unknown> {
  let parsed: ReturnType<typeof parseKv>;
  try {
    parsed = parseKv(value);
  } catch (err) {
    if (err instanceof KeyValueError) throw new InputError(`-e ${show(value)}: ${err.message}`);
    throw err;
  }
  const [stray] = parsed.raw;
  if (stray !== undefined) throw new InputError(`-e ${show(value)}: "${stray}" is not key=value (expected key=value pairs, JSON or @FILE)`);
  return named(parsed.options, `-e ${show(value)}`);
}

function fromFile(name: string, cwd: string): Record<string, unknown> {
  if (name === '') throw new InputError('-e @: expected a file name after @');
  const path = resolve(cwd, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new InputError(`-e @${name}: cannot read ${path}: ${reason}`);
  }
  return fromYaml(() => parseYaml(text, path), path, false);
}

/** `inline`: the text was on the command line, so a position in it means nothing to the reader. */
function fromYaml(parse: () => YamlSource, label: string, inline: boolean): Record<string, unknown> {
  let src: YamlSource;
  let data: unknown;
  try {
    src = parse();
    data = toJs(src, src.doc.contents);
  } catch (err) {
    if (err instanceof InputError && inline) throw new InputError(`${label}: ${err.problem}`);
    if (err instanceof InputError) throw err;
    // yaml's own limits (an alias bomb's "Excessive alias count") are bad input too.
    throw new InputError(`${label}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (data === null) return {};
  if (!isRecord(data)) {
    const problem = `expected a map of variables, got ${yamlTypeName(data)}`;
    if (inline) throw new InputError(`${label}: ${problem}`);
    throw new InputError(problem, nodePos(src, src.doc.contents));
  }
  return named(data, label);
}

function named(vars: Record<string, unknown>, label: string): Record<string, unknown> {
  const bad = Object.keys(vars).find((k) => !NAME.test(k));
  if (bad !== undefined) throw new InputError(`${label}: "${bad}" is not a variable name (letters, digits and _, not starting with a digit)`);
  return vars;
}

/** The value as the user typed it, quoted so spaces show. */
function show(value: string): string {
  return `'${value}'`;
}
