/** FreeBSD md5/sha1/sha256/sha512 (`SHA256 (file) = hex`, -q, -r, -s) and the GNU-style *sum forms. */
import { createHash } from 'node:crypto';
import type { SimCommand, SimCommandContext } from '../../types.js';
import { fail, hostPath } from './util.js';

type Algo = 'md5' | 'sha1' | 'sha256' | 'sha512';

function bytesOf(ctx: SimCommandContext, path: string): Buffer | string {
  const node = ctx.host.fs.stat(hostPath(ctx, path));
  if (!node) return 'No such file or directory';
  if (node.kind === 'dir') return 'Is a directory';
  if (node.kind !== 'file') return 'No such file or directory';
  return node.binary ? Buffer.from(node.content, 'base64') : Buffer.from(node.content);
}

const hex = (algo: Algo, data: Buffer | string): string => createHash(algo).update(data).digest('hex');

function bsd(algo: Algo): SimCommand {
  const label = algo.toUpperCase();
  return (ctx) => {
    const name = ctx.argv[0]!.replace(/.*\//, '');
    let quiet = false;
    let reverse = false;
    const strings: string[] = [];
    let i = 1;
    for (; i < ctx.argv.length; i++) {
      const a = ctx.argv[i]!;
      if (a === '--') {
        i++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      if (a === '-s') {
        const s = ctx.argv[++i];
        if (s === undefined) return fail(`${name}: option requires an argument -- s\n`);
        strings.push(s);
        continue;
      }
      for (const c of a.slice(1)) {
        if (c === 'q') quiet = true;
        else if (c === 'r') reverse = true;
        else if (c !== 'p' && c !== 't' && c !== 'x') return fail(`${name}: illegal option -- ${c}\nusage: ${name} [-pqrtx] [-c string] [-s string] [files ...]\n`);
      }
    }
    const files = ctx.argv.slice(i);
    let stdout = '';
    let stderr = '';
    for (const s of strings) stdout += quiet ? `${hex(algo, s)}\n` : reverse ? `${hex(algo, s)} "${s}"\n` : `${label} ("${s}") = ${hex(algo, s)}\n`;
    if (files.length === 0 && strings.length === 0) return { stdout: `${hex(algo, ctx.stdin)}\n`, stderr: '', code: 0 };
    for (const f of files) {
      const data = bytesOf(ctx, f);
      if (typeof data === 'string') {
        stderr += `${name}: ${f}: ${data}\n`;
        continue;
      }
      const h = hex(algo, data);
      stdout += quiet ? `${h}\n` : reverse ? `${h} ${f}\n` : `${label} (${f}) = ${h}\n`;
    }
    return { stdout, stderr, code: stderr ? 1 : 0 };
  };
}

function gnu(algo: Algo): SimCommand {
  return (ctx) => {
    const name = ctx.argv[0]!.replace(/.*\//, '');
    const files = ctx.argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
    if (files.length === 0) files.push('-');
    let stdout = '';
    let stderr = '';
    for (const f of files) {
      const data = f === '-' ? ctx.stdin : bytesOf(ctx, f);
      if (f !== '-' && typeof data === 'string') {
        stderr += `${name}: ${f}: ${data}\n`;
        continue;
      }
      stdout += `${hex(algo, data)}  ${f}\n`;
    }
    return { stdout, stderr, code: stderr ? 1 : 0 };
  };
}

export const md5 = bsd('md5');
export const sha1 = bsd('sha1');
export const sha256 = bsd('sha256');
export const sha512 = bsd('sha512');
export const md5sum = gnu('md5');
export const sha1sum = gnu('sha1');
export const sha256sum = gnu('sha256');
export const sha512sum = gnu('sha512');
