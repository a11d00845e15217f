/**
 * The rest between rounds of a background loop (the outbox worker, the updates poller): it
 * ends early when someone has news (`nudge`: a batch closed, a setting changed) or the core
 * closes (`end`). A nudge that comes while the loop is busy is kept, so the next rest is
 * skipped instead of the news waiting a whole round.
 */
export class Rest {
  private wake: (() => void) | undefined;
  private pending = false;
  private ended = false;

  /** Rests `ms`, or less if nudged or ended meanwhile. */
  for(ms: number): Promise<void> {
    if (this.ended) return Promise.resolve();
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }

  nudge(): void {
    if (this.wake) this.wake();
    else this.pending = true;
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }
}
