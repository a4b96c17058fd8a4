#!/usr/bin/env node
import { guardOutputStreams, processIo } from './io.js';
import { EXIT } from './exit-codes.js';
import { isVersionOnly, packageVersion } from './version.js';

const args = process.argv.slice(2);
guardOutputStreams();
if (isVersionOnly(args)) {
  // commander and the command table are most of --version's start-up: skip them (issue 17).
  process.stdout.write(`${packageVersion()}\n`);
} else {
  await run(args);
}

async function run(args: string[]): Promise<void> {
  // Ctrl-C: stop starting new work, let running steps finish, print the recap
  // and exit 130. A second Ctrl-C exits at once.
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    process.stderr.write('\ninterrupt: finishing running steps (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { runCli } = await import('./program.js');
  const code = await runCli(args, processIo(controller.signal));
  // Each command decides what an interrupt means (apply: 130; sim serve: a normal stop).
  process.exitCode = code;
}
