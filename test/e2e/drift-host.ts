/**
 * The drift matrix's host and runner (issue 12): a simulated host of
 * inventory/sim.yml converged once by a real playbook (the template), cloned
 * per case, the engine run in-process against the clone, and a snapshot of
 * what an operator would look at on the host, to compare a repaired host
 * with the clean converge.
 */
import { readFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { parse, stringify } from 'yaml';
import { expect } from 'vitest';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { Inventory, InventoryHost } from '../../src/inventory/types.js';
import { parsePlaybook } from '../../src/playbook/load-playbook.js';
import type { Playbook } from '../../src/playbook/types.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import { runPlaybook, type Connector } from '../../src/engine/run.js';
import { simSettings } from '../../src/engine/sim-settings.js';
import type { RunEvent } from '../../src/report/events.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import { SimTransport, type SimTransportFaults } from '../../src/sim/transport.js';
import { tapTransport, runsSomething } from '../engine/engine-harness.js';
import { cloneState } from '../helpers/clone-state.js';

export const INVENTORY = 'inventory/sim.yml';

/** A playbook from its YAML plays (the shipped file, or a variant of it built by a test). */
export function playbookFrom(plays: unknown[], file: string): Playbook {
  return parsePlaybook(stringify(plays), file, moduleRegistry);
}

export const playsOf = (file: string): unknown[] => parse(readFileSync(file, 'utf8')) as unknown[];

type TaskEvent = Extract<RunEvent, { type: 'task' }>;
type HostEnd = Extract<RunEvent, { type: 'host_end' }>;

export interface DriftRun {
  tasks: TaskEvent[];
  statuses: Array<[string, string]>;
  ends: Array<{ channels: number; rounds: number }>;
  /** Everything the controller sent the host to run (session inputs). */
  sent: string;
  /** The host became unreachable (a dropped connection): its messages. */
  unreachable: string[];
  /** Every input the controller wrote to the host's stdin, in order (rounds, the end line). */
  inputs: string[];
}

/** One engine run of `playbook` against `sim`, reached as `host` of inventory/sim.yml (--limit host), with `faults` on its connection. */
export async function runOn(sim: SimHost, host: string, playbook: Playbook, inventory: Inventory, faults?: SimTransportFaults): Promise<DriftRun> {
  let sent = '';
  const inputs: string[] = [];
  const connector: Connector = {
    connect: async () =>
      tapTransport(new SimTransport(sim, faults ? { faults } : {}), (text, kind) => {
        if (kind !== 'input') return;
        inputs.push(text);
        if (runsSomething(text)) sent += text;
      }),
    // What the CLI's connector says for a sim host: its host_ip (lock-out check of rebind).
    addressOf: (h: InventoryHost) => simSettings(h).address,
  };
  const events: RunEvent[] = [];
  await runPlaybook({
    playbook,
    inventory,
    limit: host,
    check: false,
    tags: { only: [], skip: [] },
    forks: 1,
    modules: moduleRegistry,
    connector,
    sink: { emit: (e) => void events.push(e) },
  });
  const tasks = events.filter((e): e is TaskEvent => e.type === 'task');
  const ends = events.filter((e): e is HostEnd => e.type === 'host_end').map((e) => ({ channels: e.channels, rounds: e.rounds }));
  const unreachable = events.flatMap((e) => (e.type === 'host_unreachable' ? [e.message] : []));
  return { tasks, statuses: tasks.map((t) => [t.task, t.status]), ends, sent, unreachable, inputs };
}

/** The jails under their template's playbook, ready to clone. */
export interface Template {
  host: string;
  playbook: Playbook;
  inventory: Inventory;
  sim: SimHost;
  /** Files whose content and mode/owner are compared, beyond the fixed list. */
  extraFiles: string[];
  /** The clean converge. */
  clean: Snapshot;
}

/**
 * A fresh host of inventory/sim.yml (built as the CLI builds a `transport: sim`
 * host), converged by `playbook`; the run after it changes nothing in one
 * exec and one round per play.
 */
export async function convergedTemplate(host: string, playbook: Playbook, extraFiles: string[] = []): Promise<Template> {
  const inventory = loadInventory(INVENTORY);
  const inv = inventory.hosts.get(host)!;
  const settings = simSettings(inv);
  const sim = new SimHost(host, freshHostState(settings));
  const first = await runOn(sim, host, playbook, inventory);
  expect(first.statuses.filter(([, s]) => s === 'failed')).toEqual([]);
  expect(first.statuses.some(([, s]) => s === 'changed')).toBe(true);
  const second = await runOn(sim, host, playbook, inventory);
  expect(second.statuses.filter(([, s]) => s !== 'ok')).toEqual([]);
  expect(second.ends).toEqual(playbook.plays.map(() => ({ channels: 1, rounds: 1 })));
  return { host, playbook, inventory, sim, extraFiles, clean: snapshot(sim, extraFiles) };
}

/** A host in exactly the template's state. */
export const cloneOf = (t: Template): SimHost => new SimHost(t.host, cloneState(t.sim.state));

export interface Snapshot {
  /** Path -> content ('(absent)' when there is no such file). */
  files: Record<string, string>;
  /** Path -> "mode owner group" as stat -f '%Sp %Su %Sg' prints it. */
  owners: Record<string, string>;
  /** jls -v with each JID (and the CPUSetID derived from it) replaced by "JID". */
  jls: string;
  /** sockstat -4l rows without the PID and FD columns, sorted. */
  sockstat: string[];
  ifconfig: string;
  mount: string;
  /** Runtime values of the sysctls the playbooks set (the conf file is in `files`). */
  sysctl: string;
  /** pfctl -s nat, then each jailfleet/* anchor's nat and rdr rules. */
  pf: string;
  /** `zfs list -H -t snapshot -o name`: every snapshot's name (empty on a host without ZFS). */
  zfsSnapshots: string;
}

const FILES = ['/etc/rc.conf', '/etc/jail.conf', '/etc/sysctl.conf', '/etc/ssh/sshd_config'];

const out = (sim: SimHost, cmd: string): string => {
  const r = sim.run(cmd);
  expect(r.code, `${cmd}: ${r.stderr}`).toBe(0);
  return r.stdout;
};

export function snapshot(sim: SimHost, extraFiles: string[] = []): Snapshot {
  const confD = sim.fs.exists('/etc/jail.conf.d')
    ? out(sim, 'ls /etc/jail.conf.d').split('\n').filter(Boolean).map((f) => `/etc/jail.conf.d/${f}`)
    : [];
  const paths = [...FILES, ...confD, ...extraFiles];
  const files: Record<string, string> = {};
  const owners: Record<string, string> = {};
  for (const p of paths) {
    const present = sim.run(`test -f ${p}`).code === 0;
    files[p] = present ? out(sim, `cat ${p}`) : '(absent)';
    owners[p] = present ? out(sim, `stat -f '%Sp %Su %Sg' ${p}`).trim() : '(absent)';
  }
  return {
    files,
    owners,
    jls: normaliseJls(out(sim, 'jls -v')),
    sockstat: sockstatRows(out(sim, 'sockstat -4l')),
    ifconfig: out(sim, 'ifconfig -a'),
    mount: out(sim, 'mount'),
    sysctl: out(sim, 'sysctl security.jail.set_hostname_allowed'),
    pf: pfRules(sim),
    zfsSnapshots: sim.run('zfs list -H -t snapshot -o name').stdout,
  };
}

/** pf's main nat/rdr rules and those of each anchor under jailfleet (the jail module's NAT jails). */
function pfRules(sim: SimHost): string {
  const anchors = out(sim, 'pfctl -a jailfleet -s Anchors').split('\n').map((l) => l.trim()).filter(Boolean);
  return [out(sim, 'pfctl -s nat'), ...anchors.map((a) => `${a}:\n${out(sim, `pfctl -a ${a} -s nat`)}`)].join('');
}

/**
 * JIDs differ between hosts (and after a restart): the JID column of each
 * jail's first row, and the CPUSetID row, which the kernel allocates with the
 * jail (the simulator: JID + 1). Nothing else is touched.
 */
export function normaliseJls(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      if (/^ +\d+ {2}\S/.test(line) && i >= 4) return line.replace(/^( +)\d+/, (_, sp: string) => `${sp}JID`);
      if (/^ {8}\d+$/.test(line) && /^ {8}\S+ +(ACTIVE|DYING)$/.test(lines[i - 1] ?? '')) return '        CPUSETID';
      return line;
    })
    .join('\n');
}

/** USER COMMAND PID FD PROTO LOCAL FOREIGN -> "USER COMMAND PROTO LOCAL FOREIGN", sorted; pids differ. */
export function sockstatRows(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((row) => {
      const [user, command, , , ...rest] = row.trim().split(/\s+/);
      return [user, command, ...rest].join(' ');
    })
    .sort();
}

export const sh = (sim: SimHost, script: string): { stdout: string; stderr: string; code: number } => sim.run(script);

const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.map((x) => `${String(x)}\n`).join('') : '');

/**
 * What differs between two snapshots, as unified diffs (clean converge
 * `want` as the old side): one entry per file, per owner, per command.
 * Empty exactly when the snapshots are equal.
 */
export function snapshotDiff(got: Snapshot, want: Snapshot): string[] {
  const out: string[] = [];
  const compare = (label: string, a: string | undefined, b: string | undefined) => {
    if (a === b) return;
    if (a === undefined || b === undefined) {
      out.push(`${label}: ${a === undefined ? 'absent from the repaired host' : 'absent from the clean converge'}`);
      return;
    }
    const patch = createTwoFilesPatch(`${label} (clean converge)`, `${label} (repaired host)`, b, a, '', '', { context: 1 });
    out.push(patch.split('\n').slice(2).join('\n').replace(/\n$/, ''));
  };
  for (const key of ['files', 'owners'] as const) {
    for (const path of [...new Set([...Object.keys(want[key]), ...Object.keys(got[key])])].sort()) {
      // stat lines have no newline of their own: give both sides one, for a diff without "No newline" noise.
      const nl = (v: string | undefined) => (key === 'owners' && v !== undefined ? `${v}\n` : v);
      compare(`${key === 'files' ? '' : 'stat '}${path}`, nl(got[key][path]), nl(want[key][path]));
    }
  }
  for (const key of ['jls', 'sockstat', 'ifconfig', 'mount', 'sysctl', 'pf', 'zfsSnapshots'] as const) compare(key, text(got[key]), text(want[key]));
  return out;
}


/**
 * The same snapshot with every text's lines sorted (and jls's jail blocks
 * kept whole): equal exactly when the two hosts have the same lines in some
 * order: the comparison the drift matrix makes.
 */
export function unordered(s: Snapshot): Snapshot {
  const sortLines = (t: string) => t.split('\n').filter(Boolean).sort().map((l) => `${l}\n`).join('');
  const mapValues = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, sortLines(v)]));
  const [header = '', ...blocks] = s.jls.split(/\n(?= +JID {2})/);
  return {
    files: mapValues(s.files),
    owners: s.owners,
    jls: [header, ...blocks.map((b) => b.replace(/\n+$/, '')).sort()].join('\n'),
    sockstat: s.sockstat,
    // Within each interface: an address must not seem to move between interfaces.
    ifconfig: s.ifconfig
      .split(/\n(?=\S)/)
      .map((block) => {
        const [first = '', ...rest] = block.split('\n');
        return [first, ...rest.filter(Boolean).sort()].join('\n');
      })
      .join('\n'),
    mount: sortLines(s.mount),
    sysctl: s.sysctl,
    pf: s.pf,
    zfsSnapshots: sortLines(s.zfsSnapshots),
  };
}
