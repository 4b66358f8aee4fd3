/** What one item of a batch came to: its value, or the error its caller gets. */
export type Outcome<O> = { value: O } | { error: unknown };

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: writes that arrive while one batch is being written wait, and go in together as the
 * next batch. Nothing is held back to make a batch: a lone caller is written at once, and batches grow
 * only as callers queue up behind the database. A batch's transaction costs a handful of round trips
 * however many items it carries, so under load the cost per item falls instead of callers queueing one
 * transaction each (issue 16: registrations held the embedded database's one session six round trips
 * each).
 *
 * `write` decides each item's outcome itself (a conflict is that item's error, the others go on);
 * should it throw, one item would have failed the whole batch, so each is written again alone and gets
 * its own answer.
 */
export class GroupCommit<I, O> {
  readonly #queue: Waiting<I, O>[] = [];
  #writing = false;

  constructor(
    private readonly write: (items: I[]) => Promise<Outcome<O>[]>,
    private readonly maxBatch = 64,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#queue.length > 0) await this.#writeBatch(this.#queue.splice(0, this.maxBatch));
    } finally {
      this.#writing = false;
    }
  }

  async #writeBatch(batch: Waiting<I, O>[]): Promise<void> {
    let outcomes: Outcome<O>[];
    try {
      outcomes = await this.write(batch.map((w) => w.item));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      for (const w of batch) await this.#writeBatch([w]);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (!outcome) w.reject(new Error(`group commit: no outcome for item ${i} of ${batch.length}`));
      else if ('error' in outcome) w.reject(outcome.error);
      else w.resolve(outcome.value);
    });
  }
}
