/**
 * Captured output for any fact command of a plain FreeBSD host that has
 * nothing yet (no jail, no package, services stopped), answered by the
 * command's shape — so the declaration tests can plan every module without
 * a captured table per case. `over` wins, by exact command text.
 */
import type { ExecResult } from '../../src/transport/transport.js';
import { absent, fail, ok, type Captured } from './harness.js';
import { jlsJson } from './jail-fixtures.js';

const SOCKSTAT = ok(
  'USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      \n' +
    'root     sshd         602 3   tcp4   *:22                  *:*\n' +
    'root     syslogd      600 4   udp4   *:514                 *:*\n',
);

const IFCONFIG = ok('em0: flags=1008843<UP,BROADCAST,RUNNING> metric 0 mtu 1500\n\tinet 192.0.2.11 netmask 0xffffff00 broadcast 192.0.2.255\n');

// Shapes are written over the literal command names (sockstat(1), sysrc(8), …),
// never taken from the modules' own command builders.
const SHAPES: Array<[RegExp, ExecResult]> = [
  [/^sockstat -4l && for jf_j in \$\(jls jid\); do /, SOCKSTAT],
  [/^if \[ -e /, absent],
  [/^if \[ -L /, absent],
  [/^if \[ -d /, ok('/first/entry/that/differs\n')],
  [/^sysrc( -j \S+)? -f \S+ -n /, ok('NO\n')],
  [/^sysrc( -j \S+)? -D -n /, ok('NO\n')],
  [/^(jexec \S+ )?grep -Eq /, ok('')],
  [/^sysrc -a$/, ok('hostname: h1\nifconfig_em0: inet 192.0.2.11/24\n')],
  [/^jls -v --libxo json$/, jlsJson([])],
  [/^readlink /, fail(1, '')],
  [/^sha256 -q /, ok(`${'ab'.repeat(32)}\n`)],
  [/^zfs list /, fail(1, "cannot open 'x': dataset does not exist\n")],
  [/^sysctl -n /, ok('1\n')],
  [/^service .* onestatus$/, fail(1, '', 'it is not running.\n')],
  [/^pkg( -j \S+)? info -e /, fail(1, '')],
  [/^pkg( -j \S+)? upgrade -n /, fail(1, '', 'Installed packages to be UPGRADED:\n')],
  [/^test -e /, fail(1, '')],
  [/^jexec -l \S+ test -e /, fail(1, '')],
  [/^jexec -l \S+ \/bin\/sh -c '\{ .*>\/dev\/null 2>&1'$/, fail(1, '')],
  [/^ifconfig /, IFCONFIG],
  [/^mount$/, ok('/dev/ada0p2 on / (ufs, local, soft-updates)\n')],
  [/^printf '%s\\n' "\$\{SSH_CONNECTION/, ok('\n')],
  [/>\/dev\/null 2>&1$/, fail(1, '')],
];

export function fakeHost(over: Captured = {}): Captured {
  return new Proxy(over, {
    get(target, command): ExecResult | undefined {
      if (typeof command !== 'string') return undefined;
      if (command in target) return target[command];
      const shape = SHAPES.find(([re]) => re.test(command));
      if (!shape) throw new Error(`fake host: no answer for ${command}`);
      return shape[1];
    },
  });
}
