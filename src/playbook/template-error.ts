import { InputError, type SourcePos } from '../errors.js';

/**
 * A template or condition could not be parsed or evaluated. Thrown without a
 * position by the pure templating code; callers that know where the text was
 * written attach it with `at`.
 */
export class TemplateError extends InputError {
  constructor(
    problem: string,
    pos?: SourcePos,
    /** For "undefined variable" errors: the lookup that failed ("x" or "x.y"). */
    readonly variable?: string,
  ) {
    super(problem, pos);
  }

  at(pos: SourcePos | undefined, prefix = ''): TemplateError {
    return new TemplateError(prefix + this.problem, pos ?? this.pos, this.variable);
  }
}
