/** Where a thin jail's shared release lives and how it is mounted (thin-base.ts); no imports, so args.ts can use it. */
export const RELEASES_DIR = '/usr/local/jailfleet/releases';
export const BASE_MOUNT = '.jailfleet-base';

export function releaseDir(release: string): string {
  return `${RELEASES_DIR}/${release}`;
}

/** The fstab(5) line jail(8) mounts the release with: `SOURCE POINT nullfs ro 0 0`. */
export function baseFstabLine(root: string, release: string): string {
  return `${releaseDir(release)} ${root}/${BASE_MOUNT} nullfs ro 0 0`;
}

/**
 * The release's etcupdate(8) tarball (`etcupdate build` from its src.txz:
 * etcupdate.ts), beside the release tree, not in it: a jail never sees it.
 */
export function etcupdateTarball(release: string): string {
  return `${RELEASES_DIR}/${release}.etcupdate.tbz`;
}
