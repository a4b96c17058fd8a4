/**
 * The two scripts jailfleet sends to a host (DESIGN.md §4, round trips are the
 * cost): one that reads every fact of a play, and one that applies every step
 * of a host. Each part is framed by status markers on stdout and stderr so one
 * exec yields a separate stdout, stderr and exit code per part.
 *
 * Markers carry a per-run nonce, so output that happens to contain "@@jf:"
 * cannot be mistaken for a frame.
 */
import { posixCksum } from './cksum.js';
import { quote } from './quote.js';

export interface ScriptPart {
  command: string;
  /** Apply scripts only: carry on past this part's failure (ignore_errors). */
  continueOnFailure?: boolean;
  /** Apply scripts only: this part rewrites the whole file at this path (Step.replaces). */
  replaces?: string;
}

/** Which parts of an apply script run, and whose result each part takes. */
export interface CoalescedParts {
  /** Indices of the parts that run, in order. */
  kept: number[];
  /** For each part: the index (into `kept`) of the run part whose result it takes. */
  resultOf: number[];
}

export interface PartResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface ParsedRun {
  /** One entry per part that ran to completion, in order. */
  results: PartResult[];
  /** Index of a part that began but never reported its end (dropped mid-part). */
  interrupted?: number;
}

const begin = (nonce: string, i: number): string => `@@jf:${nonce}:b:${i}`;
const end = (nonce: string, i: number): string => `@@jf:${nonce}:e:${i}`;

/** How a part that failed stops what follows it: nothing (gather), `exit` (apply script) or `return` (a round's function). */
type OnFailure = 'continue' | 'exit' | 'return';

function framed(part: ScriptPart, nonce: string, i: number, onFailure: OnFailure): string {
  const b = begin(nonce, i);
  const e = end(nonce, i);
  const lines = [
    `printf '%s\\n' ${b}; printf '%s\\n' ${b} >&2`,
    `( ${part.command}\n) </dev/null`,
    'jf_rc=$?',
    `printf '\\n%s:%s\\n' ${e} "$jf_rc"; printf '\\n%s\\n' ${e} >&2`,
  ];
  if (onFailure !== 'continue') lines.push(`[ "$jf_rc" -eq 0 ] || ${onFailure} "$jf_rc"`);
  return lines.join('\n');
}

/** Facts: every part runs, whatever the exit codes of the others. */
export function buildGatherScript(parts: ScriptPart[], nonce: string): string {
  return ['# jailfleet: gather facts', ...parts.map((p, i) => framed(p, nonce, i, 'continue')), 'exit 0', ''].join('\n');
}

/** The line a session script prints on stdout and stderr when round `round` is over (0: the facts are out). */
export const readyMarker = (nonce: string, round = 0): string => `@@jf:${nonce}:ready:${round}`;
const chunkHeader = (nonce: string): string => `@@jf:${nonce}:chunk `;
const endLine = (nonce: string): string => `@@jf:${nonce}:end`;
/** Exit status of a session whose round input arrived incomplete: nothing of that round ran. */
export const INCOMPLETE_INPUT_EXIT = 96;
/**
 * Where a session keeps its round's output on the host (`.out`, `.err`):
 * JAILFLEET_DB_DIR in the session's environment overrides the directory
 * (test labs whose hosts share one file system).
 */
export const SESSION_LOG = '${JAILFLEET_DB_DIR:-/var/db/jailfleet}/session';

/**
 * Gather and apply in one exec, in as many rounds as the play needs
 * (DESIGN.md §4, the round trip is the cost): print every fact framed as
 * buildGatherScript does, then the ready marker of round 0 on both streams;
 * then, round after round, read one chunk from stdin (roundInput), run it and
 * print the next round's marker, until the controller's end line (endInput).
 *
 * A chunk is a header line with its length in bytes and its POSIX cksum,
 * then the text. It runs only when all of it arrived and its checksum
 * matches: a connection lost while a script is in transit runs nothing of
 * it. Once a round runs, it runs to its end even if the controller goes
 * away: SIGHUP and SIGPIPE are ignored, and the round writes to a log on the
 * host (SESSION_LOG), which is then copied to the controller. The end line
 * says the controller has every round's output and empties the log; a
 * session whose input ends without it (the connection dropped) leaves the
 * log for the next run to report (sessionLogFact), still under the host
 * lock until the round is over. Lines before a header are skipped: a sudo
 * password line that sudo did not read (NOPASSWD) is never evaluated. The
 * facts' and steps' parts run with stdin from /dev/null, so only `read` and
 * `head` take the input.
 */
export function buildSessionScript(parts: ScriptPart[], nonce: string): string {
  const header = chunkHeader(nonce);
  const ready = `@@jf:${nonce}:ready:`;
  return [
    '# jailfleet: gather facts, then run what the controller sends, round by round',
    "trap '' HUP PIPE",
    ...parts.map((p, i) => framed(p, nonce, i, 'continue')),
    `printf '%s\\n' ${readyMarker(nonce)}; printf '%s\\n' ${readyMarker(nonce)} >&2`,
    'jf_round=0',
    `jf_log=${SESSION_LOG}`,
    'while IFS= read -r jf_head; do',
    `  case $jf_head in ${quote(endLine(nonce))}) ! [ -s "$jf_log.out" ] || : >"$jf_log.out"; ! [ -s "$jf_log.err" ] || : >"$jf_log.err"; exit 0 ;; ${quote(header)}*) ;; *) continue ;; esac`,
    `  jf_len=\${jf_head#${quote(header)}}`,
    '  jf_sum=${jf_len#* }',
    '  jf_len=${jf_len%% *}',
    '  jf_chunk=$(head -c "$jf_len")',
    '  case $(printf \'%s\' "$jf_chunk" | cksum) in',
    '    "$jf_sum $jf_len") ;;',
    `    *) printf '%s\\n' 'jailfleet: the input of this round arrived incomplete; none of it was run' >&2; exit ${INCOMPLETE_INPUT_EXIT} ;;`,
    '  esac',
    '  jf_round=$((jf_round + 1))',
    '  [ -d "${jf_log%/*}" ] || mkdir -p "${jf_log%/*}" || exit 1',
    '  eval "$jf_chunk"',
    '  jf_round_run >"$jf_log.out" 2>"$jf_log.err"',
    '  cat "$jf_log.out"; cat "$jf_log.err" >&2',
    `  printf '%s\\n' "${ready}$jf_round"; printf '%s\\n' "${ready}$jf_round" >&2`,
    'done',
    'exit 0',
    '',
  ].join('\n');
}

/**
 * What the controller writes to a session's stdin for one round: the header
 * (length and checksum of the text's UTF-8 bytes), then the text. Trailing
 * newlines are dropped: the host's `$(head -c N)` would drop them too.
 */
export function roundInput(script: string, nonce: string): string {
  const text = script.replace(/\n+$/, '');
  const bytes = Buffer.from(text, 'utf8');
  return `${chunkHeader(nonce)}${posixCksum(bytes).split(' ').reverse().join(' ')}\n${text}`;
}

/** What ends a session: the controller has every round's output (the host empties its log). */
export function endInput(nonce: string): string {
  return `${endLine(nonce)}\n`;
}

/**
 * A round: a function the session calls with its output going to the log.
 * Its steps stop it at the first failure (`return`); its reads all run.
 */
export function buildRoundScript(steps: ScriptPart[], reads: ScriptPart[], nonce: string): string {
  const stepParts = steps.map((p, i) => framed(p, nonce, i, p.continueOnFailure ? 'continue' : 'return'));
  const readParts = reads.map((p, i) => framed(p, nonce, steps.length + i, 'continue'));
  return ['jf_round_run() {', '# jailfleet: round', ':', ...stepParts, ...readParts, '}'].join('\n');
}

/** Changes: stop at the first part that fails; its exit code is the script's. */
export function buildApplyScript(parts: ScriptPart[], nonce: string): string {
  return ['# jailfleet: apply', ...parts.map((p, i) => framed(p, nonce, i, p.continueOnFailure ? 'continue' : 'exit')), 'exit 0', ''].join('\n');
}

/**
 * Consecutive rewrites of one whole file (four `line` tasks on rc.conf): only
 * the last one's content survives, so only it runs — each part is a fork and
 * several execs on the target. A dropped part takes the result of the part
 * that superseded it, so its task fails when that one fails. Only exact
 * neighbours with the same failure handling are merged: anything in between
 * (a backup, a chmod, a command) may look at the file.
 */
export function coalesceRewrites(parts: ScriptPart[]): CoalescedParts {
  const dropped = parts.map((p, i) => {
    const next = parts[i + 1];
    return p.replaces !== undefined && next !== undefined && next.replaces === p.replaces && Boolean(next.continueOnFailure) === Boolean(p.continueOnFailure);
  });
  const kept: number[] = [];
  const resultOf = new Array<number>(parts.length);
  parts.forEach((_, i) => {
    if (!dropped[i]) resultOf[i] = kept.push(i) - 1;
  });
  for (let i = parts.length - 1; i >= 0; i--) if (dropped[i]) resultOf[i] = resultOf[i + 1]!;
  return { kept, resultOf };
}

/** The command line that makes the target's /bin/sh run a script, whatever the login shell. */
export function shCommand(script: string): string {
  return `/bin/sh -c ${quote(script)}`;
}

/** The text between "OPEN\n" and "\nCLOSE", and where the text after CLOSE starts (-1: never closed). */
function section(text: string, open: string, close: string, from: number): { body: string; next: number } | undefined {
  const start = text.indexOf(`${open}\n`, from);
  if (start < 0) return undefined;
  const bodyStart = start + open.length + 1;
  const stop = text.indexOf(`\n${close}`, bodyStart);
  if (stop < 0) return { body: text.slice(bodyStart), next: -1 };
  return { body: text.slice(bodyStart, stop), next: stop + 1 + close.length };
}

/** Split a framed run's output back into per-part results. */
export function parseFramedOutput(stdout: string, stderr: string, count: number, nonce: string): ParsedRun {
  const results: PartResult[] = [];
  let outPos = 0;
  let errPos = 0;
  for (let i = 0; i < count; i++) {
    // The trailing ":" / "\n" keep part 1's end marker from matching part 10's.
    const out = section(stdout, begin(nonce, i), `${end(nonce, i)}:`, outPos);
    if (!out) return { results };
    if (out.next < 0) return { results, interrupted: i };
    const codeEnd = stdout.indexOf('\n', out.next);
    const code = Number.parseInt(stdout.slice(out.next, codeEnd < 0 ? undefined : codeEnd), 10);
    if (codeEnd < 0 || Number.isNaN(code)) return { results, interrupted: i };
    outPos = codeEnd + 1;
    const err = section(stderr, begin(nonce, i), `${end(nonce, i)}\n`, errPos);
    if (err && err.next >= 0) errPos = err.next;
    results.push({ stdout: out.body, stderr: err?.body ?? '', code });
  }
  return { results };
}
