import { describe, expect, it } from 'vitest';
import { addressVariable, carriedServices, parseSysrcAll } from '../../../src/engine/move/machine-services.js';

// sysrc(8): `-a` dumps every variable the rc.conf files set, as "name: value", in file order.
const SYSRC_A = [
  'clear_tmp_enable: YES',
  'defaultrouter: 192.0.2.1',
  'dumpdev: AUTO',
  'hostname: old2',
  'ifconfig_em0: inet 192.0.2.12/24',
  'ifconfig_em0_alias0: inet 192.0.2.112/32',
  'inetd_enable: YES',
  'inetd_flags: -wW -a 192.0.2.12',
  'jail_enable: YES',
  'jail_list: www',
  'kld_list: ',
  'nginx_enable: YES',
  'nginx_flags: -g daemon off;',
  'ntpd_enable: YES',
  'ntpd_sync_on_start: YES',
  'powerd_enable: YES',
  'sendmail_enable: NONE',
  'sshd_enable: YES',
  'syslogd_flags: -ss',
  'zfs_enable: YES',
  '',
].join('\n');

describe('machine → jail: what of rc.conf carries over', () => {
  const rc = parseSysrcAll(SYSRC_A);

  it('parses sysrc -a, an empty value included', () => {
    expect(rc).toContainEqual(['kld_list', '']);
    expect(rc).toContainEqual(['nginx_flags', '-g daemon off;']);
    expect(rc).toHaveLength(20);
  });

  it("carries every enabled service's variables, and nothing host-wide", () => {
    const c = carriedServices(rc);
    expect(c.services).toEqual(['clear_tmp', 'inetd', 'nginx', 'sshd']);
    expect(c.vars).toEqual({ clear_tmp_enable: 'YES', inetd_enable: 'YES', inetd_flags: '-wW -a 192.0.2.12', nginx_enable: 'YES', nginx_flags: '-g daemon off;', sshd_enable: 'YES' });
  });

  it('leaves behind what makes no sense in a jail, and says so', () => {
    // The clock, power, pools and jails are the host's.
    expect(carriedServices(rc).dropped).toEqual(['jail', 'ntpd', 'powerd', 'zfs']);
    expect(carriedServices(rc).vars).not.toHaveProperty('ntpd_sync_on_start');
  });

  it("a variable belongs to the longest service name it starts with", () => {
    const c = carriedServices([
      ['php_fpm_enable', 'YES'],
      ['php_enable', 'YES'],
      ['php_fpm_flags', '-R'],
    ]);
    expect(c.vars).toEqual({ php_fpm_enable: 'YES', php_enable: 'YES', php_fpm_flags: '-R' });
  });

  it('finds the variable that configures an address, and no other', () => {
    expect(addressVariable(rc, '192.0.2.12')).toBe('ifconfig_em0');
    expect(addressVariable(rc, '192.0.2.112')).toBe('ifconfig_em0_alias0');
    expect(addressVariable(rc, '192.0.2.1')).toBeUndefined();
    expect(addressVariable(rc, '192.0.2.11')).toBeUndefined();
  });
});
