/**
 * ListenAddress in sshd_config: every ListenAddress line, commented defaults
 * ("#ListenAddress 0.0.0.0") included, is replaced by the wanted lines, at
 * the place of the first one. With none, they go before the first Match
 * block (a keyword after Match belongs to the block) or at the end. The rest
 * of the file is kept byte for byte.
 */
import { bare, splitLines } from '../text-lines.js';

const LISTEN = /^\s*#?\s*ListenAddress\b/i;
const MATCH = /^\s*Match\s/i;

export function withListenAddresses(content: string, addresses: string[]): string {
  const lines = splitLines(content);
  const wanted = addresses.map((a) => `ListenAddress ${a}\n`);
  const first = lines.findIndex((l) => LISTEN.test(bare(l)));
  const kept = lines.filter((l) => !LISTEN.test(bare(l)));
  let at = first >= 0 ? first : kept.findIndex((l) => MATCH.test(bare(l)));
  if (at < 0) at = kept.length;
  if (at === kept.length) {
    const last = kept.at(-1);
    if (last !== undefined && !last.endsWith('\n')) kept[kept.length - 1] = `${last}\n`;
  }
  kept.splice(at, 0, ...wanted);
  return kept.join('');
}
