/**
 * The template module: the controller's file rendered with the task's
 * variables (srcContent, read by the engine), then planned as copy with
 * that content (Ansible's template module: a rendered copy).
 */
import { describe, expect, it } from 'vitest';
import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { templateModule } from '../../src/modules/template/index.js';
import { absent, commands, context, fileCmd, lsFile, play, planOne } from './harness.js';

const DEST = '/etc/motd';
const SRC = 'templates/motd.j2';
const TEXT = '{{ inventory_hostname }}: managed by jailfleet\n{% for j in jails %}\n- {{ j }}\n{% endfor %}\n';
const RENDERED = 'h1: managed by jailfleet\n- www\n- db\n';
const vars = { inventory_hostname: 'h1', jails: ['www', 'db'] };
const task = { src: SRC, srcContent: TEXT, dest: DEST, mode: '0640', owner: 'root', group: 'wheel' };

describe('template', () => {
  it('creates a missing file with the rendered content, its mode and owner, in one atomic write', () => {
    const plan = planOne({ [fileCmd(DEST)]: absent }, [templateModule, task], context(vars));
    expect(plan.changed).toBe(true);
    expect(plan.message).toBe(`${DEST} created`);
    expect(commands(plan)).toEqual([
      `${TEMP_CLEANUP}t=$(mktemp /etc/.jailfleet.XXXXXX) && printf '%s' 'h1: managed by jailfleet\n- www\n- db\n' > "$t" && chmod 0640 "$t" && chown root:wheel "$t" && mv -f "$t" ${DEST} || { rm -f "$t"; exit 1; }`,
    ]);
    expect(plan.diffs).toEqual([{ label: DEST, before: '', after: RENDERED }]);
  });

  it('sends no command when the file already holds the rendered text with its mode and owner', () => {
    const converged = planOne({ [fileCmd(DEST)]: lsFile(DEST, RENDERED, '-rw-r-----') }, [templateModule, task], context(vars));
    expect(converged).toEqual({ changed: false, message: `${DEST} is up to date`, steps: [], diffs: [], updates: [] });
    // The same task again after a write: the predicted file matches, nothing more to do.
    const [, second] = play({ [fileCmd(DEST)]: absent }, [[templateModule, task], [templateModule, task]], context(vars));
    expect(second).toMatchObject({ changed: false, steps: [] });
  });

  it('shows what a host-specific change does to the file as a diff, keeping the file\'s mode when none is given', () => {
    const plan = planOne({ [fileCmd(DEST)]: lsFile(DEST, 'old\n', '-rw-------') }, [templateModule, { src: SRC, srcContent: TEXT, dest: DEST }], context({ ...vars, inventory_hostname: 'h2' }));
    expect(plan.diffs).toEqual([{ label: DEST, before: 'old\n', after: 'h2: managed by jailfleet\n- www\n- db\n' }]);
    expect(commands(plan)[0]).toContain('chmod 0600 "$t"');
  });

  it('fixes only the mode when the rendered content is already there', () => {
    const plan = planOne({ [fileCmd(DEST)]: lsFile(DEST, RENDERED, '-rw-r--r--') }, [templateModule, task], context(vars));
    expect(commands(plan)).toEqual([`chmod 0640 ${DEST}`]);
    expect(plan.message).toBe('mode 0644 -> 0640');
  });

  it('a render error fails the task naming the template file and line', () => {
    const bad = { ...task, srcContent: 'ok\n{{ nope }}\n' };
    expect(() => planOne({ [fileCmd(DEST)]: absent }, [templateModule, bad], context(vars))).toThrow(new PlanError(`template: ${SRC}:2:1: undefined variable "nope"`));
  });

  it('takes Ansible\'s argument names and refuses others (content belongs to copy)', () => {
    expect(templateModule.schema.safeParse({ src: SRC, dest: DEST, backup: 'yes' }).success).toBe(true);
    expect(templateModule.schema.safeParse({ src: SRC, dest: DEST, content: 'x' }).success).toBe(false);
    expect(templateModule.schema.safeParse({ dest: DEST }).success).toBe(false);
  });
});
