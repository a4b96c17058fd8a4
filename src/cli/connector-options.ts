import { resolve } from 'node:path';
import type { JailfleetConfig } from '../config/load-config.js';
import type { ConnectorOptions } from '../engine/connector.js';
import type { CliIo } from './io.js';
import { ttyPassphrasePrompt } from './prompt-passphrase.js';

/** How every command that talks to hosts connects: config, state dir, a TTY passphrase prompt. */
export function connectorOptions(config: JailfleetConfig, io: CliIo, stateDir: string | undefined): ConnectorOptions {
  const ask = io.isTTY ? ttyPassphrasePrompt() : undefined;
  return {
    stateDir: resolve(io.cwd, stateDir ?? config.stateDir),
    connectTimeoutMs: config.connectTimeoutMs,
    commandTimeoutMs: config.commandTimeoutMs,
    knownHosts: config.knownHosts,
    hostKeyChecking: config.hostKeyChecking,
    ...(ask ? { askPassphrase: ask } : {}),
  };
}
