// `npm test`'s first step: typecheck and lint side by side (each is one busy core for ~15 s),
// each one's output printed whole when it ends, failing if either fails.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';

const steps = [
  ['typecheck', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'eslint', ['.']],
];

function run([label, bin, args]) {
  return new Promise((resolve) => {
    const child = spawn(`node_modules/.bin/${bin}`, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    child.on('error', (e) => resolve({ label, code: 1, text: `${bin}: ${e.message}\n` }));
    child.on('close', (code) => resolve({ label, code: code ?? 1, text: Buffer.concat(out).toString() }));
  });
}

const results = await Promise.all(steps.map(run));
for (const r of results) {
  process.stdout.write(r.text);
  process.stdout.write(`${r.label}: ${r.code === 0 ? 'ok' : `failed (exit ${r.code})`}\n`);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
