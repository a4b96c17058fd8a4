/** zfs(8): the subcommand table and the top-level usage. */
import type { SimCommand } from '../../types.js';
import { Output } from '../freebsd/output.js';
import type { ZfsSubcommand } from './context.js';
import { zfsCreate } from './create.js';
import { zfsDestroy } from './destroy.js';
import { zfsGet } from './get.js';
import { zfsList } from './list.js';
import { zfsMount, zfsUnmount } from './mount.js';
import { zfsReceive } from './receive.js';
import { zfsRollback } from './rollback.js';
import { zfsSend } from './send.js';
import { zfsInherit, zfsSet } from './set.js';
import { zfsSnapshot } from './snapshot.js';

const SUBCOMMANDS: Record<string, ZfsSubcommand> = {
  create: zfsCreate,
  destroy: zfsDestroy,
  snapshot: zfsSnapshot,
  snap: zfsSnapshot,
  rollback: zfsRollback,
  list: zfsList,
  get: zfsGet,
  set: zfsSet,
  inherit: zfsInherit,
  send: zfsSend,
  receive: zfsReceive,
  recv: zfsReceive,
  mount: zfsMount,
  unmount: zfsUnmount,
  umount: zfsUnmount,
};

const USAGE = `usage: zfs command args ...
where 'command' is one of the following:

\tcreate [-Pnpuv] [-o property=value] ... <filesystem>
\tdestroy [-fnpRrv] <filesystem|volume>
\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]
\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...
\trollback [-rRf] <snapshot>
\tlist [-Hp] [-r|-d max] [-o property[,...]] [-t type[,...]] [filesystem|volume|snapshot] ...
\tset <property=value> ... <filesystem|volume|snapshot> ...
\tget [-rHp] [-d max] [-o "all" | field[,...]] [-t type[,...]] [-s source[,...]] <"all" | property[,...]> [filesystem|volume|snapshot|bookmark] ...
\tinherit [-rS] <property> <filesystem|volume|snapshot> ...
\tmount [-flvO] [-o opts] <-a|filesystem>
\tunmount [-fu] <-a | filesystem|mountpoint>
\tsend [-DLPbcehnpsVvw] [-i|-I snapshot] [-R] <snapshot>
\tsend [-PnVv] -t <receive_resume_token>
\treceive [-vMnsFhu] [-o <property=value>] ... [-x <property>] ... [-d | -e] <filesystem|volume|snapshot>
\treceive -A <filesystem|volume>
`;

export const zfsCommand: SimCommand = (ctx) => {
  const out = new Output();
  const [sub, ...args] = ctx.argv.slice(1);
  if (sub === undefined) return out.err(USAGE).result(2);
  const run = SUBCOMMANDS[sub];
  if (!run) return out.err(`unrecognized command '${sub}'\n${USAGE}`).result(2);
  // stdin is read only by the subcommands that take it (receive): `zfs list`
  // in a session's gather must not wait for the controller's input.
  return run(
    {
      state: ctx.host.state,
      fs: ctx.host.fs,
      get stdin() {
        return ctx.stdin;
      },
      out,
    },
    args,
  );
};
