/**
 * freebsd-update's command line (usr.sbin/freebsd-update/freebsd-update.sh
 * parse_cmdline): -b basedir, -d workdir, -f conffile, -F, -j jail,
 * -k KEY, -r newrelease, -s server, -t address, -v level,
 * --currently-running release, --not-running-from-cron, --debug,
 * --no-stats; the commands cron, fetch, upgrade, updatesready, install,
 * rollback, IDS, showconfig. Anything else prints usage. -r and
 * --currently-running take a bare number as N-RELEASE (config_TargetRelease,
 * config_SourceRelease: `grep -qE '^[0-9.]+$'` → "${1}-RELEASE"). -j (14.x)
 * is taken as the simulator's own shorthand for -b JAILPATH with the jail's
 * userland as the running release (INFERRED from 14.x use of -j).
 */
export interface FuArgs {
  basedir: string;
  workdir: string;
  jail?: string;
  target?: string;
  currentlyRunning?: string;
  notFromCron: boolean;
  force: boolean;
  commands: string[];
}

function asRelease(v: string): string {
  return /^[0-9.]+$/.test(v) ? `${v}-RELEASE` : v;
}

const WITH_VALUE = new Set(['-b', '-d', '-f', '-j', '-k', '-r', '-s', '-t', '-v', '--currently-running']);
const COMMANDS = new Set(['cron', 'fetch', 'upgrade', 'updatesready', 'install', 'rollback', 'IDS', 'showconfig']);

export function parseFuArgs(argv: string[]): FuArgs | undefined {
  const a: FuArgs = { basedir: '/', workdir: '/var/db/freebsd-update', notFromCron: false, force: false, commands: [] };
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    if (WITH_VALUE.has(w)) {
      const v = argv[++i];
      if (v === undefined) return undefined;
      if (w === '-b') a.basedir = v;
      else if (w === '-d') a.workdir = v;
      else if (w === '-j') a.jail = v;
      else if (w === '-r') a.target = asRelease(v);
      else if (w === '--currently-running') a.currentlyRunning = asRelease(v);
    } else if (w === '--not-running-from-cron') a.notFromCron = true;
    else if (w === '-F') a.force = true;
    else if (w === '--debug' || w === '--no-stats') continue;
    else if (COMMANDS.has(w)) a.commands.push(w);
    else return undefined;
  }
  return a.commands.length ? a : undefined;
}

/** usage(): `cat <<EOF` on stdout, then `exit 0` (freebsd-update.sh as read). */
export const FU_USAGE = `usage: freebsd-update [options] command ... [path]

Options:
  -b basedir   -- Operate on a system mounted at basedir
                  (default: /)
  -d workdir   -- Store working files in workdir
                  (default: /var/db/freebsd-update/)
  -f conffile  -- Read configuration options from conffile
                  (default: /etc/freebsd-update.conf)
  -F           -- Force a fetch operation to proceed in the
                  case of an unfinished upgrade
  -k KEY       -- Trust an RSA key with SHA256 hash of KEY
  -r release   -- Target for upgrade (e.g., 11.1-RELEASE)
  -s server    -- Server from which to fetch updates
                  (default: update.FreeBSD.org)
  -t address   -- Mail output of cron command, if any, to address
                  (default: root)
  --not-running-from-cron
               -- Run without a tty, for use by automated tools
  --currently-running release
               -- Update as if currently running this release
Commands:
  fetch        -- Fetch updates from server
  cron         -- Sleep rand(3600) seconds, fetch updates, and send an
                  email if updates were found
  upgrade      -- Fetch upgrades to FreeBSD version specified via -r option
  install      -- Install downloaded updates or upgrades
  rollback     -- Uninstall most recently installed updates
  IDS          -- Compare the system against an index of "known good" files.
`;
