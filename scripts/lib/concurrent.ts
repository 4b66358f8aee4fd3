/**
 * The concurrent request runner of the benchmarks (bench:registry, bench:pipeline, bench:county):
 * `n` calls of `one` with `concurrency` in flight, each call's latency kept, failures counted
 * (a thrown error is a failure, not the end of the run).
 */
export interface RunResult {
  count: number;
  failed: number;
  seconds: number;
  /** Latencies in ms, sorted ascending. */
  latencies: number[];
}

export async function runConcurrently(
  n: number,
  concurrency: number,
  one: (i: number) => Promise<boolean>,
): Promise<RunResult> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, Math.max(n, 1)) }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        if (!(await one(i).catch(() => false))) failed++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return {
    count: n,
    failed,
    seconds: (performance.now() - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
  };
}

/** The p-th percentile latency (ms) of a run. */
export const percentile = (r: RunResult, p: number): number =>
  r.latencies[Math.min(r.latencies.length - 1, Math.floor((p / 100) * r.latencies.length))] ?? 0;

/** Calls per second of a run. */
export const rate = (r: RunResult): number => r.count / r.seconds;
