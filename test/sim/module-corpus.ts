/**
 * Runs that make the engine send a script of every module of
 * src/modules/registry.ts, in check mode and applied, converging and again:
 * the repo's playbooks on inventory/sim.yml in the README's order (site,
 * old2's web server, the build-on example, consolidation, whose migrate
 * relays between hosts, the kinds of jails of jail-types.yml), then a small playbook of what they leave out
 * (ip_alias, absent states, backups, list values, services stopped and
 * reloaded, guarded commands, a template, file states, a fetch, a mount, a dataset, a jail snapshot, accounts and cron jobs).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import { loadPlaybook, parsePlaybook } from '../../src/playbook/load-playbook.js';
import type { Playbook } from '../../src/playbook/types.js';
import { captureRuns, ROOT, type Corpus, type CorpusRun } from './script-corpus.js';

const playbook = (file: string): Playbook => loadPlaybook(resolve(ROOT, file), moduleRegistry);

/** Where fetch puts the hosts' files: the controller's side of the corpus, thrown away with the temp dir. */
const FETCHED = mkdtempSync(join(tmpdir(), 'jf-corpus-fetch-'));

/** What the repo's playbooks leave out, on the new hosts, which run www after site.yml. */
const EXTRAS = [
  {
    name: 'every module, the variants the playbooks leave out',
    hosts: 'new1,new2',
    tasks: [
      { name: 'an alias', ip_alias: { interface: 'em0', address: '192.0.2.201/32' } },
      { name: 'another alias, gone', ip_alias: { interface: 'em0', address: '192.0.2.202/32', state: 'absent' } },
      { name: 'a list value', sysrc: { name: 'cloned_interfaces', value: 'lo1', state: 'value_present' } },
      { name: 'a value gone', sysrc: { name: 'ntpd_enable', state: 'absent' } },
      { name: 'in the jail', sysrc: { name: 'cron_flags', value: '-J 15', jail: 'www' } },
      { name: 'runtime only', sysctl: { name: 'net.inet.ip.forwarding', value: '1', persist: false } },
      { name: 'a tree', directory: { path: '/usr/local/etc/jf test', mode: '0750', recurse: true } },
      { name: 'no tree', directory: { path: '/var/tmp/jf-gone', state: 'absent' } },
      { name: "a file with 'quotes' and $dollars", copy: { dest: '/usr/local/etc/jf test/a b.conf', content: "it's $HOME `here`\n\\n%s\n", mode: '0640', backup: true } },
      { name: 'a line after', line: { path: '/etc/ssh/sshd_config', regexp: '^#?UseDNS ', line: 'UseDNS no', insertafter: '^#?Port ', backup: true } },
      { name: 'a line gone', line: { path: '/etc/motd.template', regexp: '^FreeBSD', state: 'absent' } },
      { name: 'a new file', line: { path: '/usr/local/etc/jf test/new.conf', line: 'x = "y"', create: true, mode: '0600' } },
      { name: 'cron stopped', service: { name: 'cron', state: 'stopped' } },
      { name: 'sshd reloaded', service: { name: 'sshd', state: 'reloaded' } },
      { name: 'ntpd enabled', service: { name: 'ntpd', enabled: true } },
      { name: 'in the jail, cron', service: { name: 'cron', state: 'restarted', jail: 'www' } },
      { name: 'a package gone', pkg: { name: 'sudo', state: 'absent' } },
      { name: 'argv words', command: { argv: ['printf', '%s|', 'a b', "c'd", '$e'], unless: 'test -e /nonexistent && false' } },
      { name: 'removes', command: { cmd: 'rm -f /tmp/jf-marker; echo "done $((1 + 2))"', removes: '/tmp/jf-marker' } },
      { name: 'a link', file: { path: '/usr/local/etc/jf-link', src: '/etc/rc.conf', state: 'link' } },
      { name: 'a hard link', file: { path: '/usr/local/etc/jf-hard', src: '/etc/rc.conf', state: 'hard' } },
      { name: 'touched', file: { path: '/var/tmp/jf touched', state: 'touch', mode: '0640' } },
      { name: 'a file gone', file: { path: '/var/tmp/jf-gone-file', state: 'absent' } },
      { name: 'fetched', fetch: { src: '/etc/rc.conf', dest: FETCHED } },
      { name: 'a template', template: { src: resolve(ROOT, 'test/fixtures/templates/corpus.j2'), dest: '/usr/local/etc/jf-template.conf', mode: '0640' } },
      { name: 'a share', mount: { path: '/mnt/jf-share', src: '/usr/share', fstype: 'nullfs', opts: 'ro', state: 'mounted', backup: true } },
      { name: 'a dataset', zfs: { name: 'zroot/jf', extra_zfs_properties: { compression: 'lz4', 'org.example:note': "it's" } }, when: "inventory_hostname == 'new1'" },
      { name: 'a group', group: { name: 'jfops', gid: 2300 } },
      { name: 'a user', user: { name: 'jfdeploy', uid: 2300, group: 'jfops', shell: '/bin/sh', comment: "it's me", password: '$6$jf$corpus' } },
      { name: 'in the jail, a user', user: { name: 'jfweb', jail: 'www' } },
      { name: 'a cron job', cron: { name: "it's nightly", user: 'jfdeploy', minute: 5, hour: 3, job: 'echo "$HOME" > /dev/null' } },
      { name: 'a cron.d job', cron: { name: 'cleanup', cron_file: 'jf-cleanup', special_time: 'daily', job: '/usr/bin/true' } },
      // A thin jail on its own dataset, snapshotted before each change (issue 18); new2 has no ZFS.
      { name: 'a thin jail', jail: { name: 'thin', type: 'thin', ip4: 'em0|192.0.2.151/32', release: '14.2-RELEASE', dataset: 'zroot/jails/thin', snapshot: 'before_change' }, when: "inventory_hostname == 'new1'" },
      // site.yml puts new1's www on zroot/jails/www: a snapshot, the jail rolled back to it (stopped and started), the snapshot gone.
      { name: 'a jail snapshot', jail_snapshot: { jail: 'www', dataset: 'zroot/jails/www', name: 'jf-corpus' }, when: "inventory_hostname == 'new1'" },
      { name: 'rolled back', jail_snapshot: { jail: 'www', dataset: 'zroot/jails/www', name: 'jf-corpus', state: 'rolled_back' }, when: "inventory_hostname == 'new1'" },
      { name: 'no jail snapshot', jail_snapshot: { jail: 'www', dataset: 'zroot/jails/www', name: 'jf-corpus', state: 'absent' }, when: "inventory_hostname == 'new1'" },
      // The controller-side modules send nothing; here so the corpus has every module of the registry.
      { name: 'a fact', set_fact: { corpus_word: 'jf' } },
      { name: 'an assertion', assert: { that: ["corpus_word == 'jf'"] } },
      { name: 'a message', debug: { msg: '{{ corpus_word }}' } },
    ],
  },
];

export const corpusRuns = (): CorpusRun[] => {
  const site = playbook('playbooks/site.yml');
  const web = playbook('playbooks/old-web-server.yml');
  const build = playbook('playbooks/examples/build-on-earlier.yml');
  const consolidate = playbook('playbooks/consolidate.yml');
  const jailTypes = playbook('playbooks/jail-types.yml');
  const extras = parsePlaybook(stringify(EXTRAS), 'extras.yml', moduleRegistry);
  return [
    { run: 'site check', playbook: site, check: true },
    { run: 'site converge', playbook: site },
    { run: 'site second', playbook: site },
    { run: 'old-web-server check', playbook: web, check: true },
    { run: 'old-web-server converge', playbook: web },
    { run: 'old-web-server second', playbook: web },
    { run: 'build-on-earlier converge', playbook: build, playbookDir: resolve(ROOT, 'playbooks/examples') },
    { run: 'build-on-earlier second', playbook: build, playbookDir: resolve(ROOT, 'playbooks/examples') },
    { run: 'consolidate check', playbook: consolidate, check: true },
    { run: 'consolidate converge', playbook: consolidate },
    { run: 'consolidate second', playbook: consolidate },
    { run: 'jail-types converge', playbook: jailTypes },
    { run: 'jail-types second', playbook: jailTypes },
    { run: 'extras check', playbook: extras, check: true, lockCheck: true },
    { run: 'extras converge', playbook: extras },
    { run: 'extras second', playbook: extras },
  ];
};

/** Every command the runs sent, on the hosts of inventory/sim.yml. */
export function captureModuleCorpus(): Promise<Corpus> {
  return captureRuns(loadInventory(resolve(ROOT, 'inventory/sim.yml')), corpusRuns());
}
