import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import type { CliIo } from '../io.js';
import { loadCheckedInventory, loadRunConfig } from '../load-inputs.js';
import { makeConnector } from '../../engine/connector.js';
import { connectorOptions } from '../connector-options.js';
import { hostFactSpecs } from '../../engine/host-facts.js';
import { buildGatherScript, parseFramedOutput, shCommand } from '../../shell/script.js';
import { InputError } from '../../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export async function factsCommand(hostName: string, opts: { inventory?: string; json?: boolean; stateDir?: string }, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  const inventory = loadCheckedInventory(opts.inventory, config, io.cwd);
  const host = inventory.hosts.get(hostName);
  if (!host) throw new InputError(`unknown host "${hostName}" (not in ${inventory.file})`);
  const connector = makeConnector(connectorOptions(config, io, opts.stateDir));
  const transport = await connector.connect(host);
  try {
    const nonce = randomBytes(6).toString('hex');
    const out = await transport.exec(shCommand(buildGatherScript(hostFactSpecs, nonce)));
    const { results } = parseFramedOutput(out.stdout, out.stderr, hostFactSpecs.length, nonce);
    const facts: Record<string, unknown> = {};
    hostFactSpecs.forEach((spec, i) => {
      const r = results[i];
      if (!r || r.code !== 0) {
        facts[spec.name] = { error: r?.stderr.trim() || `exit ${r?.code ?? out.code}` };
        return;
      }
      try {
        facts[spec.name] = spec.parse(r);
      } catch (err) {
        facts[spec.name] = { error: err instanceof Error ? err.message : String(err) };
      }
    });
    io.out(opts.json ? JSON.stringify(facts, null, 2) + '\n' : stringify(facts));
    return EXIT.ok;
  } finally {
    await transport.close();
    await connector.close?.();
  }
}
