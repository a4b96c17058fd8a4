import { InputError, type SourcePos } from '../errors.js';

/**
 * Characters that mean something in a host pattern (union, intersection,
 * exclusion, globs). A host or group whose name holds one could never be
 * selected reliably, so such names are refused where they are written.
 */
const PATTERN_CHARS = /[\s,:!&*?[\]]/;

export function checkName(kind: 'host' | 'group', name: unknown, pos: SourcePos): string {
  if (typeof name !== 'string') {
    const got = name === null ? 'null' : typeof name;
    throw new InputError(`${kind} name must be a string, got ${got} (quote it)`, pos);
  }
  if (name === '') throw new InputError(`${kind} name must not be empty`, pos);
  if (PATTERN_CHARS.test(name)) {
    throw new InputError(
      `${kind} name "${name}" must not contain spaces or any of , : ! & * ? [ ] (they have a meaning in host patterns)`,
      pos,
    );
  }
  return name;
}
