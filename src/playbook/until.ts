/**
 * `until:` on a task. jailfleet plans on the controller and applies on the
 * host in one script, so a retried step runs in a shell loop there; the loop
 * can only test the step's success. These spellings (R = a registered name,
 * normally the task's own `register`) are accepted; anything else is an
 * input error:
 *   R is succeeded | R is success | R is successful | R is not failed |
 *   not R.failed | R.failed == false | R.rc == 0
 */
export interface UntilInput {
  until?: string | boolean | Array<string | boolean>;
  register?: string;
}

const successForms = (): RegExp[] => {
  const v = '[A-Za-z_][A-Za-z0-9_]*';
  return [
    new RegExp(`^${v} is (succeeded|success|successful)$`),
    new RegExp(`^${v} is not failed$`),
    new RegExp(`^not ${v}\\.failed$`),
    new RegExp(`^${v}\\.failed == false$`),
    new RegExp(`^${v}\\.rc == 0$`),
  ];
};

/** Why this task's `until` cannot be honoured, or undefined when it can (or is absent). */
export function untilProblem(input: UntilInput): string | undefined {
  if (input.until === undefined) return undefined;
  const conditions = (Array.isArray(input.until) ? input.until : [input.until]).map((c) =>
    String(c).replace(/^\s*\{\{([\s\S]*)\}\}\s*$/, '$1').trim().replace(/\s+/g, ' '),
  );
  const forms = successForms();
  const bad = conditions.find((c) => !forms.some((f) => f.test(c)));
  if (bad === undefined) return undefined;
  const r = input.register ?? 'result';
  return `"${bad}" is not supported: steps are retried on the host, so until can only test success (${r} is succeeded, ${r} is not failed, not ${r}.failed, ${r}.rc == 0)`;
}
