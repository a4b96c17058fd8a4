/**
 * pkg query on the simulated host, through the shell. Expectations follow
 * freebsd/pkg src/query.c (exec_query, analyse_query_string, format_str,
 * format_sql_condition, usage_query) and libpkg/pkgdb_query.c
 * (pkgdb_get_pattern_query, pkgdb_query_cond).
 */
import { describe, expect, it } from 'vitest';
import { setAutomatic } from '../../../src/sim/commands/jail/pkg-query.js';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

/** A fresh host: pkg and postfix installed (seed.ts), and a jail `www` with nothing installed yet. */
function host(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  h.fs.mkdir('/usr/jail/www', { parents: true });
  h.fs.writeFile('/etc/jail.conf', 'www {\n  path = /usr/jail/www;\n  host.hostname = www.example.org;\n  ip4.addr = 192.0.2.10;\n  persist;\n}\n');
  expect(h.exec('jail -c www').code).toBe(0);
  return h;
}

const USAGE =
  'Usage: pkg query <query-format> <pkg-name>\n' +
  '       pkg query [-a] <query-format>\n' +
  '       pkg query -F <pkg-name> <query-format>\n' +
  '       pkg query -e <evaluation> <query-format>\n' +
  '       pkg query [-Cgix] <query-format> <pattern> <...>\n\n' +
  "For more information see 'pkg help query.'\n";

describe('pkg query', () => {
  it('lists the packages installed by name (%a = 0), one per line, by name', () => {
    const h = host();
    h.exec('pkg install -y sudo curl');
    // query.c: one operand with -e is MATCH_ALL + condition; rows ORDER BY p.name (pkgdb_query_cond).
    expect(h.exec("pkg query -e '%a = 0' '%n'")).toEqual({ stdout: 'curl\npkg\npostfix\nsudo\n', stderr: '', code: 0 });
  });

  it('leaves out packages flagged automatic, and -e %a = 1 lists only them', () => {
    const h = host();
    h.exec('pkg install -y sudo curl');
    setAutomatic(h.state, '', 'curl', true); // as if pulled in as a dependency
    expect(h.exec("pkg query -e '%a = 0' '%n'").stdout).toBe('pkg\npostfix\nsudo\n');
    expect(h.exec("pkg query -e '%a == 1' '%n %a'").stdout).toBe('curl 1\n');
    // A condition that matches nothing with no pattern is still MATCH_ALL: exit 0 (query.c `match != MATCH_ALL`).
    expect(h.exec("pkg query -e '%a = 1 && %n = sudo' '%n'")).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('prints %n %v for a named package, and nothing with exit 1 for one not installed', () => {
    const h = host();
    expect(h.exec("pkg query '%n %v' postfix")).toEqual({ stdout: 'postfix 3.9.1,1\n', stderr: '', code: 0 });
    // query.c: nprinted == 0 for a pattern query -> EXIT_FAILURE, no message.
    expect(h.exec("pkg query '%n %v' nginx")).toEqual({ stdout: '', stderr: '', code: 1 });
    expect(h.exec("pkg query '%n' nginx postfix")).toEqual({ stdout: 'postfix\n', stderr: '', code: 0 });
  });

  it('formats %o %c %a and the \\t \\n escapes', () => {
    const h = host();
    // format_str: %o origin, %c comment, %a "%d" of the flag; "\t" and "\n" escapes; "%s\n" after each row.
    expect(h.exec("pkg query '%o\\t%a\\n%c' postfix").stdout).toBe('mail/postfix\t0\nSecure alternative to widely-used Sendmail\n');
  });

  it('matches name-version, the origin, any case, and globs (pkgdb_get_pattern_query)', () => {
    const h = host();
    expect(h.exec("pkg query '%n' postfix-3.9.1,1").stdout).toBe('postfix\n');
    expect(h.exec("pkg query '%n' mail/postfix").stdout).toBe('postfix\n');
    expect(h.exec("pkg query '%n' POSTFIX").stdout).toBe('postfix\n'); // COLLATE NOCASE by default
    expect(h.exec("pkg query -C '%n' POSTFIX").code).toBe(1); // -C: case-sensitive
    expect(h.exec("pkg query -g '%n' 'p*'").stdout).toBe('pkg\npostfix\n');
    expect(h.exec("pkg query -x '%n' 'fix$'").stdout).toBe('postfix\n');
  });

  it('queries a jail with -j, and warns when it has no package database', () => {
    const h = host();
    // pkgdb_access() -> EPKG_ENODB: warnx("No packages installed"), EXIT_SUCCESS.
    expect(h.exec("pkg -j www query '%n'")).toEqual({ stdout: '', stderr: 'pkg: No packages installed\n', code: 0 });
    h.exec('pkg -j www install -y nginx');
    expect(h.exec("pkg -j www query -e '%a = 0' '%n-%v'")).toEqual({ stdout: 'nginx-1.26.2_3,3\n', stderr: '', code: 0 });
    expect(h.exec("pkg query '%n' nginx").code).toBe(1);
  });

  it('installing by name clears the automatic flag and keeps the state shape', () => {
    const h = host();
    expect(h.state.packagesAutomatic).toBeUndefined();
    h.state.packagesAutomatic = { '': ['nginx'] }; // a stale flag from an earlier install as a dependency
    h.exec('pkg install -y nginx');
    expect(h.state.packagesAutomatic).toBeUndefined();
    expect(h.exec("pkg query '%a' nginx").stdout).toBe('0\n');
    expect(h.state.packages['']).toEqual({ pkg: '1.21.3', postfix: '3.9.1,1', nginx: '1.26.2_3,3' });
  });

  it('prints nothing for the empty multi-line dependency keys, but counts the package', () => {
    const h = host();
    // print_query 'd': one line per dependency (none in the catalogue); nprinted still counts the package.
    expect(h.exec("pkg query '%dn-%dv' postfix")).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec("pkg query '%n %#d' postfix").stdout).toBe('postfix 0\n');
    // '?' and '#' are multi-line keys too (accepted_query_flags), so two of them conflict.
    expect(h.exec("pkg query '%#d %?r' postfix")).toEqual({ stdout: '', stderr: "Invalid query: '%#' and '%?' cannot be queried at the same time\n", code: 1 });
    expect(h.exec("pkg query '%C' postfix").stdout).toBe('mail\n');
  });

  it.each([
    // exec_query: no operand, or -a with a pattern -> usage_query(), EXIT_FAILURE.
    ['pkg query', USAGE],
    ["pkg query -a '%n' postfix", USAGE],
    // getopt_long "+aCe:F:gix" (GNU_COMPATIBLE messages), then usage.
    ["pkg query -z '%n'", `pkg: invalid option -- z\n${USAGE}`],
    // analyse_query_string
    ["pkg query 'name' postfix", 'Invalid query: query should contain a format string\n'],
    ["pkg query '%Z' postfix", "Unknown query format key: '%Z'\n"],
    ["pkg query '%d' postfix", "Invalid query: '%d' should be followed by: n, o, v\n"],
    ["pkg query '%dn %rn' postfix", "Invalid query: '%d' and '%r' cannot be queried at the same time\n"],
    // format_sql_condition
    ["pkg query -e '%x = 1' '%n'", 'malformed evaluation string\n'],
    ["pkg query -e '%a = yes' '%n'", 'a number is expected, got: y\n'],
    ["pkg query -e '%n > 1' '%n'", '> expected only for integers\n'],
    ["pkg query -e '%a ~ 1' '%n'", '~ expected only for string testing\n'],
    ["pkg query -e '(%a = 0' '%n'", 'unexpected end of expression (too many open brackets)\n'],
    ["pkg query -e '%a = 0)' '%n'", 'too many closing brackets.\n'],
    ["pkg query -e '%a = 0 & %n = x' '%n'", 'unexpected character  \n'],
  ])('%s fails with exit 1', (cmd, stderr) => {
    expect(host().exec(cmd)).toEqual({ stdout: '', stderr, code: 1 });
  });

  it('evaluates || and && with SQL precedence, and string GLOB', () => {
    const h = host();
    h.exec('pkg install -y sudo');
    expect(h.exec("pkg query -e '%n = pkg || %n = sudo && %a = 1' '%n'").stdout).toBe('pkg\n');
    expect(h.exec("pkg query -e '( %n = pkg || %n = sudo ) && %a = 0' '%n'").stdout).toBe('pkg\nsudo\n');
    // An unquoted string runs to the next white space (format_sql_condition STRING state), ")" included.
    expect(h.exec("pkg query -e '(%n = pkg || %n = sudo)' '%n'").stderr).toBe('unexpected end of expression (too many open brackets)\n');
    expect(h.exec("pkg query -e \"%n = 'sudo'\" '%n'").stdout).toBe('sudo\n');
    expect(h.exec("pkg query -e '%o ~ mail/*' '%n'").stdout).toBe('postfix\n');
    expect(h.exec("pkg query -e '%o !~ mail/*' '%n'").stdout).toBe('pkg\nsudo\n');
  });
});
