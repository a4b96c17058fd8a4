/**
 * Unmounting what is mounted below a jail's root, from the host's mount
 * table as it is when the lines run: the stop (teardown.ts) and a start
 * whose jail is already gone (runtime.ts) both go by it, never by a file.
 */
import { quote } from '../../shell/quote.js';

/**
 * Lines that unmount every mount point below `root`, deepest first. In the
 * loop over `mount`'s lines, $jf_l is the line, $jf_on its mount point and
 * $jf_t what follows " (" (its type first): each line of `skip` (whole,
 * indented lines) may `continue` past a mount to leave it mounted.
 * `strict`: a failed umount ends the script (exit 1); else the rest are
 * still tried.
 */
export function unmountBelowLines(root: string, skip: string[], strict: boolean): string[] {
  return [
    // `mount` prints "FROM on POINT (TYPE, flags...)" (freebsd.md §12).
    'mount | while IFS= read -r jf_l; do',
    '  jf_on=${jf_l#* on }',
    '  jf_t=${jf_on##* (}',
    '  jf_on=${jf_on% (*}',
    ...skip,
    `  case $jf_on in ${quote(root)}/*) printf '%s\\n' "$jf_on" ;; esac`,
    // Reverse order puts every mount point before the one it lies below.
    'done | sort -r | while IFS= read -r jf_on; do',
    strict ? '  umount "$jf_on" || exit 1' : '  umount "$jf_on"',
    strict ? 'done || exit 1' : 'done',
  ];
}
