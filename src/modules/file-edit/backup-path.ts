/**
 * Where `backup: true` keeps the old file. Plans are pure, so the stamp is the
 * run id the engine puts in the task variables (one name per run, shared by
 * all hosts); without it the backup is PATH.bak.
 */
export function backupPath(path: string, vars: Readonly<Record<string, unknown>>): string {
  const runId = vars['jailfleet_run_id'];
  return typeof runId === 'string' && runId !== '' ? `${path}.${runId}~` : `${path}.bak`;
}
