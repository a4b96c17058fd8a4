/**
 * pfctl(8) on FreeBSD 14, as a jail host uses it for NAT and port forwards. Sources:
 * - sbin/pfctl/pfctl.c: pfctl_enable/pfctl_disable print "pf enabled"/"pf disabled" on stderr,
 *   errx(1, "pf already enabled") / errx(1, "pf not enabled"); pfctl_flush_eth_rules/rules/nat:
 *   "Ethernet rules cleared", "rules cleared", "nat cleared"; -F all on an anchor also clears its
 *   tables (pfctl_table.c xprintf: "0 tables deleted."); main() runs -d, -s, -F, -f, -e in that
 *   order; pfctl_rules(): errx "Syntax error in config file: pf rules not loaded" unless -n.
 * - sbin/pfctl/parse.y yyerror(): "%s:%d: %s" with the file name ("stdin" for -f -).
 * - sbin/pfctl/pfctl_parser.c print_rule(): action, " pass", " on IF", " inet", " proto P",
 *   print_fromto() (" all" when both ends are any without ports, else " from A to B port = N"),
 *   " -> " print_pool() (rdr: " port N"; a dynamic "(IF)" pool: " round-robin");
 *   anchor rules: anchortypes[] `anchor "NAME"` then " all". print_port(): getservbyport name
 *   when /etc/services has the port ("port = http"), else the number.
 * - pfctl_show_anchors(): "  %s\n" per child ruleset.
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

function host() {
  return simHost('h1', { address: '192.0.2.11' });
}

const MAIN = `ext_if = "em0"
jail_net = "10.66.0.0/24"
set skip on lo0
nat-anchor "jailfleet/*"
rdr-anchor "jailfleet/*"
nat on $ext_if from $jail_net to any -> ($ext_if)
anchor "jailfleet/*"
pass in on $ext_if proto tcp from any to any port 22
pass out all
`;

describe('pfctl', () => {
  it('-e / -d with pfctl.c messages and exit codes; -s Running', () => {
    const h = host();
    expect(h.exec('pfctl -s Running')).toEqual({ stdout: 'Disabled\n', stderr: '', code: 0 });
    expect(h.exec('pfctl -d')).toEqual({ stdout: '', stderr: 'pfctl: pf not enabled\n', code: 1 });
    expect(h.exec('pfctl -e')).toEqual({ stdout: '', stderr: 'pf enabled\n', code: 0 });
    expect(h.exec('pfctl -e')).toEqual({ stdout: '', stderr: 'pfctl: pf already enabled\n', code: 1 });
    expect(h.exec('pfctl -sRunning')).toEqual({ stdout: 'Enabled\n', stderr: '', code: 0 });
    expect(h.exec('pfctl -q -d')).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('loads /etc/pf.conf and prints its rules in pfctl normal form', () => {
    const h = host();
    h.exec(`cat > /etc/pf.conf <<'EOF'\n${MAIN}EOF`);
    expect(h.exec('pfctl -nf /etc/pf.conf')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('pfctl -s nat').stdout).toBe('');
    expect(h.exec('pfctl -f /etc/pf.conf')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('pfctl -s nat')).toEqual({
      stdout: 'nat-anchor "jailfleet/*" all\nnat on em0 inet from 10.66.0.0/24 to any -> (em0) round-robin\nrdr-anchor "jailfleet/*" all\n',
      stderr: '',
      code: 0,
    });
    // /etc/services names port 22 "ssh" (print_port via getservbyport).
    expect(h.exec('pfctl -sr').stdout).toBe('anchor "jailfleet/*" all\npass in on em0 proto tcp from any to any port = ssh flags S/SA keep state\npass out all flags S/SA keep state\n');
    expect(h.exec('pfctl -s Anchors').stdout).toBe('  jailfleet\n');
  });

  it('loads an anchor from stdin, shows it with -a, and flushes it', () => {
    const h = host();
    h.exec(`cat > /etc/pf.conf <<'EOF'\n${MAIN}EOF`);
    h.exec('pfctl -f /etc/pf.conf');
    const rules = 'rdr pass on em0 proto tcp from any to any port 8080 -> 10.66.0.2 port 80\nrdr pass on em0 proto tcp from any to 192.0.2.11 port 80 -> 10.66.0.2\n';
    expect(h.exec(`printf '${rules.replace(/\n/g, '\\n')}' | pfctl -a jailfleet/www -f -`)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('pfctl -a jailfleet/www -s nat')).toEqual({
      stdout: 'rdr pass on em0 inet proto tcp from any to any port = 8080 -> 10.66.0.2 port 80\nrdr pass on em0 inet proto tcp from any to 192.0.2.11 port = http -> 10.66.0.2\n',
      stderr: '',
      code: 0,
    });
    expect(h.exec('pfctl -sr -a jailfleet/www')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('pfctl -a jailfleet -s Anchors').stdout).toBe('  jailfleet/www\n');
    // The main ruleset is untouched by an anchor load.
    expect(h.exec('pfctl -s nat | grep -c jailfleet').stdout).toBe('2\n');
    expect(h.exec('pfctl -a jailfleet/www -F all')).toEqual({ stdout: '', stderr: 'Ethernet rules cleared\nrules cleared\nnat cleared\n0 tables deleted.\n', code: 0 });
    // Empty and unreferenced, the anchor is gone (pf_remove_if_empty_kruleset).
    expect(h.exec('pfctl -a jailfleet/www -s nat')).toEqual({ stdout: '', stderr: 'pfctl: DIOCGETRULES: Invalid argument\n', code: 0 });
    expect(h.exec('pfctl -a jailfleet -s Anchors').stdout).toBe('');
  });

  it('-F rules and -F nat clear one kind; -N loads only translation rules', () => {
    const h = host();
    h.exec(`cat > /etc/pf.conf <<'EOF'\n${MAIN}EOF`);
    h.exec('pfctl -f /etc/pf.conf');
    expect(h.exec('pfctl -F nat')).toEqual({ stdout: '', stderr: 'nat cleared\n', code: 0 });
    expect(h.exec('pfctl -s nat').stdout).toBe('');
    expect(h.exec('pfctl -sr | wc -l').stdout.trim()).toBe('3');
    expect(h.exec('pfctl -F rules')).toEqual({ stdout: '', stderr: 'rules cleared\n', code: 0 });
    expect(h.exec('pfctl -sr').stdout).toBe('');
    expect(h.exec('pfctl -N -f /etc/pf.conf && pfctl -sr | wc -l && pfctl -sn | wc -l').stdout.replace(/ +/g, '')).toBe('0\n3\n');
  });

  it('reports syntax errors as parse.y does and loads nothing', () => {
    const h = host();
    h.exec('echo "nat on em0 from 10.0.0.0/24 to any -> (em0)" | pfctl -f -');
    const before = h.exec('pfctl -s nat').stdout;
    expect(h.exec('echo "rdr pass on em0 prot tcp from any to any port 80 -> 10.0.0.2" | pfctl -f -')).toEqual({
      stdout: '',
      stderr: 'stdin:1: syntax error\npfctl: Syntax error in config file: pf rules not loaded\n',
      code: 1,
    });
    expect(h.exec('printf "pass out all\\nfrobnicate\\n" | pfctl -nf -')).toEqual({ stdout: '', stderr: 'stdin:2: syntax error\n', code: 1 });
    expect(h.exec('echo "nat on \\$nope from any to any -> (em0)" | pfctl -nf -')).toEqual({
      stdout: '',
      stderr: "stdin:1: macro 'nope' not defined\nstdin:2: syntax error\n",
      code: 1,
    });
    expect(h.exec('echo "nat on em0 from nosuchif to any -> (em0)" | pfctl -nf -')).toEqual({
      stdout: '',
      stderr: 'no IP address found for nosuchif\nstdin:1: could not parse host specification\n',
      code: 1,
    });
    expect(h.exec('pfctl -s nat').stdout).toBe(before);
  });

  it('-nvf prints what it would load; option errors print usage', () => {
    const h = host();
    expect(h.exec('echo "nat on em0 from 10.0.0.7/24 to any -> 192.0.2.11 static-port" | pfctl -nvf -')).toEqual({
      stdout: 'nat on em0 inet from 10.0.0.0/24 to any -> 192.0.2.11 static-port\n',
      stderr: '',
      code: 0,
    });
    expect(h.exec('pfctl -s nat').stdout).toBe('');
    const r = h.exec('pfctl -s bogus');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, "pfctl: Unknown show modifier 'bogus'"]);
    expect(h.exec('pfctl -f /nonexistent')).toEqual({
      stdout: '',
      stderr: 'pfctl: /nonexistent: No such file or directory\npfctl: cannot open the main config file!: No such file or directory\npfctl: Syntax error in config file: pf rules not loaded\n',
      code: 1,
    });
  });
});
