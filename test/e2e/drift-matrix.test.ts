/**
 * Issue 12, the drift matrix: "repairing drift never leaves a host worse than
 * it found it". A host of inventory/sim.yml (new1) is converged once by a
 * shipped playbook (the template); each case clones it, injects one kind of
 * drift through the simulated shell as an operator would, and then:
 *   - `apply` succeeds,
 *   - the host matches the clean converge on rc.conf, jail.conf,
 *     /etc/jail.conf.d/*, sysctl.conf, sshd_config — and the other files the
 *     playbook manages: the jail's rc.conf and syslog.conf, postfix's main.cf,
 *     the copy/line files — (contents, and mode and owner), `jls -v`,
 *     `sockstat -4l` (sorted rows without PID/FD), `ifconfig -a`, `mount` and
 *     the runtime value of the sysctl the playbook sets. Only JIDs (and the
 *     CPUSetID allocated with them) and pids are normalised, and lines are
 *     compared in any order (see the comparison below),
 *   - the run after it changes nothing, in one exec and one round.
 * The clean converge is the template itself: a fresh host of the same
 * inventory entry, converged by the same playbook.
 *
 * Templates: playbooks/site.yml; playbooks/jail-fleet.yml as shipped (one
 * jail); jail-fleet.yml's task for three jails in one play (jail_list order);
 * site.yml with a `copy`, a `template`, a `line`, a `file` (link), a `zfs`, a `mount`, a `group`, a `user` and a
 * `cron` task added (mode/owner of the files those manage, the link's target), and the same tasks beside
 * site.yml's jail task alone, and alone but jail_snapshot (the fault matrix cuts their repairs there). A root tree with part of the base system deleted is the one
 * case that must not converge: the jail task fails naming what is missing,
 * and nothing is rebuilt.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimHost } from '../../src/sim/host.js';
import { brokenTrees, drifts, HOST, HOST_IP, JAIL_IP, templateOf, templates, type Kind } from './drift-cases.js';
import { cloneOf, runOn, sh, snapshot, snapshotDiff, unordered, type Snapshot, type Template } from './drift-host.js';

function inject(sim: SimHost, script: string): void {
  const r = sh(sim, script);
  expect(r.code, `${script}\n${r.stdout}${r.stderr}`).toBe(0);
}

const failed = (statuses: Array<[string, string]>) => statuses.filter(([, s]) => s === 'failed');

for (const kind of Object.keys(templates) as Kind[]) {
  const spec = templates[kind];
  describe(`drift on a converged host of ${spec.title}`, () => {
    let template: Template;
    beforeAll(async () => {
      template = await templateOf(kind);
      // The template is what the playbooks promise: a sanity check on what is compared (the file tasks alone build no jail).
      if (kind !== 'bareFiles') expect(template.clean.jls).toContain(JAIL_IP);
      // site.yml rebinds the host daemons: nothing listens on a wildcard address.
      if (kind === 'site' || kind === 'files') {
        expect(template.clean.sockstat.filter((r) => r.split(' ')[3]?.startsWith('*:'))).toEqual([]);
        expect(template.clean.sockstat).toContain(`root sshd tcp4 ${HOST_IP}:22 *:*`);
      }
    });

    for (const drift of drifts.filter((d) => d.on.includes(kind))) {
      it(drift.name, async () => {
        const sim = cloneOf(template);
        inject(sim, drift.inject);
        let want: Snapshot = template.clean;
        const toReference = drift.also ?? drift.repairedAs;
        if (toReference) {
          const reference = cloneOf(template);
          inject(reference, toReference);
          want = snapshot(reference, template.extraFiles);
        }
        // The drift shows in what is compared, or this case tests nothing.
        expect(snapshot(sim, template.extraFiles)).not.toEqual(template.clean);

        const repair = await runOn(sim, HOST, template.playbook, template.inventory);
        expect(failed(repair.statuses), JSON.stringify(repair.tasks.map((t) => [t.task, t.status, t.message]))).toEqual([]);
        // A drift jailfleet owns is reported as a change; one it does not own, not at all.
        expect.soft(repair.statuses.some(([, s]) => s === 'changed'), 'the repair reports a change').toBe(drift.also === undefined);
        const repaired = snapshot(sim, template.extraFiles);
        const said = repair.tasks.filter((t) => t.status !== 'ok').map((t) => `${t.task}: ${t.message}`);
        // Compared as the same lines in any order: rc.conf and sshd_config
        // assignments mean the same wherever they stand (sysrc appends what it
        // adds back, and rebind puts ListenAddress where it is valid, before any
        // Match block), and jls, ifconfig and mount list a restarted jail last.
        // Values themselves (jail_list's order of names included) still count.
        expect(snapshotDiff(unordered(repaired), unordered(want)), `the same lines as the clean converge (repair: ${JSON.stringify(said)})`).toEqual([]);

        const again = await runOn(sim, HOST, template.playbook, template.inventory);
        expect.soft(again.tasks.filter((t) => t.status !== 'ok').map((t) => [t.task, t.status, t.message]), 'the next run changes nothing').toEqual([]);
        expect.soft(again.ends, 'the next run: one exec, one round').toEqual([{ channels: 1, rounds: 1 }]);
      });
    }

    // The file tasks' templates hold site.yml's jail task, or none: its broken trees are cut on site.yml.
    if (kind === 'files' || kind === 'jailFiles' || kind === 'bareFiles') return;
    // A thin jail's bin is its read-only release: `rm` there fails (its etc case still runs).
    for (const broken of brokenTrees.filter((b) => kind !== 'thin' || !b.gone.includes('/bin/'))) {
      it(`${broken.name} — the jail task fails naming it, nothing is rebuilt, user data untouched`, async () => {
        const sim = cloneOf(template);
        inject(sim, "mkdir -p /usr/jails/www/home/alice && printf 'keep me\\n' > /usr/jails/www/home/alice/notes.txt");
        const jid = sh(sim, 'jls -j www jid').stdout;
        inject(sim, broken.inject);
        const before = snapshot(sim, template.extraFiles);

        const run = await runOn(sim, HOST, template.playbook, template.inventory);
        const jailTask = run.tasks.find((t) => t.status === 'failed');
        expect(jailTask?.task).toMatch(/^(www jail|jail) is built, configured and running/);
        expect(run.tasks.filter((t) => t.status === 'failed')).toHaveLength(1);
        expect(jailTask?.message).toMatch(/root tree \/usr\/jails\/www .*incomplete/);
        expect(jailTask?.message).toContain(`${broken.missing} missing`);
        // Nothing rebuilt: the host was sent nothing to run, the missing part is still missing.
        expect(run.sent).toBe('');
        expect(sim.fs.exists(broken.gone)).toBe(false);
        expect(sh(sim, 'cat /usr/jails/www/home/alice/notes.txt').stdout).toBe('keep me\n');
        // The running jail was left as it ran, and nothing else on the host changed.
        expect(sh(sim, 'jls -j www jid').stdout).toBe(jid);
        expect(snapshot(sim, template.extraFiles)).toEqual(before);
      });
    }
  });
}
