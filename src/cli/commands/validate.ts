import type { CliIo } from '../io.js';
import { loadInputs } from '../load-inputs.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export async function validateCommand(playbookFile: string, opts: { inventory?: string; extraVars?: string[] }, io: CliIo): Promise<ExitCode> {
  const { playbook, inventory, warnings } = await loadInputs(playbookFile, opts.inventory, io.cwd, opts);
  for (const w of warnings) io.err(`warning: ${w}\n`);
  const tasks = playbook.plays.reduce((n, p) => n + p.tasks.filter((t) => t.extra.implicit !== true).length + p.handlers.length, 0);
  io.out(`${playbook.file}: OK (${playbook.plays.length} plays, ${tasks} tasks, ${inventory.hosts.size} hosts)\n`);
  return EXIT.ok;
}
