/**
 * Keeps each key's last result while the data it was made of is unchanged. `version()` reads a value
 * that every committed write to that data changes, in the writer's own transaction (placement's
 * `data_version`, ADR 0019). The version is read before the result is computed, so a write committed
 * during the computation changes it and the result is not given again: an answer is never older than
 * the request it answers.
 */
export class KeptWhileUnchanged<V> {
  readonly #kept = new Map<string, { version: string; value: V }>();

  constructor(
    private readonly version: () => Promise<string>,
    /** Keys kept at most (one per scope asked for); beyond it the oldest is dropped. */
    private readonly size = 1000,
  ) {}

  async get(key: string, compute: () => Promise<V>): Promise<V> {
    const version = await this.version();
    const kept = this.#kept.get(key);
    if (kept?.version === version) return kept.value;
    const value = await compute();
    this.#kept.delete(key);
    if (this.#kept.size >= this.size) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(key, { version, value });
    return value;
  }
}
