#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './program.js';
import { EXIT } from './exit-codes.js';

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

const code = await runCli(process.argv.slice(2), processIo(controller.signal));
// Each command decides what an interrupt means (apply: 130; sim serve: a normal stop).
process.exitCode = code;
