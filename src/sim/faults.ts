/**
 * The inventory's `sim.faults` map (snake_case, as users write YAML) turned
 * into the simulator's fault options, with errors that name the host:
 *
 *   sim: { faults: { fail: [{ command: "service sshd onereload", code: 1, stderr: "..." }],
 *                    slow_ms: 500, drop_after_commands: 12, drop_after_bytes: 4096, drop_after_input_bytes: 512,
 *                    unreachable: true, host_key_change: true } }
 */
import { InputError, type SourcePos } from '../errors.js';
import type { SimTransportFaults } from './transport.js';

const KNOWN = ['fail', 'slow_ms', 'drop_after_commands', 'drop_after_bytes', 'drop_after_input_bytes', 'unreachable', 'host_key_change'];
const FAIL_KEYS = ['command', 'code', 'stderr'];
/** The SimTransport option names, accepted too (inventories written before this normalisation use them). */
const CAMEL: Record<string, string> = { failCommand: 'fail', slowMs: 'slow_ms', dropAfterCommands: 'drop_after_commands', dropAfterBytes: 'drop_after_bytes', dropAfterInputBytes: 'drop_after_input_bytes', hostKeyChange: 'host_key_change', match: 'command' };

function snakeKeys(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [CAMEL[k] ?? k, v]));
}

export function normalizeSimFaults(hostName: string, raw: unknown, pos?: SourcePos): SimTransportFaults | undefined {
  if (raw === undefined || raw === null) return undefined;
  const bad = (what: string): never => {
    throw new InputError(`host ${hostName}: sim.faults${what}`, pos);
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) return bad(' must be a map');
  const map = snakeKeys(raw as Record<string, unknown>);
  const unknown = Object.keys(map).filter((k) => !KNOWN.includes(k));
  if (unknown.length) bad(`: unknown fault '${unknown[0]}' (known: ${KNOWN.join(', ')})`);

  const faults: SimTransportFaults = {};
  const count = (key: string): number | undefined => {
    const v = map[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) bad(`.${key} must be a whole number >= 0`);
    return v as number;
  };
  const flag = (key: string): boolean | undefined => {
    const v = map[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') bad(`.${key} must be true or false`);
    return v as boolean;
  };
  const slow = count('slow_ms');
  if (slow !== undefined) faults.slowMs = slow;
  const drop = count('drop_after_commands');
  if (drop !== undefined) faults.dropAfterCommands = drop;
  const dropBytes = count('drop_after_bytes');
  if (dropBytes !== undefined) faults.dropAfterBytes = dropBytes;
  const dropInput = count('drop_after_input_bytes');
  if (dropInput !== undefined) faults.dropAfterInputBytes = dropInput;
  const unreachable = flag('unreachable');
  if (unreachable !== undefined) faults.unreachable = unreachable;
  const keyChange = flag('host_key_change');
  if (keyChange !== undefined) faults.hostKeyChange = keyChange;
  if (map.fail !== undefined) faults.failCommand = failures(map.fail, bad);
  return faults;
}

function failures(raw: unknown, bad: (what: string) => never): NonNullable<SimTransportFaults['failCommand']> {
  // One failure may be written as a map instead of a one-item list.
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item, i) => {
    const at = `.fail[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return bad(`${at} must be a map with 'command'`);
    const f = snakeKeys(item as Record<string, unknown>);
    const extra = Object.keys(f).find((k) => !FAIL_KEYS.includes(k));
    if (extra) bad(`${at}: unknown key '${extra}' (known: ${FAIL_KEYS.join(', ')})`);
    if (typeof f.command !== 'string' || !f.command.trim()) bad(`${at}.command must be a non-empty string`);
    const code = f.code ?? 1;
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255) bad(`${at}.code must be an exit status 0-255`);
    if (f.stderr !== undefined && typeof f.stderr !== 'string') bad(`${at}.stderr must be a string`);
    // What the command writes to stderr ends with a newline, as a real program's message does.
    const stderr = typeof f.stderr === 'string' && f.stderr && !f.stderr.endsWith('\n') ? `${f.stderr}\n` : (f.stderr as string | undefined);
    return { match: (f.command as string).trim(), code: code as number, ...(stderr === undefined ? {} : { stderr }) };
  });
}
