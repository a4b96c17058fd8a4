/**
 * shutdown(8) / poweroff(8) on the simulated host (sbin/shutdown/shutdown.c,
 * FreeBSD 14): "Shutdown NOW!" on stdout — twice, as stdout is a pipe and
 * the forked child flushes its copy of the buffer at exit after "System
 * shutdown time has arrived" — and errx(0, "[pid %d]") on stderr, exit 0.
 * The host powers off once the exec that ran it ends (src/sim/power.ts):
 * processes and jails are gone, and every later connection fails as an
 * unreachable host's does.
 */
import { describe, expect, it } from 'vitest';
import { UnreachableError } from '../../../src/errors.js';
import { SimHost } from '../../../src/sim/host.js';
import { writeBaseSystem } from '../../../src/sim/seed.js';
import { SimTransport } from '../../../src/sim/transport.js';
import { simHost } from '../../helpers/sim-host.js';

const OUT = 'Shutdown NOW!\nShutdown NOW!\n\r\nSystem shutdown time has arrived\x07\x07\r\n';
const USAGE = 'usage: shutdown [-] [-c | -h | -p | -r | -k] [-o [-n]] time [warning-message ...]\n       poweroff\n';

function host(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  writeBaseSystem(h.fs, '/usr/jails/www');
  h.fs.writeFile('/etc/jail.conf', 'www {\n  path = /usr/jails/www;\n  host.hostname = www.example.org;\n  ip4.addr = 192.0.2.50;\n  mount.devfs;\n  persist;\n}\n');
  expect(h.exec('jail -c www').code).toBe(0);
  return h;
}

describe('shutdown -p now / poweroff', () => {
  it('prints what shutdown prints, exits 0, and the host is off when the exec ends', () => {
    const h = host();
    const pid = h.state.nextPid + 1; // the login shell takes one, the forked child the next
    expect(h.exec('shutdown -p now; echo "still running: $?"')).toEqual({ stdout: `${OUT}still running: 0\n`, stderr: `shutdown: [pid ${pid}]\n`, code: 0 });
    expect(h.state.power).toBe('off');
    expect(h.state.processes).toEqual([]);
    expect(h.state.jails).toEqual([]);
    expect(h.state.mounts.some((m) => m.on.startsWith('/usr/jails/www'))).toBe(false);
    expect(h.fs.exists('/etc/rc.conf')).toBe(true); // the disk stays as it was
  });

  it('poweroff is shutdown -p now under its own name; NOW is any case, +0 is now', () => {
    const a = host();
    const r = a.exec('poweroff');
    expect([r.stdout, r.stderr.replace(/\d+/, 'N'), r.code]).toEqual([OUT, 'poweroff: [pid N]\n', 0]);
    expect(a.state.power).toBe('off');
    for (const cmd of ['/sbin/shutdown -p NOW', 'shutdown -p +0', 'shutdown -p +0min going away']) {
      const h = host();
      expect(h.exec(cmd).stdout, cmd).toBe(OUT);
      expect(h.state.power, cmd).toBe('off');
    }
  });

  it.each([
    ['shutdown', USAGE],
    ['shutdown -p', USAGE],
    ['shutdown -x now', `shutdown: illegal option -- x\n${USAGE}`],
    ['shutdown -p -r now', `shutdown: incompatible switches -c, -h, -k, -p and -r\n${USAGE}`],
    ['shutdown -o now', `shutdown: -o requires -c, -h, -p or -r\n${USAGE}`],
    ['shutdown -p soon', 'shutdown: bad time format\n'],
    ['shutdown -r now', 'shutdown: -r is not supported by the simulator (only -p now, or poweroff)\n'],
    ['shutdown -h now', 'shutdown: -h is not supported by the simulator (only -p now, or poweroff)\n'],
    ['shutdown now', 'shutdown: going to single-user mode is not supported by the simulator (only -p now, or poweroff)\n'],
    ['shutdown -p +5', 'shutdown: a shutdown at a later time is not supported by the simulator (only -p now, or poweroff)\n'],
    ['poweroff now', USAGE],
  ])('%s fails and leaves the host up', (cmd, stderr) => {
    const h = host();
    expect(h.exec(cmd)).toEqual({ stdout: '', stderr, code: 1 });
    expect(h.state.power).toBeUndefined();
    expect(h.state.jails.map((j) => j.name)).toEqual(['www']);
  });

  it('inside a jail it reaches no init: the host stays up', () => {
    const h = host();
    expect(h.exec('jexec www shutdown -p now').stdout).toBe(OUT);
    expect(h.state.power).toBeUndefined();
  });
});

describe('a powered-off host over SimTransport', () => {
  it('answers the exec that ran shutdown, then drops; new connections fail as unreachable', async () => {
    const sim = host();
    const t = new SimTransport(sim);
    expect(await t.exec('hostname')).toEqual({ stdout: 'h1.example.org\n', stderr: '', code: 0 });
    const r = await t.exec('shutdown -p now');
    expect([r.stdout, r.code]).toEqual([OUT, 0]);
    await expect(t.exec('hostname')).rejects.toMatchObject({ reason: 'dropped' });
    const later = new SimTransport(sim);
    const err = await later.exec('hostname').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err).toMatchObject({ reason: 'connect' });
    await expect(later.openSession('cat')).rejects.toMatchObject({ reason: 'connect' });
  });

  it('powers off when a session that ran shutdown ends, not before', async () => {
    const sim = host();
    const t = new SimTransport(sim);
    const session = await t.openSession('while read -r line; do eval "$line"; done');
    await session.send('shutdown -p now >/dev/null 2>&1; echo done; echo done >&2\n');
    expect(await session.readUntil('done')).toEqual({ stdout: 'done\n', stderr: 'done\n' });
    expect(sim.state.power).toBe('stopping');
    await session.finish('');
    expect(sim.state.power).toBe('off');
    await expect(new SimTransport(sim).exec('true')).rejects.toMatchObject({ reason: 'connect' });
  });
});
