/**
 * FreeBSD's own sysrc(8) ATF cases (usr.sbin/sysrc/tests/sysrc_test.sh @5ecc60f),
 * one vitest case per atf_test_case, run through the simulated host's shell.
 * ATF runs each case in a fresh work directory with
 * SYSRC_CONF="${PWD}/sysrc_test.conf"; here that directory is /tmp/atf.
 * `atf_check CMD` without -o/-e/-s expects empty output and exit 0.
 */
import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../../src/sim/types.js';
import { err, fidelityHost, out } from './host.js';

const WORK = '/tmp/atf';
const SYSRC_CONF = `${WORK}/sysrc_test.conf`;
const PRELUDE = `cd ${WORK} && SYSRC_CONF="\${PWD}/sysrc_test.conf" && `;

/** One atf_check (or a plain setup line, expecting nothing): shell text and the exact result. */
type Step = [run: string, expect: SimResult];

/** Run an ATF body's steps in order on one fresh host, as the ATF case does. */
function atfCase(steps: Step[]): void {
  const h = fidelityHost();
  h.fs.mkdir(WORK, { parents: true });
  for (const [run, want] of steps) {
    expect({ run, got: h.exec(PRELUDE + run) }).toEqual({ run, got: want });
  }
}

const ok = out('');
const unknown = (name: string, stdout = ''): SimResult => err(`sysrc: unknown variable '${name}'\n`, 1, stdout);

describe('sysrc_test.sh (usr.sbin/sysrc/tests @5ecc60f)', () => {
  it('check_variable', () => {
    atfCase([
      ['cat <<- EOF > "${SYSRC_CONF}"\n\t\ttest_enable="NO"\n\t\ttest_list="item1 item2"\n\t\ttest2_list=""\n\tEOF', ok],
      ['sysrc -f "${SYSRC_CONF}" test_enable', out('test_enable: NO\n')],
      ['sysrc -f "${SYSRC_CONF}" test2_list', out('test2_list: \n')],
      ['sysrc -f "${SYSRC_CONF}" test_enable test_list', out('test_enable: NO\ntest_list: item1 item2\n')],
      ['sysrc -f "${SYSRC_CONF}" noexist', unknown('noexist')],
      ['sysrc -f "${SYSRC_CONF}" test_enable noexist', unknown('noexist', 'test_enable: NO\n')],
    ]);
  });

  it('set_variable', () => {
    atfCase([
      ['sysrc -f "${SYSRC_CONF}" test_enable=YES', out('test_enable:  -> YES\n')],
      ['cat "${SYSRC_CONF}"', out('test_enable="YES"\n')],
      ['sysrc -f "${SYSRC_CONF}" test_enable=YES', out('test_enable: YES -> YES\n')],
      ['cat "${SYSRC_CONF}"', out('test_enable="YES"\n')],
      ['sysrc -f "${SYSRC_CONF}" test_enable=NO', out('test_enable: YES -> NO\n')],
      ['cat "${SYSRC_CONF}"', out('test_enable="NO"\n')],
      ['sysrc -f "${SYSRC_CONF}" test2_enable=""', out('test2_enable:  -> \n')],
      ['cat "${SYSRC_CONF}"', out('test_enable="NO"\ntest2_enable=""\n')],
    ]);
  });

  it('remove_variable_x_flag', () => {
    atfCase([
      ['cat <<- EOF > "${SYSRC_CONF}"\n\t\ttest1_enable="YES"\n\t\ttest2_enable="NO"\n\t\ttest3_enable=""\n\tEOF', ok],
      ['sysrc -f "${SYSRC_CONF}" -x test1_enable', ok],
      ['cat "${SYSRC_CONF}"', out('test2_enable="NO"\ntest3_enable=""\n')],
      ['sysrc -f "${SYSRC_CONF}" -x test2_enable test3_enable', ok],
      ['cat "${SYSRC_CONF}"', ok],
      ['sysrc -f "${SYSRC_CONF}" -x noexist', unknown('noexist')],
    ]);
  });

  it('append_list', () => {
    atfCase([
      ['sysrc -f "${SYSRC_CONF}" test_list+=item1', out('test_list:  -> item1\n')],
      ['cat "${SYSRC_CONF}"', out('test_list="item1"\n')],
      ['sysrc -f "${SYSRC_CONF}" test_list+=item1', out('test_list: item1 -> item1\n')],
      ['cat "${SYSRC_CONF}"', out('test_list="item1"\n')],
      ['sysrc -f "${SYSRC_CONF}" test_list+=item2', out('test_list: item1 -> item1 item2\n')],
      ['cat "${SYSRC_CONF}"', out('test_list="item1 item2"\n')],
    ]);
  });

  it('subtract_list', () => {
    atfCase([
      [`echo 'test_list="item1 item2"' > "\${SYSRC_CONF}"`, ok],
      ['sysrc -f "${SYSRC_CONF}" test_list-=item2', out('test_list: item1 item2 -> item1\n')],
      ['cat "${SYSRC_CONF}"', out('test_list="item1"\n')],
      ['sysrc -f "${SYSRC_CONF}" test_list-=item1', out('test_list: item1 -> \n')],
      ['cat "${SYSRC_CONF}"', out('test_list=""\n')],
      ['sysrc -f "${SYSRC_CONF}" test_list-=item3', out('test_list:  -> \n')],
      ['cat "${SYSRC_CONF}"', out('test_list=""\n')],
      // Subtracting from an unset variable creates it empty (sysrc(8), by design).
      ['grep test2_list "${SYSRC_CONF}"', out('', 1)],
      ['sysrc -f "${SYSRC_CONF}" test2_list-=item1', out('test2_list:  -> \n')],
      ['cat "${SYSRC_CONF}"', out('test_list=""\ntest2_list=""\n')],
    ]);
  });

  it('multiple_operations', () => {
    atfCase([
      ['sysrc -f "${SYSRC_CONF}" test1_enable=YES test1_list+=item1', out('test1_enable:  -> YES\ntest1_list:  -> item1\n')],
      ['cat "${SYSRC_CONF}"', out('test1_enable="YES"\ntest1_list="item1"\n')],
      [
        'sysrc -f "${SYSRC_CONF}" test1_enable test1_enable=NO noexist test2_enable=YES test1_list-=item1 test2_list+=item3',
        // The trailing space on "test1_list: item1 -> " is upstream's too.
        unknown('noexist', 'test1_enable: YES\ntest1_enable: YES -> NO\ntest2_enable:  -> YES\ntest1_list: item1 -> \ntest2_list:  -> item3\n'),
      ],
      ['cat "${SYSRC_CONF}"', out('test1_enable="NO"\ntest1_list=""\ntest2_enable="YES"\ntest2_list="item3"\n')],
    ]);
  });

  it('a_flag', () => {
    atfCase([
      [`echo 'test_enable="YES"' > "\${SYSRC_CONF}"`, ok],
      ['sysrc -f "${SYSRC_CONF}" -a', out('test_enable: YES\n')],
    ]);
  });

  it('A_flag: a defaults file without source_rc_confs', () => {
    // Upstream keeps the "not found" message as expected: the defaults file it
    // writes lacks source_rc_confs, so only the defaults are read.
    atfCase([
      [
        'RC_DEFAULTS="${PWD}/rc_defaults.conf"; echo "rc_conf_files=\\"${SYSRC_CONF}\\"" > "${RC_DEFAULTS}"; ' +
          `echo 'test_enable="NO"' >> "\${RC_DEFAULTS}"; echo 'test_enable="YES"' > "\${SYSRC_CONF}"; ` +
          'export RC_DEFAULTS; sysrc -A',
        err('/usr/sbin/sysrc: source_rc_confs: not found\n', 0, `rc_conf_files: ${SYSRC_CONF}\ntest_enable: NO\n`),
      ],
    ]);
  });

  it('c_flag', () => {
    const c = (args: string, code = 0): Step => [`sysrc -f "\${SYSRC_CONF}" -c ${args}`, out('', code)];
    atfCase([
      [`echo 'test_enable="NO"' > "\${SYSRC_CONF}"; echo 'test_list="item1 item2"' >> "\${SYSRC_CONF}"`, ok],
      // Is the variable set?
      c('test_enable'),
      c('test_list'),
      c('test_enable test_list'),
      ['sysrc -f "${SYSRC_CONF}" -c noexist', unknown('noexist')],
      ['sysrc -f "${SYSRC_CONF}" -c test_enable noexist', unknown('noexist')],
      ['sysrc -f "${SYSRC_CONF}" -c noexist1 noexist2', err("sysrc: unknown variable 'noexist1'\nsysrc: unknown variable 'noexist2'\n")],
      // Assignment
      c('test_enable=NO'),
      c('test_enable=YES', 1),
      c('noexist=YES', 1),
      // Appending
      c('test_list+=item1'),
      c('test_list+=item3', 1),
      c('noexist+=item1', 1),
      c('test_enable=NO test_list+=item1'),
      c('test_enable=YES test_list+=item1', 1),
      c('test_enable=NO test_list+=item3', 1),
      c('test_enable=YES test_list+=item3', 1),
      // Subtracting
      c('test_list-=item3'),
      c('test_list-=item1', 1),
      c('noexist-=item1', 1),
      c('test_enable=NO test_list-=item3'),
      c('test_enable=YES test_list-=item3', 1),
      c('test_enable=NO test_list-=item1', 1),
      c('test_enable=YES test_list-=item1', 1),
      // -c never writes.
      ['cat "${SYSRC_CONF}"', out('test_enable="NO"\ntest_list="item1 item2"\n')],
    ]);
  });

  it('d_flag', () => {
    atfCase([
      [`echo 'test_enable="NO" # Test Description' > "\${SYSRC_CONF}"; export RC_DEFAULTS="\${SYSRC_CONF}"; sysrc -d test_enable`, out('test_enable: Test Description\n')],
    ]);
  });

  it('f_flag', () => {
    atfCase([
      [`sysrc2_conf="\${PWD}/sysrc2.conf"; echo 'test_list="item1"' > "\${sysrc2_conf}"; echo 'test_enable="NO"' >> "\${sysrc2_conf}"`, ok],
      ['test ! -f "${SYSRC_CONF}"', ok],
      ['sysrc -f "${SYSRC_CONF}" noexist', unknown('noexist')],
      ['test ! -f "${SYSRC_CONF}"', ok],
      ['sysrc -f "${SYSRC_CONF}" test_enable=YES', out('test_enable:  -> YES\n')],
      ['test -f "${SYSRC_CONF}"', ok],
      ['sysrc -f "${SYSRC_CONF}" test_enable', out('test_enable: YES\n')],
      // -f file order decides the final value.
      ['sysrc -f "${PWD}/sysrc2.conf" -f "${SYSRC_CONF}" test_enable', out('test_enable: YES\n')],
      ['sysrc -f "${SYSRC_CONF}" -f "${PWD}/sysrc2.conf" test_enable', out('test_enable: NO\n')],
      ['sysrc -f "${PWD}/sysrc2.conf" -f "${SYSRC_CONF}" -a', out('test_enable: YES\ntest_list: item1\n')],
    ]);
  });

  it('F_flag', () => {
    atfCase([
      [`echo 'test_list="item1"' > "\${PWD}/sysrc2.conf"; echo 'test_enable="NO"' > "\${SYSRC_CONF}"`, ok],
      ['sysrc -f "${SYSRC_CONF}" -F test_enable', out(`test_enable: ${SYSRC_CONF}\n`)],
      ['sysrc -f "${PWD}/sysrc2.conf" -F test_list', out(`test_list: ${WORK}/sysrc2.conf\n`)],
      ['sysrc -f "${SYSRC_CONF}" -f ${PWD}/sysrc2.conf -F test_enable test_list', out(`test_enable: ${SYSRC_CONF}\ntest_list: ${WORK}/sysrc2.conf\n`)],
    ]);
  });
});

/**
 * `+=`/`-=` with a separator (sysrc @09711cc, APPEND/REMOVE): the value's first
 * character is the separator unless it is empty, an IFS blank, alphanumeric,
 * `.` or `/`. The fields come from splitting with IFS set to it, empty fields
 * are skipped, and `new="${new#"$delim"}"` strips one leading separator — so a
 * value that began with the separator loses it.
 */
describe('sysrc +=/-= separators (sysrc @09711cc)', () => {
  it('a leading separator in the old value is dropped by the final ${new#"$delim"}', () => {
    atfCase([
      ['sysrc -f "${SYSRC_CONF}" l=,a', out('l:  -> ,a\n')],
      ['sysrc -f "${SYSRC_CONF}" l+=,b', out('l: ,a -> a,b\n')],
      ['cat "${SYSRC_CONF}"', out('l="a,b"\n')],
    ]);
  });

  it('comma lists: no duplicates, empty fields skipped, -= keeps the order', () => {
    atfCase([
      ['sysrc -f "${SYSRC_CONF}" l=a,b', out('l:  -> a,b\n')],
      ['sysrc -f "${SYSRC_CONF}" l+=,,b,c,c', out('l: a,b -> a,b,c,c\n')],
      ['sysrc -f "${SYSRC_CONF}" l-=,c,a', out('l: a,b,c,c -> b\n')],
    ]);
  });

  it('`.` and `/` are not separators: a path is appended with a space', () => {
    atfCase([
      ['sysrc -f "${SYSRC_CONF}" l=/a', out('l:  -> /a\n')],
      ['sysrc -f "${SYSRC_CONF}" l+=/b', out('l: /a -> /a /b\n')],
      ['sysrc -f "${SYSRC_CONF}" l+=.c', out('l: /a /b -> /a /b .c\n')],
    ]);
  });

  it('a space-separated value with extra blanks: one leading blank stripped', () => {
    atfCase([
      [`echo 'l="  a"' > "\${SYSRC_CONF}"`, ok],
      ['sysrc -f "${SYSRC_CONF}" l+=b', out('l:   a ->  a b\n')],
    ]);
  });
});

/**
 * -d against the stock /etc/defaults/rc.conf (f_sysrc_desc_awk, sysrc.subr
 * @2f19667; sysrc @09711cc prints `NAME: DESC` before the query or the set).
 */
describe('sysrc -d (sysrc.subr f_sysrc_desc)', () => {
  it('joins a comment continued on the next lines', () => {
    atfCase([['sysrc -d always_force_depends', out('always_force_depends: Set to check that indicated dependencies are running during boot (can increase boot time).\n')]]);
  });

  it('an unknown variable: empty description, then the error', () => {
    atfCase([['sysrc -d noexist', unknown('noexist', 'noexist: \n')]]);
  });

  it('with name=value: describe, then set', () => {
    atfCase([['sysrc -f "${SYSRC_CONF}" -d zfs_enable=YES', out('zfs_enable: Set to YES to automatically mount ZFS file systems\nzfs_enable: NO -> YES\n')]]);
  });
});
