/**
 * `retries` / `delay` on a task: plans are made once on the controller, so a
 * retry re-runs the step on the host, inside the same apply script, as a
 * POSIX loop. Each failed attempt says so on stderr; the last one's exit code
 * is the step's.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (Ansible: attempts = retries + 1). */
  retries: number;
  delaySeconds: number;
}

export function withRetries(command: string, policy: RetryPolicy): string {
  const attempts = policy.retries + 1;
  const delay = Math.max(0, Math.round(policy.delaySeconds));
  return [
    'jf_try=1',
    'while :; do',
    `( ${command}`,
    ') && break',
    'jf_rc=$?',
    `[ "$jf_try" -ge ${attempts} ] && exit "$jf_rc"`,
    `printf 'jailfleet: attempt %s/%s failed (exit %s), retrying in %ss\\n' "$jf_try" ${attempts} "$jf_rc" ${delay} >&2`,
    'jf_try=$((jf_try + 1))',
    `sleep ${delay}`,
    'done',
  ].join('\n');
}
