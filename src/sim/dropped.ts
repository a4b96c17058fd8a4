/**
 * Thrown out of exec() (and a run's last step) when a `dropAfterCommands`
 * fault fired: the SSH connection is gone. The command ran on to its end on
 * the host first (Executor.hangUp), as a command without a pty does.
 */
export class SimConnectionDropped extends Error {
  constructor(readonly afterCommands: number) {
    super(`connection dropped after ${afterCommands} commands`);
    this.name = 'SimConnectionDropped';
  }
}
