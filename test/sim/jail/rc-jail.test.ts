import { beforeEach, describe, expect, it } from 'vitest';
import { rcJail } from '../../../src/sim/commands/jail/rc-jail.js';
import { jailCommand } from '../../../src/sim/commands/jail/jail-cmd.js';
import type { SimCommandContext, SimResult } from '../../../src/sim/types.js';
import { harness, makeJailRoot, type Harness } from './helpers.js';

const DEFAULTS = 'rc_conf_files="/etc/rc.conf /etc/rc.conf.local"\njail_enable="NO"\njail_conf="/etc/jail.conf"\njail_list=""\n';

let h: Harness;
beforeEach(() => {
  h = harness();
  h.fs.mkdir('/etc/defaults');
  h.fs.writeFile('/etc/defaults/rc.conf', DEFAULTS);
  h.fs.writeFile('/etc/rc.conf', 'jail_enable="YES"\n');
  h.fs.writeFile('/etc/jail.conf', 'path = "/usr/jails/$name"; persist;\nwww { }\ndb { }\n.include "/etc/jail.conf.d/*.conf";\n');
  h.fs.writeFile('/etc/jail.conf.d/mail.conf', 'mail { path = /usr/jails/mail; persist; }\n');
  for (const n of ['www', 'db', 'mail']) makeJailRoot(h.state, `/usr/jails/${n}`);
});

const service = (action: string, ...names: string[]): SimResult => {
  let out: SimResult = { stdout: '', stderr: '', code: 0 };
  h.call((ctx: SimCommandContext) => (out = rcJail(ctx, action, names)), ['service', 'jail', action, ...names]);
  return out;
};

describe('service jail', () => {
  it('starts a named jail and records its JID', () => {
    expect(service('start', 'www')).toEqual({ stdout: 'Starting jails: www.\n', stderr: '', code: 0 });
    expect(h.fs.readFile('/var/run/jail_www.id')).toBe('1\n');
  });

  it('finds the jail in /etc/jail.conf.d/NAME.conf', () => {
    h.fs.writeFile('/etc/jail.conf', 'www { path = /usr/jails/www; persist; }\n');
    expect(service('start', 'mail').stdout).toBe('Starting jails: mail.\n');
    expect(h.state.jails.map((j) => j.name)).toEqual(['mail']);
  });

  it('reports a failed start inline and still exits 0', () => {
    service('start', 'www');
    expect(service('start', 'www')).toEqual({ stdout: 'Starting jails: cannot start jail  "www": \njail: "www" already exists\n.\n', stderr: '', code: 0 });
  });

  it('starts jail_list, or every configured jail', () => {
    h.fs.appendFile('/etc/rc.conf', 'jail_list="db www"\n');
    expect(service('start').stdout).toBe('Starting jails: db www.\n');
    h.fs.writeFile('/etc/rc.conf', 'jail_enable="YES"\n');
    service('stop');
    expect(service('start').stdout).toBe('Starting jails: www db mail.\n');
    expect(h.fs.readFile('/var/run/jail_mail.id')).toBe('5\n');
  });

  it('stops only running jails and removes the JID file', () => {
    service('start', 'www');
    expect(service('stop', 'www', 'db')).toEqual({ stdout: 'Stopping jails: www.\n', stderr: '', code: 0 });
    expect(h.state.jails).toEqual([]);
    expect(h.fs.exists('/var/run/jail_www.id')).toBe(false);
  });

  it('restarts', () => {
    service('start', 'www');
    expect(service('restart', 'www').stdout).toBe('Stopping jails: www.\nStarting jails: www.\n');
    expect(h.state.jails[0]!.jid).toBe(2);
  });

  it('prints jls -N for status', () => {
    service('start', 'db');
    expect(service('status').stdout).toBe(
      ' JID             IP Address      Hostname                      Path\n' + ' db                              host1.example.org             /usr/jails/db\n',
    );
  });

  it('refuses when jail_enable is off, unless one*', () => {
    h.fs.writeFile('/etc/rc.conf', '');
    expect(service('start', 'www')).toEqual({
      stdout: "Cannot 'start' jail. Set jail_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\n",
      stderr: '',
      code: 0,
    });
    expect(service('stop', 'www').stdout).toBe("Cannot 'stop' jail. Set jail_enable to YES in /etc/rc.conf or use 'onestop' instead of 'stop'.\n");
    expect(h.state.jails).toEqual([]);
    expect(service('onestart', 'www').stdout).toBe('Starting jails: www.\n');
  });

  it('warns about a jail with no configuration', () => {
    h.fs.remove('/etc/jail.conf');
    expect(service('start', 'www')).toEqual({
      stdout: 'Starting jails:.\n',
      stderr: '/etc/rc.d/jail: WARNING: Invalid configuration for www (no jail.conf, no hostname, or no path).  Jail www was ignored.\n',
      code: 0,
    });
  });

  it('leaves jails it did not start running on a per-name stop of others', () => {
    h.call(jailCommand, ['jail', '-c', 'db']);
    service('stop', 'www');
    expect(h.state.jails.map((j) => j.name)).toEqual(['db']);
  });
});
