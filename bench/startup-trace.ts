/**
 * Preload (`node --import dist-bench/bench/startup-trace.js ...`) that lists
 * every file a process loads, one file: URL a line, in the file named by
 * JAILFLEET_STARTUP_TRACE: ES modules through module hooks, CommonJS ones
 * (a require() inside a CommonJS package never reaches those hooks on
 * Node 20) through Module.prototype.load.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

register(new URL('./startup-hooks.js', import.meta.url));

const out = process.env.JAILFLEET_STARTUP_TRACE;
const cjs = createRequire(import.meta.url)('node:module') as { prototype: { load(this: unknown, filename: string): void } };
const loadCjs = cjs.prototype.load;
cjs.prototype.load = function (this: unknown, filename: string): void {
  if (out) appendFileSync(out, `${pathToFileURL(filename).href}\n`);
  loadCjs.call(this, filename);
};
