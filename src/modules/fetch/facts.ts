/**
 * The host's file, read as a fact: its SHA-1 (sha1(1) -q prints the digest
 * alone), then — only when that differs from the controller's copy — its
 * bytes through b64encode(1) (FreeBSD 14 bintrans: `begin-base64 MODE NAME`,
 * Base64 lines, `====`), which carries any byte over the text channel.
 */
import { createHash } from 'node:crypto';
import { quote } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { pathScope } from '../scopes.js';
import type { FactOutput, FactSpec } from '../types.js';
import type { FetchArgs, LocalDest } from './args.js';

export type RemoteFile =
  | { kind: 'absent' | 'directory' | 'other' }
  /** `content` (base64) is absent when the host's digest matched the controller's copy. */
  | { kind: 'file'; sha1: string; content?: string };

export function sha1Of(base64: string): string {
  return createHash('sha1').update(Buffer.from(base64, 'base64')).digest('hex');
}

/** The controller copy's digest, or '' when there is no file to compare with. */
export function localSha1(local: LocalDest | undefined): string {
  return local?.kind === 'file' && local.content !== undefined ? sha1Of(local.content) : '';
}

export function remoteFileFact(src: string, known: string): FactSpec<RemoteFile> {
  const p = quote(src);
  const key = `fetch::${src}::${known}`;
  const command =
    `if [ -d ${p} ]; then echo directory; elif [ ! -e ${p} ]; then echo absent; elif [ ! -f ${p} ]; then echo other; ` +
    `else s=$(sha1 -q ${p}) && printf 'sha1 %s\\n' "$s" && if [ "$s" != ${quote(known || '-')} ]; then b64encode ${p} src; fi; fi`;
  return { key, command, parse: (out) => parseRemoteFile(key, out), reads: [pathScope(src)] };
}

export function parseRemoteFile(key: string, out: FactOutput): RemoteFile {
  if (out.code !== 0) throw new FactParseError(key, 'cannot read the file', out);
  const lines = out.stdout.split('\n');
  const first = lines[0] ?? '';
  if (first === 'absent' || first === 'directory' || first === 'other') return { kind: first };
  const digest = /^sha1 ([0-9a-f]{40})$/.exec(first);
  if (!digest) throw new FactParseError(key, 'unexpected output', out);
  const sha1 = digest[1]!;
  if (lines.length === 2 && lines[1] === '') return { kind: 'file', sha1 };
  // begin-base64 line, data lines, ==== and the final newline's empty element.
  if (!/^begin-base64 /.test(lines[1] ?? '') || lines[lines.length - 2] !== '====') throw new FactParseError(key, 'b64encode output cut short', out);
  return { kind: 'file', sha1, content: lines.slice(2, -2).join('') };
}

export function fetchFacts(args: FetchArgs): FactSpec[] {
  return [remoteFileFact(args.src, localSha1(args.local))];
}
