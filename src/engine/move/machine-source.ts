/**
 * What a machine move reads (issue 13, machine → jail), in one exec per
 * host, before anything changes: on the source its rc.conf settings
 * (`sysrc -a`), the packages installed by name (`pkg query -e '%a = 0' '%n'`),
 * its accounts, addresses, the listed paths and whether it was retired
 * already; on the destination the jail's site, the move record, and the
 * accounts the jail has (or, before it is built, the host's system ones).
 */
import { posix } from 'node:path';
import { FactParseError } from '../../modules/facts/fact-parse-error.js';
import { fileFact, type FileFact } from '../../modules/facts/file-fact.js';
import { interfacesFact, type HostInterface } from '../../modules/jail/host-net.js';
import type { FactSpec } from '../../modules/types.js';
import type { Transport } from '../../transport/transport.js';
import { readFacts, readSite, type JailSite } from './jail-site.js';
import { parseGroups, parseUsers, systemAccounts, type Account } from './machine-accounts.js';
import { parseSysrcAll } from './machine-services.js';
import { recordPath } from './move-record.js';

/** Where a retired machine says what it became (read by later runs: the move is done). */
export const RETIRED_FILE = '/var/db/jailfleet/retired';

const sysrcAll: FactSpec<Array<[string, string]>> = {
  key: 'sysrc-all::',
  command: 'sysrc -a',
  parse(out) {
    if (out.code !== 0) throw new FactParseError('sysrc-all::', 'sysrc -a failed', out);
    return parseSysrcAll(out.stdout);
  },
};

/** Packages installed by name, not as dependencies; none when pkg itself is not installed. */
const leafPackages: FactSpec<string[]> = {
  key: 'pkg-leaves::',
  command: "if pkg info -e pkg >/dev/null 2>&1; then pkg query -e '%a = 0' '%n'; fi",
  parse(out) {
    if (out.code !== 0) throw new FactParseError('pkg-leaves::', 'pkg query failed', out);
    return out.stdout.split('\n').filter(Boolean);
  },
};

const content = (f: FileFact): string | undefined => (f.kind === 'file' ? f.content : undefined);

export interface Accounts {
  users: Account[];
  groups: Account[];
}

function accounts(master: FileFact, passwd: FileFact, group: FileFact): Accounts {
  return { users: parseUsers(content(master) ?? content(passwd) ?? ''), groups: parseGroups(content(group) ?? '') };
}

export interface MachineSource {
  rc: Array<[string, string]>;
  packages: string[];
  accounts: Accounts;
  ifaces: HostInterface[];
  /** The listed paths that are not directories on the source. */
  notDirectories: string[];
  /** What the retired marker says, if the machine was retired. */
  retired: string | undefined;
}

export async function readMachineSource(transport: Transport, paths: string[]): Promise<MachineSource> {
  const [rc, packages, master, passwd, group, ifaces, retired, ...dirs] = await readFacts<[Array<[string, string]>, string[], FileFact, FileFact, FileFact, HostInterface[], FileFact, ...FileFact[]]>(transport, [
    sysrcAll,
    leafPackages,
    fileFact('/etc/master.passwd'),
    fileFact('/etc/passwd'),
    fileFact('/etc/group'),
    interfacesFact(),
    fileFact(RETIRED_FILE),
    ...paths.map((p) => fileFact(p)),
  ]);
  return {
    rc,
    packages,
    accounts: accounts(master, passwd, group),
    ifaces,
    notDirectories: paths.filter((_, i) => dirs[i]?.kind !== 'directory'),
    retired: content(retired)?.trim(),
  };
}

export interface MachineDestination {
  site: JailSite;
  /** The move record of the jail's name: this move's own unfinished jail, when it names the source. */
  record: string | undefined;
  rootExists: boolean;
  /** The jail root's accounts when it exists, else the host's system accounts. */
  accounts: Accounts;
}

export async function readMachineDestination(transport: Transport, name: string, root: string): Promise<MachineDestination> {
  const site = await readSite(transport, name);
  const at = (p: string) => fileFact(posix.join(root, p));
  const [record, rootFact, master, passwd, group, hostMaster, hostPasswd, hostGroup] = await readFacts<FileFact[]>(transport, [
    fileFact(recordPath(name)),
    fileFact(root),
    at('etc/master.passwd'),
    at('etc/passwd'),
    at('etc/group'),
    fileFact('/etc/master.passwd'),
    fileFact('/etc/passwd'),
    fileFact('/etc/group'),
  ]);
  const inJail = content(group!) !== undefined;
  const host = accounts(hostMaster!, hostPasswd!, hostGroup!);
  return {
    site,
    record: content(record!)?.trim(),
    rootExists: rootFact!.kind !== 'absent',
    accounts: inJail ? accounts(master!, passwd!, group!) : { users: systemAccounts(host.users), groups: systemAccounts(host.groups) },
  };
}
