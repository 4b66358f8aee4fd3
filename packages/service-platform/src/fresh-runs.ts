/**
 * Shares one run of an expensive read among the callers that asked for the same key while it was
 * waiting to start, never one that began before a caller asked: every answer is as fresh as its own
 * run would have been, and a burst of callers costs at most two runs (the one under way and the one
 * queued behind it) instead of one each.
 */
export class FreshRuns<V> {
  readonly #running = new Map<string, Promise<V>>();
  readonly #queued = new Map<string, Promise<V>>();

  run(key: string, read: () => Promise<V>): Promise<V> {
    const queued = this.#queued.get(key);
    if (queued) return queued;
    const running = this.#running.get(key);
    if (!running) return this.#start(key, read);
    // After the run under way, however it ended.
    const startNext = () => this.#startQueued(key, read);
    const next = running.then(startNext, startNext);
    this.#queued.set(key, next);
    return next;
  }

  #startQueued(key: string, read: () => Promise<V>): Promise<V> {
    this.#queued.delete(key);
    return this.#start(key, read);
  }

  #start(key: string, read: () => Promise<V>): Promise<V> {
    const run = read().finally(() => {
      if (this.#running.get(key) === run) this.#running.delete(key);
    });
    this.#running.set(key, run);
    return run;
  }
}
