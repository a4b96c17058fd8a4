/**
 * freebsd-update(8) for release upgrades of the host and of jail trees
 * (usr.sbin/freebsd-update/freebsd-update.sh). Modelled: the checks and
 * messages of fetchupgrade_check_params/upgrade_check_params/
 * install_check_params, the pending install in the work directory
 * (fu-workdir.ts), and the install steps of install_files() — kernel first
 * ("Kernel updates have been installed.  Please reboot and run ..."), then
 * world, then, for an upgrade to another major version, the old shared
 * libraries — with what they change in the tree (fu-tree.ts). Output lines
 * come from FreeBSD 14.x transcripts of the same commands (see
 * test/sim/freebsd/freebsd-update.test.ts); the download/merge chatter between
 * the first and last lines of `upgrade` is abbreviated, file lists name only
 * the files the simulator changes, and no /etc merge, sshd restart, boot
 * environment snapshot or certctl rehash is modelled. Releases are those the
 * simulator knows (archive/release.ts KNOWN_RELEASES); any other has no
 * metadata on the (simulated) mirrors. Run in a jail it works on the
 * jail's own root (-b and -d default to its / and /var/db/freebsd-update);
 * the KERNELDIR check (`sysctl -n kern.bootfile` must name a directory in
 * that root, "Cannot identify running kernel") is not modelled: a release's
 * base.txz has boot/kernel (etc/mtree/BSD.root.dist), the simulated one not.
 */
import { KNOWN_RELEASES } from '../../archive/release.js';
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';
import { userlandVersion } from '../base/freebsd-version.js';
import { FU_USAGE, parseFuArgs, type FuArgs } from './fu-args.js';
import { clearPending, readPending, writePending } from './fu-workdir.js';
import { hasKernel, writeKernel, writeUserland } from './fu-tree.js';

interface Run {
  ctx: SimCommandContext;
  args: FuArgs;
  /** The tree's host path. */
  base: string;
  /** The work directory's host path (-d, in the jail's root when run in one). */
  workdir: string;
  /** The running release as freebsd-update sees it (RELNUM). */
  relnum: string;
  seededHost: boolean;
  out: string;
  err: string;
}

const INSTALL_AGAIN = "'freebsd-update [options] install' again to finish installing updates.\n";

function mirrorsFail(release: string): string {
  let s = '';
  for (const n of [1, 2, 3]) s += `Fetching metadata signature for ${release} from update${n}.freebsd.org... failed.\n`;
  return (
    s +
    'No mirrors remaining, giving up.\n\n' +
    `This may be because upgrading from this platform (amd64)\nor release (${release}) is unsupported by freebsd-update. Only\n` +
    'platforms with Tier 1 support can be upgraded by freebsd-update.\nSee https://www.freebsd.org/platforms/index.html for more info.\n\n' +
    'If unsupported, FreeBSD must be upgraded by source.\n'
  );
}

/**
 * config_Components while /etc/freebsd-update.conf (the host's) is read, on
 * every run: a `src` component without ${BASEDIR}/usr/src/COPYRIGHT says so.
 */
function srcLine(r: Run): string {
  const fs = r.ctx.host.fs;
  const conf = fs.stat(fs.resolve(r.ctx.root, '/', '/etc/freebsd-update.conf'));
  if (conf?.kind !== 'file' || !/^\s*Components\s.*\bsrc\b/m.test(conf.content)) return '';
  return fs.exists(`${r.base === '/' ? '' : r.base}/usr/src/COPYRIGHT`) ? '' : 'src component not installed, skipped\n';
}

function major(release: string): string {
  return release.split('.')[0]!;
}

function upgrade(r: Run): number {
  const { args } = r;
  if (!args.target) {
    r.out += 'freebsd-update: Release target must be specified via -r option.\n';
    return 1;
  }
  if (args.target === r.relnum) {
    r.out += `freebsd-update: Cannot upgrade from ${r.relnum} to itself\n`;
    return 1;
  }
  r.out += 'Looking up update.FreeBSD.org mirrors... 3 mirrors found.\n';
  if (!KNOWN_RELEASES.includes(r.relnum)) {
    r.out += mirrorsFail(r.relnum);
    return 1;
  }
  const kernel = hasKernel(r.ctx.host.fs, r.base, r.seededHost);
  r.out += `Fetching metadata signature for ${r.relnum} from update1.freebsd.org... done.\nFetching metadata index... done.\nInspecting system... done.\n\n`;
  r.out += `The following components of FreeBSD seem to be installed:\n${kernel ? 'kernel/generic world/base' : 'world/base'}\n\n`;
  r.out += `The following components of FreeBSD do not seem to be installed:\n${kernel ? '' : 'kernel/generic '}kernel/generic-dbg world/base-dbg world/lib32 world/lib32-dbg\n\n`;
  r.out += 'Does this look reasonable (y/n)? ';
  const answer = r.ctx.stdin.split('\n').map((l) => l.trim()).find((l) => /^[yYnN]$/.test(l));
  // upgrade_guess_components() asks until it reads y or n; at the end of its input a real run would ask forever.
  if (answer === undefined || /^[nN]$/.test(answer)) return 1;
  if (!KNOWN_RELEASES.includes(args.target)) {
    r.out += mirrorsFail(args.target);
    return 1;
  }
  r.out += `Fetching metadata signature for ${args.target} from update1.freebsd.org... done.\nFetching metadata index... done.\nInspecting system... done.\n`;
  r.out += `Fetching files from ${r.relnum} for merging... done.\nPreparing to download files... done.\nAttempting to automatically merge changes in files... done.\n\n`;
  const files = [...(kernel ? ['/boot/kernel/kernel'] : []), '/bin/freebsd-version'];
  r.out += `The following files will be updated as part of updating to\n${args.target}-p0:\n${files.join('\n')}\n`;
  r.out += "To install the downloaded upgrades, run 'freebsd-update [options] install'.\n";
  writePending(r.ctx.host.fs, r.workdir, args.basedir, args.target, files, major(args.target) !== major(r.relnum));
  return 0;
}

/** install_files(): one step per run, as FreeBSD does it. */
function install(r: Run): number {
  const fs = r.ctx.host.fs;
  const pending = readPending(fs, r.workdir, r.args.basedir);
  if (!pending) {
    r.out += `No updates are available to install.\nRun '${r.ctx.argv[0]!.includes('/') ? r.ctx.argv[0] : '/usr/sbin/freebsd-update'} fetch' first.\n`;
    return 1;
  }
  r.out += 'Installing updates...';
  if (!fs.exists(`${pending.dir}/kerneldone`)) {
    fs.writeFile(`${pending.dir}/kerneldone`, '');
    if (hasKernel(fs, r.base, r.seededHost)) writeKernel(fs, r.base, pending.release);
    r.out += `\nKernel updates have been installed.  Please reboot and run\n${INSTALL_AGAIN}`;
    return 0;
  }
  if (!fs.exists(`${pending.dir}/worlddone`)) {
    fs.writeFile(`${pending.dir}/worlddone`, '');
    r.err += writeUserland(fs, r.base, pending.release, r.ctx.host.state, r.args.basedir);
    if (fs.exists(`${pending.dir}/oldlibs`)) {
      r.out += `\nCompleting this upgrade requires removing old shared object files.\nPlease rebuild all installed 3rd party software (e.g., programs\ninstalled from the ports tree) and then run\n${INSTALL_AGAIN}`;
      return 0;
    }
  }
  clearPending(fs, r.workdir, r.args.basedir);
  r.out += ' done.\n';
  return 0;
}

function fetch(r: Run): number {
  if (!r.args.notFromCron) {
    r.out += 'freebsd-update fetch should not be run non-interactively.\nRun freebsd-update cron instead.\n';
    return 1;
  }
  if (r.args.target) {
    r.out += "freebsd-update: -r option is meaningless with 'fetch' command.  (Did you mean 'upgrade' instead?)\n";
    return 1;
  }
  const pending = readPending(r.ctx.host.fs, r.workdir, r.args.basedir);
  if (pending && r.ctx.host.fs.exists(`${pending.dir}/kerneldone`) && !r.args.force) {
    r.out += "You have a partially completed upgrade pending\nRun '/usr/sbin/freebsd-update install' first.\nRun '/usr/sbin/freebsd-update fetch -F' to proceed anyway.\n";
    return 1;
  }
  r.out += 'Looking up update.FreeBSD.org mirrors... 3 mirrors found.\n';
  if (!KNOWN_RELEASES.includes(r.relnum)) {
    r.out += mirrorsFail(r.relnum);
    return 1;
  }
  r.out += `Fetching metadata signature for ${r.relnum} from update1.freebsd.org... done.\nFetching metadata index... done.\nInspecting system... done.\nPreparing to download files... done.\n\n`;
  r.out += `No updates needed to update system to ${r.relnum}-p0.\n`;
  return 0;
}

export const freebsdUpdateCommand: SimCommand = (ctx) => {
  const args = parseFuArgs(ctx.argv.slice(1));
  if (!args) return { stdout: FU_USAGE, stderr: '', code: 0 };
  const fs = ctx.host.fs;
  const state = ctx.host.state;
  // In a jail, "/" is the jail's root: -b and -d name paths in it, and the
  // shell runs this confined (links resolve inside it). Root in a jail is
  // uid 0, so install_check_params' `id -u` check passes, and
  // install_create_be() returns early when security.jail.jailed is 1
  // (freebsd-update.sh). RELNUM is `uname -r`: the jail's osrelease.
  const here = ctx.jail === undefined ? undefined : state.jails.find((j) => j.name === ctx.jail);
  let base = fs.resolve(ctx.root, '/', args.basedir);
  let relnum = (args.currentlyRunning ?? here?.params.osrelease ?? state.release).replace(/-p\d+$/, '');
  if (args.jail !== undefined && here === undefined) {
    const jail = state.jails.find((j) => j.name === args.jail || String(j.jid) === args.jail);
    if (!jail) return { stdout: '', stderr: `jls: jail "${args.jail}" not found\n`, code: 1 };
    base = jail.path;
    args.basedir = jail.path;
    relnum = (args.currentlyRunning ?? userlandVersion(ctx, jail.path) ?? state.release).replace(/-p\d+$/, '');
  }
  const workdir = fs.resolve(ctx.root, '/', args.workdir);
  const r: Run = { ctx, args, base, workdir, relnum, seededHost: base === '/', out: '', err: '' };
  r.out = srcLine(r);
  if (!fs.isDir(workdir)) return { stdout: `${r.out}freebsd-update: Directory does not exist or is not writable: ${args.workdir}\n`, stderr: '', code: 1 };
  let code = 0;
  for (const command of args.commands) {
    if (command === 'upgrade') code = upgrade(r);
    else if (command === 'install') code = install(r);
    else if (command === 'fetch') code = fetch(r);
    else {
      const res: SimResult = { stdout: r.out, stderr: `freebsd-update ${command}: not simulated by jailfleet\n`, code: 1 };
      return res;
    }
    if (code !== 0) break;
  }
  return { stdout: r.out, stderr: r.err, code };
};
