import { EventsError } from './errors.ts';
import type { MessageMeta, RetryOptions } from './event-bus.ts';
import type { Logger } from './logger.ts';
import { backoffMs, sleep } from './sleep.ts';

/** Everything {@link handleWithRetry} needs besides the message. */
export interface RetryContext {
  logger: Logger;
  groupId: string;
  retry: Required<RetryOptions>;
  /** Aborted when the subscription stops: no further attempt is made. */
  stopping: AbortSignal;
  /** How long a running attempt may go on after `stopping` aborts before it is abandoned. */
  graceMs: number;
  /** Called between attempts, e.g. the Kafka heartbeat. */
  onWait?: () => Promise<void>;
}

/**
 * Runs `handle` until it succeeds. Failures are logged and retried with backoff, on the
 * same message, so nothing is skipped or reordered. Rejects with `EVENTS_HANDLER_ABANDONED`
 * only when the subscription stops first: the caller must then not commit.
 */
export async function handleWithRetry(
  ctx: RetryContext,
  meta: MessageMeta,
  handle: () => Promise<void>,
  logFields: Record<string, unknown> = {},
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (ctx.stopping.aborted) throw abandoned(meta);
    try {
      await runWithGrace(ctx, handle(), meta);
      return;
    } catch (err) {
      if (err instanceof EventsError && err.code === 'EVENTS_HANDLER_ABANDONED') throw err;
      if (ctx.stopping.aborted) throw abandoned(meta, err);
      const waitMs = backoffMs(attempt, ctx.retry.initialMs, ctx.retry.maxMs);
      ctx.logger.warn(
        { err, groupId: ctx.groupId, ...meta, ...logFields, attempt, retryInMs: waitMs },
        'event handler failed; retrying the same message',
      );
      await ctx.onWait?.();
      await sleep(waitMs, ctx.stopping);
      await ctx.onWait?.();
    }
  }
}

/**
 * One attempt at a whole batch (no retry: a failed batch is handled message by message next,
 * which isolates a poison message). Resolves true when it succeeded, false when it failed;
 * rejects with `EVENTS_HANDLER_ABANDONED` when the subscription stops first.
 */
export async function attemptBatch(
  ctx: RetryContext,
  first: MessageMeta,
  count: number,
  handle: () => Promise<void>,
): Promise<boolean> {
  if (ctx.stopping.aborted) throw abandoned(first);
  try {
    await runWithGrace(ctx, handle(), first);
    return true;
  } catch (err) {
    if (err instanceof EventsError && err.code === 'EVENTS_HANDLER_ABANDONED') throw err;
    if (ctx.stopping.aborted) throw abandoned(first, err);
    ctx.logger.warn(
      { err, groupId: ctx.groupId, ...first, batch: count },
      'batch handler failed; handling its messages one at a time',
    );
    return false;
  }
}

/** Lets a running attempt finish within the grace period after stop; abandons it afterwards. */
function runWithGrace(ctx: RetryContext, attempt: Promise<void>, meta: MessageMeta): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onStop = (): void => {
      timer = setTimeout(() => reject(abandoned(meta)), ctx.graceMs);
    };
    if (ctx.stopping.aborted) onStop();
    else ctx.stopping.addEventListener('abort', onStop, { once: true });
    attempt.then(
      () => {
        clearTimeout(timer);
        ctx.stopping.removeEventListener('abort', onStop);
        resolve();
      },
      (err: unknown) => {
        clearTimeout(timer);
        ctx.stopping.removeEventListener('abort', onStop);
        reject(err);
      },
    );
  });
}

function abandoned(meta: MessageMeta, cause?: unknown): EventsError {
  return new EventsError(
    'EVENTS_HANDLER_ABANDONED',
    `subscription stopped while handling ${meta.topic}/${meta.partition}@${meta.offset}; left uncommitted`,
    { cause, retriable: true },
  );
}

/** Fills the retry defaults. */
export function retryDefaults(retry: RetryOptions | undefined): Required<RetryOptions> {
  return { initialMs: retry?.initialMs ?? 200, maxMs: retry?.maxMs ?? 10_000 };
}
