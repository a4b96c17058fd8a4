import { isSeq } from 'yaml';
import { InputError } from '../errors.js';
import { readInput } from '../inventory/load-inventory.js';
import { keyPos, nodeAt, nodePos, parseYaml, pathPos, toJs, yamlTypeName, type YamlSource } from '../inventory/yaml-source.js';
import type { ModuleRegistry } from './module-registry.js';
import { importedPath, openFile, rootList } from './read-files.js';
import { readPlay } from './read-play.js';
import type { ReadContext } from './read-context.js';
import { hasTemplate } from './template.js';
import { isRecord } from './template-values.js';
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
  readPlays(ctx, toJs(src, root) as unknown[], plays);
  return { playbook: { file, plays }, problems: ctx.problems };
}

/** Each play, or the plays of an `- import_playbook: FILE` (relative to the file naming it) spliced in place. */
function readPlays(ctx: ReadContext, data: unknown[], plays: PlayDef[]): void {
  data.forEach((raw, i) => {
    if (!isRecord(raw) || !('import_playbook' in raw)) {
      const play = readPlay(ctx, raw, i);
      if (play) plays.push(play);
      return;
    }
    const name = raw.import_playbook;
    const other = Object.keys(raw).find((k) => k !== 'import_playbook' && k !== 'name');
    if (other !== undefined) {
      ctx.problems.push(new InputError(`play ${i + 1}: unknown key "${other}" beside import_playbook; expected only name`, keyPos(ctx.src, nodeAt(ctx.src, [i]), other)));
      return;
    }
    if (typeof name !== 'string' || name === '' || hasTemplate(name)) {
      ctx.problems.push(new InputError(`play ${i + 1}: import_playbook: expected a file name (not templated)`, pathPos(ctx.src, [i, 'import_playbook'])));
      return;
    }
    const child = openFile(ctx, importedPath(ctx, name), keyPos(ctx.src, nodeAt(ctx.src, [i]), 'import_playbook'), 'import_playbook');
    const list = child && rootList(child, `import_playbook ${child.src.file}: a playbook`);
    if (child && list) readPlays(child, list, plays);
  });
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
