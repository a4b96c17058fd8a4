/**
 * Which tasks of a host run after a failure inside `block:`s, as Ansible
 * decides it. A block's tasks are spliced into the play's flat list, each
 * knowing its blocks (outermost first) and whether it is in a block's
 * `block`, `rescue` or `always` list (playbook/read-block.ts).
 *
 * A failure walks the task's blocks from the innermost out: a block whose
 * `block` list holds it and that has a `rescue` catches it (its rescue runs,
 * then its always, then the tasks after it); any other block it passes is
 * failed (the rest of its block and rescue lists do not run, its always
 * does) or, when it failed in its always list, done (nothing more of it
 * runs). Uncaught, the host is failed: only the always lists of the blocks
 * it passed still run, then the host stops.
 *
 * How this fits one exec per host (DESIGN.md §4): tasks are planned on the
 * controller and their steps sent in rounds that stop at the first failed
 * step, so whether a block failed is known only once its steps ran. Before
 * planning a task of a block's rescue or always list, the planner therefore
 * sends the steps still pending from that block's earlier lists as a round
 * of their own (a settle). A converged host has no steps pending and no
 * extra round; a converging host pays one round per such block. When a
 * step fails, the instances planned after it never ran: they are dropped
 * (with what they registered and notified), every fact is read again
 * before use (their predictions no longer hold), and planning goes on from
 * the task after the failed one under these rules.
 */
import type { BlockDef, BlockSection, TaskDef } from '../playbook/types.js';

type BlockState = 'rescuing' | 'failed' | 'done';

export class BlockFlow {
  private readonly state = new Map<BlockDef, BlockState>();
  /** An uncaught failure: the host fails once the always lists it passed have run. */
  hostFailed = false;

  /** A failure of `task` leaves something to run: a rescue that catches it, or an always list. */
  static recoverable(task: TaskDef): boolean {
    return (task.blocks ?? []).some(({ block, section }) => (section === 'block' && block.hasRescue) || (section !== 'always' && block.hasAlways));
  }

  /** A failure of `task` is caught by a rescue (the recap counts it as rescued, not failed). */
  static rescued(task: TaskDef): boolean {
    return (task.blocks ?? []).some(({ block, section }) => section === 'block' && block.hasRescue);
  }

  /** The blocks in whose rescue or always list `task` is: the steps of their earlier lists must have run before it is planned. */
  static settlesOn(task: TaskDef): BlockDef[] {
    return (task.blocks ?? []).filter((p) => p.section !== 'block').map((p) => p.block);
  }

  /** `task` failed: mark the blocks its failure passes through, up to the one that catches it. */
  fail(task: TaskDef): void {
    const places = task.blocks ?? [];
    for (let i = places.length - 1; i >= 0; i--) {
      const { block, section } = places[i]!;
      if (section === 'block' && block.hasRescue) {
        this.state.set(block, 'rescuing');
        return;
      }
      this.state.set(block, section === 'always' ? 'done' : 'failed');
    }
    this.hostFailed = true;
  }

  /**
   * Whether `task` runs now, given the failures so far. The innermost of its
   * blocks a failure passed decides: its always list runs (the failure
   * unwinds through it, also when an outer rescue will take over), its
   * rescue list only when it caught the failure, its block list not.
   */
  runs(task: TaskDef): boolean {
    let deepest: { state: BlockState; section: BlockSection } | undefined;
    for (const { block, section } of task.blocks ?? []) {
      const state = this.state.get(block);
      if (state === 'done') return false;
      if (state !== undefined) deepest = { state, section };
      // A rescue list runs only for a failure in its block.
      else if (section === 'rescue') return false;
    }
    if (deepest?.section === 'block') return false;
    if (deepest?.section === 'rescue' && deepest.state !== 'rescuing') return false;
    return !this.hostFailed || deepest?.section === 'always';
  }
}
