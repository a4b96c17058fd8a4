/**
 * A counting semaphore for exec channels. OpenSSH refuses channels beyond its
 * MaxSessions (default 10) per connection, so concurrent execs wait for a slot
 * instead of failing.
 */
export class ChannelSlots {
  private inUse = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.inUse < this.limit) {
      this.inUse++;
      return;
    }
    // release() hands its slot straight to us, so inUse stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
      return;
    }
    this.inUse--;
  }
}
