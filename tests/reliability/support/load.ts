/** One request's outcome under load. */
export interface Shot {
  status: number | 'timeout' | 'error';
  retryAfter: string | null;
  ms: number;
  /** When it was sent, ms after the load began. */
  at: number;
}

/** Sends one GET and reports how it ended, never throwing; a request without an answer in `timeoutMs` is a hang. */
export async function shoot(
  url: string,
  token: string | undefined,
  timeoutMs: number,
  began = Date.now(),
): Promise<Shot> {
  const start = Date.now();
  try {
    const res = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      ms: Date.now() - start,
      at: start - began,
    };
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
    return { status: timeout ? 'timeout' : 'error', retryAfter: null, ms: Date.now() - start, at: start - began };
  }
}

/** Closed loop: `concurrency` clients back to back for `durationMs`; the throughput the server sustains. */
export async function closedLoop(
  send: () => Promise<Shot>,
  concurrency: number,
  durationMs: number,
): Promise<{ shots: Shot[]; rps: number }> {
  const shots: Shot[] = [];
  const end = Date.now() + durationMs;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) shots.push(await send());
    }),
  );
  const ok = shots.filter((s) => s.status === 200).length;
  return { shots, rps: ok / ((Date.now() - started) / 1000) };
}

/**
 * Open loop: requests sent at a fixed rate whatever the answers, as real clients do, for `durationMs`;
 * waits for the last answer (or its timeout).
 */
export async function openLoop(
  send: (began: number) => Promise<Shot>,
  rps: number,
  durationMs: number,
): Promise<Shot[]> {
  const began = Date.now();
  const pending: Promise<Shot>[] = [];
  const total = Math.round((rps * durationMs) / 1000);
  for (let i = 0; i < total; i++) {
    const due = began + (i * 1000) / rps;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(began));
  }
  return Promise.all(pending);
}

/** Counts outcomes by status. */
export function tally(shots: Shot[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of shots) out[String(s.status)] = (out[String(s.status)] ?? 0) + 1;
  return out;
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
