/**
 * In-process microbenchmark of the simulated host alone (no engine): what
 * one host-run costs the simulator, so a change to the interpreter can be
 * measured while the engine is being rebuilt.
 *
 *   plain exec         one exec of a 30-fact gather script under the host lock
 *   no-change session  the session script of the same facts, EOF right after ready:0
 *   2-round session    the same, one round that changes a file and re-reads a fact, then EOF
 *
 * Build and run:
 *   npx tsc -p tsconfig.bench.json && node dist-bench/bench/sim-micro.js [ops] [samples]
 * Compare with another build of this file, both in this process,
 * alternating (a busy machine slows both alike) — e.g. the abort-and-replay
 * simulator of e10196f with today's src/shell:
 *   mkdir -p /tmp/old && cp -r src bench package.json /tmp/old/ && rm -rf /tmp/old/src/sim
 *   git archive e10196f src/sim | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/
 *   (cd /tmp/old && npx tsc bench/sim-micro.ts --outDir out --rootDir . --module nodenext \
 *     --moduleResolution nodenext --target es2022 --skipLibCheck --types node; cp package.json out/)
 *   node dist-bench/bench/sim-micro.js 40 60 --against /tmp/old/out/bench/sim-micro.js
 * (tsc reports the old simulator's missing ExecSession.send; it still emits.)
 */
import { pathToFileURL } from 'node:url';
import { SimHost } from '../src/sim/host.js';
import { freshHostState } from '../src/sim/seed.js';
import { SimTransport } from '../src/sim/transport.js';
import { quote } from '../src/shell/quote.js';
import { buildGatherScript, buildRoundScript, buildSessionScript, readyMarker, roundInput, shCommand, type ScriptPart } from '../src/shell/script.js';

const NONCE = 'b3nch';
const LOCK = '/var/run/jailfleet.lock';
/** The engine's lock picker (src/engine/host-lock.ts), inlined: the engine is not part of this benchmark. */
const PICKER = `if command -v lockf >/dev/null 2>&1; then exec lockf -k -t 60 ${LOCK} "$@"; elif command -v flock >/dev/null 2>&1; then exec flock -E 75 -w 60 ${LOCK} "$@"; else exit 69; fi`;

function locked(script: string): string {
  return `/bin/sh -c ${quote(PICKER)} jailfleet-lock ${shCommand(script)}`;
}

/** About what playbooks/site.yml gathers on a host: rc.conf values, files, services, listeners, jails. */
const FACTS: ScriptPart[] = [
  'test -e /etc/rc.conf',
  'sysrc -f /etc/rc.conf -n sshd_enable',
  'sysrc -f /etc/rc.conf -n syslogd_flags',
  'sysrc -f /etc/rc.conf -n inetd_flags',
  'sysrc -f /etc/rc.conf -n jail_enable',
  'sysrc -f /etc/rc.conf -n jail_list',
  'sysrc -D -n inetd_flags',
  'sysrc -a',
  'sysctl -n security.jail.set_hostname_allowed',
  'cat /etc/sysctl.conf',
  'cat /etc/ssh/sshd_config',
  'cat /etc/syslog.conf',
  'cat /etc/jail.conf 2>/dev/null',
  'test -e /etc/jail.conf.d/www.conf && cat /etc/jail.conf.d/www.conf',
  'sockstat -4l',
  'jls -n',
  'ifconfig -a',
  'service sshd onestatus',
  'service syslogd onestatus',
  'service inetd onestatus',
  'readlink /usr/jails/www/kernel',
  'test -e /usr/jails/www/bin/sh',
  'sha256 -q /usr/jails/www/etc/rc.conf 2>/dev/null',
  'zfs list -H -o name,mountpoint zroot/jails',
  'pkg info -e nginx',
  'freebsd-version',
  'uname -r',
  "if [ -d /usr/jails ]; then find /usr/jails ! -type l \\( -perm -o+w \\) -print | head -n 1; fi",
  'grep -n "^postfix" /etc/rc.conf',
  'test -e /usr/jails/www/etc/rc.conf && sysrc -f /usr/jails/www/etc/rc.conf -n sshd_enable',
].map((command) => ({ command }));

/** The session script of the controller that shipped abort-and-replay (git e10196f): one apply read with $(cat). */
function oldSessionScript(parts: ScriptPart[]): string {
  const gather = buildGatherScript(parts, NONCE).split('\n');
  const body = gather.slice(1, gather.indexOf('exit 0'));
  const ready = `@@jf:${NONCE}:ready`;
  const plan = `@@jf:${NONCE}:plan`;
  return [
    '# jailfleet: gather facts, then apply what the controller sends on stdin',
    ...body,
    `printf '%s\\n' ${ready}; printf '%s\\n' ${ready} >&2`,
    'jf_apply=$(cat)',
    `case $jf_apply in *${plan}*) ;; *) exit 0 ;; esac`,
    `eval "\${jf_apply#*${plan}}"`,
    '',
  ].join('\n');
}

/** The old SimTransport's session had no send(): it replayed the command with the whole input at finish. */
const OLD = 'startSession' in SimHost.prototype;
/** Samples per case and side (second argument): the best of many short samples resists a busy machine best. */
const REPS = Number(process.argv[3] ?? 10) || 10;

function newHost(): SimHost {
  return new SimHost('bench', freshHostState({ hostname: 'bench', address: '192.0.2.10' }));
}

export interface BenchCase {
  name: string;
  op: () => Promise<void> | void;
}

/** The three cases on one fresh host (the host's state grows a little with each 2-round session). */
export function benchCases(): BenchCase[] {
  const gather = locked(buildGatherScript(FACTS, NONCE));
  const sessionLine = locked(OLD ? oldSessionScript(FACTS) : buildSessionScript(FACTS, NONCE));
  const round = buildRoundScript([{ command: "printf 'x\\n' >> /tmp/bench-log" }], [{ command: 'sysrc -f /etc/rc.conf -n sshd_enable' }], NONCE);
  const ready0 = OLD ? `@@jf:${NONCE}:ready` : readyMarker(NONCE, 0);
  const sim = newHost();
  const transport = new SimTransport(sim);
  const check = sim.exec(gather);
  if (check.code !== 0) throw new Error(`gather failed: ${check.stderr}`);
  return [
    { name: 'plain exec (gather, 30 facts)', op: () => void sim.exec(gather) },
    {
      name: 'no-change session',
      op: async () => {
        const s = await transport.openSession(sessionLine);
        const got = await s.readUntil(ready0);
        if ('ended' in got) throw new Error(`session ended early: ${got.ended.stderr}`);
        await s.finish('');
      },
    },
    {
      name: OLD ? '1-apply session (replayed)' : '2-round session',
      op: async () => {
        const s = await transport.openSession(sessionLine);
        await s.readUntil(ready0);
        if (OLD) {
          await s.finish(`@@jf:${NONCE}:plan\n${round}`);
          return;
        }
        const send = (s as unknown as { send(input: string): Promise<void> }).send.bind(s);
        await send(roundInput(round, NONCE));
        const got = await s.readUntil(readyMarker(NONCE, 1));
        if ('ended' in got) throw new Error(`session ended in round 1: ${got.ended.stderr}`);
        await s.finish('');
      },
    },
  ];
}

export const label = OLD ? 'abort-and-replay' : 'resumable';

/**
 * Wall microseconds per op of `ops` runs. Wall time, best of many short
 * samples: a machine shared with others slows some samples, never speeds
 * one up. (CPU time looks steadier but counts the garbage collector's and
 * compiler's own threads, which a forced collection leaves busy.)
 */
export async function timeOps(op: BenchCase['op'], ops: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await op();
  return Number(process.hrtime.bigint() - started) / 1000 / ops;
}

interface Side {
  label: string;
  cases: BenchCase[];
}

/**
 * Best of REPS per case and side; with a second side (another build of this
 * file, --against), the two run alternately in this one process so that a
 * busy machine slows both alike.
 */
async function main(): Promise<void> {
  const ops = Number(process.argv[2] ?? 300);
  const against = process.argv.indexOf('--against');
  const sides: Side[] = [{ label, cases: benchCases() }];
  if (against > 0) {
    const other = (await import(process.argv[against + 1]!)) as { label: string; benchCases(): BenchCase[] };
    sides.unshift({ label: other.label, cases: other.benchCases() });
  }
  const best = sides.map((side) => side.cases.map(() => Infinity));
  for (const side of sides) for (const c of side.cases) for (let i = 0; i < 100; i++) await c.op();
  for (let rep = 0; rep < REPS; rep++) {
    for (let c = 0; c < sides[0]!.cases.length; c++) {
      for (let s = 0; s < sides.length; s++) best[s]![c] = Math.min(best[s]![c]!, await timeOps(sides[s]!.cases[c]!.op, ops));
    }
  }
  process.stdout.write(`wall time per op, best of ${REPS} samples of ${ops} ops${sides.length > 1 ? ', sides alternating' : ''}\n`);
  sides.forEach((side, s) => {
    process.stdout.write(`${side.label}:\n`);
    side.cases.forEach((c, i) => process.stdout.write(`  ${c.name.padEnd(30)} ${best[s]![i]!.toFixed(1).padStart(8)} us\n`));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
