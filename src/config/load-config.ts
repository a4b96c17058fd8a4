/**
 * Config via cosmiconfig (module name "jailfleet"), searched from cwd up to
 * the project root (the nearest directory with a package.json); cosmiconfig
 * itself is loaded only when config-candidates.ts sees a file it could find.
 * Relative paths in a config file are resolved against that file's
 * directory, so a config works the same from any working directory;
 * defaults are resolved against cwd.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { ONE_SHOT } from '../one-shot-parse.js';
import { mayHaveConfig } from './config-candidates.js';
import { parseYaml, type YamlPath } from '../inventory/yaml-source.js';
import { describeIssues, problemError } from '../inventory/zod-problems.js';
import { PATH_KEYS, configSchema, type JailfleetConfig } from './config-schema.js';

export type { JailfleetConfig } from './config-schema.js';

const MODULE = 'jailfleet';

export const SEARCH_PLACES = [
  'package.json',
  `.${MODULE}rc`,
  `.${MODULE}rc.json`,
  `.${MODULE}rc.yaml`,
  `.${MODULE}rc.yml`,
  `${MODULE}.config.js`,
  `${MODULE}.config.mjs`,
  `${MODULE}.config.cjs`,
  `${MODULE}.config.json`,
  `${MODULE}.config.yaml`,
  `${MODULE}.config.yml`,
];

export async function loadConfig(cwd: string): Promise<JailfleetConfig> {
  if (!mayHaveConfig(cwd, SEARCH_PLACES, MODULE)) return defaults(cwd);
  // Loaded only when a config may exist: cosmiconfig and its loaders are ~20 ms of start-up (issue 17).
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig(MODULE, { searchPlaces: SEARCH_PLACES, searchStrategy: 'project' });
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    found = await explorer.search(cwd);
  } catch (err) {
    const file = (err as { filepath?: string }).filepath;
    throw new InputError(`cannot load config${file ? ` ${file}` : ''}: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
  if (!found) return defaults(cwd);
  const data = found.isEmpty ? {} : found.config;
  return { ...validateConfig(data, found.filepath), filepath: found.filepath };
}

/** Validates a loaded config object; errors point into the file when it is JSON or YAML. */
export function validateConfig(data: unknown, filepath: string): JailfleetConfig {
  const result = configSchema.safeParse(data ?? {}, ONE_SHOT);
  if (result.success) return resolvePaths(result.data, dirname(filepath));
  const [problem] = describeIssues(result.error.issues, data, configSchema);
  if (!problem) throw new InputError(`${filepath}: invalid config`);
  const src = readableSource(filepath);
  if (src) throw problemError(src, basePath(filepath), problem);
  const where = problem.path.join('.');
  throw new InputError(`${filepath}: ${where ? `${where}: ` : ''}${problem.message}`);
}

function defaults(cwd: string): JailfleetConfig {
  return resolvePaths(configSchema.parse({}, ONE_SHOT), cwd);
}

function resolvePaths(config: JailfleetConfig, dir: string): JailfleetConfig {
  const out = { ...config };
  for (const key of PATH_KEYS) {
    const value = out[key];
    if (value !== undefined) out[key] = resolve(dir, value);
  }
  return out;
}

/** JSON is YAML, so both can be re-read for positions; JS configs have none to give. */
function readableSource(filepath: string): ReturnType<typeof parseYaml> | undefined {
  if (/\.(c|m)?js$/.test(filepath)) return undefined;
  try {
    return parseYaml(readFileSync(filepath, 'utf8'), filepath);
  } catch {
    return undefined;
  }
}

function basePath(filepath: string): YamlPath {
  return basename(filepath) === 'package.json' ? [MODULE] : [];
}
