/**
 * The simulated FreeBSD host's state and command API. State is plain JSON so a
 * `transport: sim` host saves to and loads from one file in the state dir.
 *
 * The simulator shares no parsing or editing code with src/modules (DESIGN.md
 * §5): it never imports from there.
 */

export interface SimOwner {
  mode: number; // permission bits, e.g. 0o644
  uid: number;
  gid: number;
  mtime: number; // seconds since epoch (the host's fake clock)
  /**
   * Set once the node has hard links (link(2)): every path naming the same
   * file holds the same node object while the host runs, and the state file
   * holds one copy per path, all with this number, which loading joins again
   * (fs.ts). Absent on a node with one name: its inode number is derived
   * from its path (fs.ts inodeOf). Never on a directory.
   */
  ino?: number;
  /** How many paths name it (st_nlink) once hard-linked; absent = 1. */
  nlink?: number;
}

export interface SimFile extends SimOwner {
  kind: 'file';
  content: string; // text; binary archives are stored base64 with binary: true
  binary?: boolean;
}

export interface SimDir extends SimOwner {
  kind: 'dir';
}

export interface SimLink extends SimOwner {
  kind: 'link';
  target: string;
}

export type SimNode = SimFile | SimDir | SimLink;

export interface SimListener {
  proto: 'tcp4' | 'udp4' | 'tcp6' | 'udp6';
  /** '*' for the wildcard address. */
  addr: string;
  port: number;
  fd: number;
}

export interface SimProcess {
  /** rc.d service name, e.g. "sshd". */
  service: string;
  /** The command name sockstat shows, e.g. "sshd", "master" for postfix. */
  command: string;
  user: string;
  pid: number;
  /** Jail name when the daemon runs inside a jail. */
  jail?: string;
  listeners: SimListener[];
}

export interface SimInterface {
  name: string;
  ether?: string;
  mtu: number;
  inet: Array<{ addr: string; prefixLen: number }>;
  inet6: Array<{ addr: string; prefixLen: number }>;
  /**
   * The cloner that made it (`ifconfig epair|bridge|lo create`); absent for
   * the host's own interfaces, whose UP flag the simulator does not track.
   */
  cloner?: 'epair' | 'bridge' | 'lo';
  /** A cloned interface's UP flag (IFF_UP): cloned interfaces start down. */
  up?: boolean;
  /** if_index, given at creation (absent: position in the list + 1). */
  index?: number;
  /** A bridge's members, in the order added (if_bridge(4) `addm`). */
  members?: string[];
  /** The jail (by name) whose vnet holds it now; absent = the host's. */
  vnet?: string;
  /** The jail whose vnet created it (its own lo0): destroyed with that vnet, not returned. */
  bornIn?: string;
}

export interface SimJail {
  name: string;
  jid: number;
  path: string;
  hostname: string;
  ip4: string[];
  /** Every jail.conf parameter it was created with (name=value as jls -n). */
  params: Record<string, string>;
  state: 'ACTIVE' | 'DYING';
}

export interface SimMount {
  from: string;
  on: string;
  fstype: string;
  options: string[];
}

export interface SimDataset {
  name: string;
  mountpoint: string;
  snapshots: Array<{ name: string; guid: string; createtxg: number }>;
  properties: Record<string, string>;
}

/** One pf ruleset (the main one or an anchor): its rules as pfctl prints them. */
export interface SimPfRuleset {
  nat: string[];
  rdr: string[];
  filter: string[];
}

/** pf(4): whether it is enabled, and its rulesets by anchor path ("" is the main ruleset). */
export interface SimPf {
  enabled: boolean;
  rulesets: Record<string, SimPfRuleset>;
}

export interface SimState {
  version: 1;
  hostname: string;
  /** e.g. "14.2-RELEASE" (freebsd-version, uname -r). */
  release: string;
  /** Absolute, normalised paths ("/", "/etc", "/etc/rc.conf") to nodes. */
  fs: Record<string, SimNode>;
  sysctl: Record<string, string>;
  interfaces: SimInterface[];
  processes: SimProcess[];
  jails: SimJail[];
  mounts: SimMount[];
  datasets: SimDataset[];
  /** pf; absent = pf loaded, disabled, no rules (pf-state.ts). */
  pf?: SimPf;
  /**
   * Installed packages (name→version) per package database: "" for the
   * host, else the host path of the root it belongs to, so pkg -j and pkg -r
   * agree (commands/jail/pkg-db.ts; older files keyed jails by name).
   */
  packages: Record<string, Record<string, string>>;
  /**
   * pkg's automatic flag (installed as a dependency, `%a` = 1), per key of
   * `packages`: the names that have it. Absent (older state files) = none.
   */
  packagesAutomatic?: Record<string, string[]>;
  nextPid: number;
  nextJid: number;
  /**
   * Absent: the host is up. 'stopping': `shutdown -p now` ran and the host
   * powers off when the exec that ran it ends; 'off': it did, and refuses
   * every connection until `jailfleet sim reset` (power.ts).
   */
  power?: 'stopping' | 'off';
  /** Fake clock (seconds since epoch), advanced by each exec. */
  clock: number;
}

export interface SimResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  stdin?: string;
  /**
   * The caller's stdin itself, inherited as a child process inherits fd 0
   * (lockf, env, jexec): reads go on where the caller's left off, and an open
   * stdin (a session, src/sim/session.ts) stays open. Wins over `stdin`.
   * Only a run as steps (SimStepContext.runSteps) can wait on an open stdin.
   */
  input?: import('./shell/io.js').Reader;
  /** Run as if chrooted/jailed here: paths resolve under this host path. */
  root?: string;
  /** Jail name when running inside a jail (jexec, sysrc -j, service -j). */
  jail?: string;
  env?: Record<string, string>;
  cwd?: string;
}

export interface SimCommandContext {
  /** argv[0] is the command name as typed. */
  argv: string[];
  /** Reads all of stdin (consuming it). Read stdin before changing anything: a session's command may be run again (shell/unit.ts). */
  stdin: string;
  /** Up to `n` bytes (UTF-8) of stdin, as read(2) with a count (head -c); absent outside the interpreter. */
  stdinBytes?(n: number): string;
  /** The stdin file descriptor, not read: to hand to a child (RunOptions.input). Absent outside the interpreter. */
  readonly input?: import('./shell/io.js').Reader | undefined;
  env: Record<string, string>;
  cwd: string;
  /** Host path that "/" means for this command ("/" outside jails). */
  root: string;
  jail?: string;
  host: SimHostApi;
  /** Run shell text on the same host (jexec, sysrc -j, rc.d scripts). */
  run(script: string, options?: RunOptions): SimResult;
}

/**
 * A command of the host's table. Commands that run another command line on
 * the same stdin (lockf, env, jexec, sh) also have `steps`, which the
 * interpreter prefers: the same work as a generator it drives, so the nested
 * run can stop where it waits for stdin or a lock and go on later
 * (src/sim/shell/steps.ts). Called as a plain function they run to the end.
 */
export interface SimCommand {
  (ctx: SimCommandContext): SimResult;
  steps?: (ctx: SimStepContext) => import('./shell/steps.js').MaybeSteps<SimResult>;
}

/** What a command run as steps gets besides SimCommandContext. */
export interface SimStepContext extends SimCommandContext {
  /**
   * ctx.run as steps: the nested shell writes straight to this command's
   * stdout and stderr (the result carries only the exit status) and may wait.
   */
  runSteps(script: string, options?: RunOptions): import('./shell/steps.js').MaybeSteps<SimResult>;
  /**
   * runSteps of the command line `argv` quoted word by word (execvp in a
   * fresh shell: lockf, env), without the text being built and parsed
   * again; absent outside the interpreter (commands/base/exec-argv.ts).
   */
  execSteps?(argv: string[], options?: RunOptions): import('./shell/steps.js').MaybeSteps<SimResult>;
}

/** What commands may use of the host: its state, its files, its clock. */
export interface SimHostApi {
  readonly name: string;
  state: SimState;
  fs: import('./fs.js').SimFs;
  /** Allocate a pid, advancing state.nextPid. */
  newPid(): number;
  /** lockf locks held by runs on this host, for as long as they wait for input too (absent in unit-test contexts). */
  readonly locks?: import('./locks.js').SimLocks;
}
