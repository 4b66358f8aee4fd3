import { serviceUnavailable, unknownLinkedRecord } from './errors.ts';
import type { ServiceName } from './route-table.ts';

/**
 * Checks that the worker or employer record an account is to act for exists, by asking the
 * service that owns it with the administrator's own token (ADR 0004, defect 9). A gateway configured
 * without that service (a partial test stack) cannot route to it either, and accepts the id as given.
 */
export class AccountLinks {
  constructor(
    private readonly urls: Partial<Record<ServiceName, string>>,
    private readonly timeoutMs = 5_000,
  ) {}

  async checkWorker(field: string, id: string, authorization: string | undefined): Promise<void> {
    await this.#check('worker-profile', `/api/v1/workers/${encodeURIComponent(id)}`, field, 'worker', authorization);
  }

  async checkEmployer(field: string, id: string, authorization: string | undefined): Promise<void> {
    await this.#check('employer', `/api/v1/employers/${encodeURIComponent(id)}`, field, 'employer', authorization);
  }

  async #check(
    service: ServiceName,
    path: string,
    field: string,
    what: 'worker' | 'employer',
    authorization: string | undefined,
  ): Promise<void> {
    const base = this.urls[service];
    if (!base) return;
    let status: number;
    let failure: unknown;
    try {
      const r = await fetch(`${base}${path}`, {
        headers: authorization ? { authorization } : {},
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = r.status;
      await r.body?.cancel();
    } catch (err) {
      status = 0;
      failure = err;
    }
    if (status === 200) return;
    if (status === 404) throw unknownLinkedRecord(field, what);
    throw serviceUnavailable(
      `the ${service} service could not confirm the ${what} (${status || 'no answer'}); try again`,
      failure === undefined ? {} : { cause: failure },
    );
  }
}
