import { TokenService } from '@tongxin/auth';
import { serviceUnavailable } from '../errors.ts';

/** The gateway's own identity when it asks a service something on nobody's behalf (ADR 0014). */
export const GATEWAY_PRINCIPAL = { sub: 'gateway', username: 'gateway', role: 'admin' as const };

/**
 * Asks worker-profile whether a registry worker has this ID number and this phone on record
 * (`POST /api/v1/workers/identify`). Nobody is signed in when a worker activates an account, so the
 * gateway signs the request itself: an administrator's token with the subject `gateway`, valid one
 * minute and never handed out (ADR 0014 says why not a role of its own).
 */
export class RegistryLookup {
  readonly #tokens: TokenService;
  #cached: { token: string; until: number } | undefined;

  constructor(
    jwtSecret: string,
    private readonly workerProfileUrl: string | undefined,
    private readonly timeoutMs = 5_000,
  ) {
    this.#tokens = new TokenService(jwtSecret, 60);
  }

  /** The worker's id and name when both match; undefined when not (or when no registry is configured). */
  async identify(idNumber: string, phone: string): Promise<{ workerId: string; name: string } | undefined> {
    if (!this.workerProfileUrl) return undefined;
    let status = 0;
    let failure: unknown;
    try {
      const r = await fetch(`${this.workerProfileUrl}/api/v1/workers/identify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await this.#token()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ idNumber, phone }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = r.status;
      if (status === 200) return (await r.json()) as { workerId: string; name: string };
      await r.body?.cancel();
    } catch (err) {
      failure = err;
    }
    if (status === 404) return undefined;
    throw serviceUnavailable(
      `the worker registry could not be asked (${status || 'no answer'}); try again`,
      failure === undefined ? {} : { cause: failure },
    );
  }

  async #token(): Promise<string> {
    const now = Date.now();
    if (!this.#cached || this.#cached.until <= now) {
      this.#cached = { token: await this.#tokens.issue(GATEWAY_PRINCIPAL), until: now + 30_000 };
    }
    return this.#cached.token;
  }
}
