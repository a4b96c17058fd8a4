/**
 * The address this SSH session came in on, as the host saw it: the third
 * word of $SSH_CONNECTION ("client port server port"). It is the truth even
 * behind NAT, a ProxyJump or an ssh_config alias; it is empty when the
 * session is not sshd's (the simulator, `become` wiping the environment).
 */
import type { FactSpec } from '../types.js';

export function sessionAddressFact(): FactSpec<string | undefined> {
  return {
    key: 'ssh-session::server-address',
    command: `printf '%s\\n' "\${SSH_CONNECTION:-}"`,
    parse(out) {
      const server = out.stdout.trim().split(/\s+/)[2];
      return server === undefined || server === '' ? undefined : server;
    },
    // The session's own environment: no step can change it.
    reads: [],
  };
}
