/**
 * sha256(1) -q of a file on a simulated host, computed with node:crypto over
 * the file's stored bytes (binary files are kept base64), so a test's
 * expected digest never comes from the simulator's own sha256 command or
 * archive helpers.
 */
import { createHash } from 'node:crypto';
import type { SimHost } from '../../src/sim/host.js';

export function sha256Of(host: SimHost, path: string): string {
  const node = host.fs.stat(path);
  if (node?.kind !== 'file') throw new Error(`sha256Of: ${path} is not a regular file`);
  const bytes = node.binary ? Buffer.from(node.content, 'base64') : Buffer.from(node.content, 'utf8');
  return createHash('sha256').update(bytes).digest('hex');
}
