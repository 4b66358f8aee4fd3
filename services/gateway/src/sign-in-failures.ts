import type { Redis } from 'ioredis';

/**
 * Failed sign-ins per address in a fixed one-minute window: in Redis when the gateway has it
 * (gateways sharing it share the count), in this process otherwise. If Redis stops answering the
 * count is skipped, like the other limits, rather than refusing every sign-in.
 */
export class SignInFailures {
  readonly #memory = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
    private readonly windowMs = 60_000,
  ) {}

  /** Seconds until the address may try again, or 0 while it is under the limit. */
  async retryAfter(address: string): Promise<number> {
    const { count, resetInMs } = await this.#read(address);
    return count >= this.max ? Math.max(1, Math.ceil(resetInMs / 1000)) : 0;
  }

  async record(address: string): Promise<void> {
    const key = this.#key(address);
    if (this.redis) {
      try {
        if ((await this.redis.incr(key)) === 1) await this.redis.pexpire(key, this.windowMs);
      } catch {
        // Redis unavailable: skip, as @fastify/rate-limit's skipOnError does.
      }
      return;
    }
    const now = Date.now();
    const entry = this.#memory.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.#memory.size > 100_000) this.#sweep(now);
      this.#memory.set(key, { count: 1, resetAt: now + this.windowMs });
    } else entry.count++;
  }

  async #read(address: string): Promise<{ count: number; resetInMs: number }> {
    const key = this.#key(address);
    if (this.redis) {
      try {
        const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
        if (count !== null && ttl === -1) await this.redis.pexpire(key, this.windowMs);
        return { count: Number(count ?? 0), resetInMs: ttl > 0 ? ttl : this.windowMs };
      } catch {
        return { count: 0, resetInMs: 0 };
      }
    }
    const entry = this.#memory.get(key);
    const now = Date.now();
    return entry && entry.resetAt > now
      ? { count: entry.count, resetInMs: entry.resetAt - now }
      : { count: 0, resetInMs: 0 };
  }

  #key(address: string): string {
    return `${this.prefix}signin-fail|${address}`;
  }

  #sweep(now: number): void {
    for (const [k, v] of this.#memory) if (v.resetAt <= now) this.#memory.delete(k);
  }
}
