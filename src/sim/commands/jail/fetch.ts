/**
 * fetch(1) against a simulated FreeBSD mirror: any host whose path ends in
 * releases/<arch>/<arch>/<REL>/(base.txz|src.txz|MANIFEST) for a known release.
 * Everything else is "Not Found". Network faults come from the host's
 * command-fault injection, not from here.
 */
import { basename } from '../../fs.js';
import { KNOWN_RELEASES, distBase64, releaseManifest } from '../../archive/index.js';
import type { SimCommand } from '../../types.js';
import { getopt, value } from './getopt.js';
import { Io } from './io.js';

const RELEASE_URL = /^(?:https?|ftp):\/\/[^/]+\/(?:.*\/)?releases\/([^/]+)\/([^/]+)\/([^/]+)\/(base\.txz|src\.txz|MANIFEST)$/;

/** The body served for a URL: binary (base64) or text, or undefined for 404. */
function serve(url: string): { content: string; binary: boolean } | undefined {
  const m = RELEASE_URL.exec(url);
  if (!m || !KNOWN_RELEASES.includes(m[3]!)) return undefined;
  if (m[4] === 'MANIFEST') return { content: releaseManifest(m[3]!), binary: false };
  return { content: distBase64(m[3]!, m[4] === 'src.txz' ? 'src.txz' : 'base.txz'), binary: true };
}

export const fetchCommand: SimCommand = (ctx) => {
  const p = getopt(ctx.argv.slice(1), '1AadFlMmnPpqRrsUvo:T:w:S:N:i:');
  if (p.bad || !p.rest.length) return { stdout: '', stderr: 'usage: fetch [-146AadFlMmnPpqRrsUv] [-N netrc] [-o outputfile]\n             [-S bytes] [-T timeout] [-w interval] URL ...\n', code: 1 };
  const io = new Io();
  const fs = ctx.host.fs;
  const out = value(p, 'o');
  let failed = false;
  for (const url of p.rest) {
    const body = serve(url);
    if (!body) {
      io.warn('fetch', `${url}: Not Found`);
      failed = true;
      continue;
    }
    if (out === '-') {
      io.print(body.binary ? Buffer.from(body.content, 'base64').toString('utf8') : body.content);
      continue;
    }
    let target = fs.resolve(ctx.root, ctx.cwd, out ?? basename(url));
    if (fs.isDir(target)) target = `${target}/${basename(url)}`;
    try {
      if (fs.lstat(target)) fs.remove(target);
      fs.writeFile(target, body.content, { binary: body.binary });
    } catch {
      io.warn('fetch', `${out ?? basename(url)}: open(): No such file or directory`); // INFERRED wording
      failed = true;
    }
  }
  return io.result(failed ? 1 : 0);
};
