/**
 * A poll sleep that can be cut short: pollers wait on it, and a local publish or commit
 * calls `wake()` so work flows at once instead of on the next tick.
 */
export class Wakeup {
  #pending = false;
  #resolve: (() => void) | undefined;

  /** Waits up to `ms`; returns early on `wake()`, including one that came before the wait. */
  wait(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#resolve = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#resolve = done;
    });
  }

  wake(): void {
    if (this.#resolve) this.#resolve();
    else this.#pending = true;
  }
}
