import { isSeq } from 'yaml';
import { InputError } from '../errors.js';
import { readInput } from '../inventory/load-inventory.js';
import { nodePos, parseYaml, toJs, yamlTypeName, type YamlSource } from '../inventory/yaml-source.js';
import type { ModuleRegistry } from './module-registry.js';
import { readPlay } from './read-play.js';
import type { ReadContext } from './read-context.js';
import type { PlayDef, Playbook } from './types.js';

export interface PlaybookReading {
  /** Only the plays that had no problem. */
  playbook: Playbook;
  /** Every problem found, in file order of discovery. */
  problems: InputError[];
}

/** Parses a playbook and reports every problem instead of stopping at the first. */
export function readPlaybook(text: string, file: string, modules: ModuleRegistry): PlaybookReading {
  let src: YamlSource;
  try {
    src = parseYaml(text, file);
  } catch (err) {
    if (err instanceof InputError) return { playbook: { file, plays: [] }, problems: [err] };
    throw err;
  }
  const ctx: ReadContext = { src, modules, problems: [] };
  const plays: PlayDef[] = [];
  const root = src.doc.contents;
  if (!isSeq(root)) {
    const got = root === null ? 'nothing' : yamlTypeName(toJs(src, root));
    ctx.problems.push(new InputError(`a playbook must be a list of plays, got ${got}`, nodePos(src, root)));
    return { playbook: { file, plays }, problems: ctx.problems };
  }
  const data = toJs(src, root) as unknown[];
  data.forEach((raw, i) => {
    const play = readPlay(ctx, raw, i);
    if (play) plays.push(play);
  });
  return { playbook: { file, plays }, problems: ctx.problems };
}

/** Parses a playbook; throws the first problem as an InputError at its file:line:col. */
export function parsePlaybook(text: string, file: string, modules: ModuleRegistry): Playbook {
  const { playbook, problems } = readPlaybook(text, file, modules);
  const [first] = problems;
  if (first) throw first;
  return playbook;
}

export function loadPlaybook(file: string, modules: ModuleRegistry): Playbook {
  return parsePlaybook(readInput(file, 'playbook'), file, modules);
}
