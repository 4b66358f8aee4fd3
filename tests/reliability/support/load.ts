import http from 'node:http';

/** One request's outcome under load. */
export interface Shot {
  status: number | 'timeout' | 'error';
  retryAfter: string | null;
  ms: number;
  /** When it was sent, ms after the load began. */
  at: number;
  /** Why a request without an answer failed (the socket error's code), for the figures. */
  cause?: string;
}

/**
 * The load's clients: keep-alive connections, at most CLIENT_CONNECTIONS at once, as a population of
 * real API clients with connection pools behaves. Requests beyond them wait in the client, and that
 * wait counts in their time. (A pool without a bound opened a socket per waiting request until the
 * test process ran out of file descriptors: EMFILE, a failure of the load generator, not the gateway.)
 */
const CLIENT_CONNECTIONS = 256;
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENT_CONNECTIONS });

/** Sends one GET and reports how it ended, never throwing; a request without an answer in `timeoutMs` is a hang. */
export function shoot(url: string, token: string | undefined, timeoutMs: number, began = Date.now()): Promise<Shot> {
  const start = Date.now();
  return new Promise<Shot>((resolve) => {
    const done = (status: Shot['status'], retryAfter: string | null, cause?: string) =>
      resolve({ status, retryAfter, ms: Date.now() - start, at: start - began, ...(cause ? { cause } : {}) });
    const req = http.get(
      url,
      { agent, headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(timeoutMs) },
      (res) => {
        res.on('error', (err: NodeJS.ErrnoException) => done(isTimeout(err) ? 'timeout' : 'error', null, causeOf(err)));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          done(res.statusCode ?? 0, typeof retryAfter === 'string' ? retryAfter : null);
        });
        res.resume();
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => done(isTimeout(err) ? 'timeout' : 'error', null, causeOf(err)));
  });
}

const isTimeout = (err: Error): boolean => err.name === 'TimeoutError' || err.name === 'AbortError';
const causeOf = (err: NodeJS.ErrnoException): string =>
  isTimeout(err) ? 'no answer in time' : (err.code ?? err.message);

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

/** Counts the causes of requests that got no answer. */
export function causes(shots: Shot[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of shots) if (s.cause) out[s.cause] = (out[s.cause] ?? 0) + 1;
  return out;
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
