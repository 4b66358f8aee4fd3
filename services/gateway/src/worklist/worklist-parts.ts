import type { FastifyBaseLogger } from 'fastify';
import type { ServiceName } from '../route-table.ts';
import { type PartAnswer, capPerKind, isPartAnswer, mergeParts } from './merge.ts';
import { type MergedWorklist, WORKLIST_PARTS, type WorklistPart } from './schemas.ts';

/**
 * Gathers the officer's worklist from the services that own its parts, each asked with the
 * caller's own token (so each applies its own scope), and merges them. A part that is not
 * configured, fails, times out or answers anything but its list is reported `unavailable`
 * and the others are still shown.
 */
export class WorklistParts {
  constructor(
    private readonly urls: Partial<Record<ServiceName, string>>,
    private readonly timeoutMs = 5_000,
  ) {}

  async gather(
    caller: { authorization?: string; requestId: string; limit?: number },
    log: FastifyBaseLogger,
  ): Promise<MergedWorklist> {
    const names = Object.keys(WORKLIST_PARTS) as WorklistPart[];
    const answers = await Promise.all(names.map((name) => this.#ask(name, caller, log)));
    const parts = Object.fromEntries(
      names.map((name, i) => [name, answers[i] ? 'ok' : 'unavailable']),
    ) as MergedWorklist['parts'];
    const merged = mergeParts(answers.filter((a): a is PartAnswer => a !== undefined));
    return { ...(caller.limit === undefined ? merged : capPerKind(merged, caller.limit)), parts };
  }

  async #ask(
    name: WorklistPart,
    caller: { authorization?: string; requestId: string; limit?: number },
    log: FastifyBaseLogger,
  ): Promise<PartAnswer | undefined> {
    const { service, path, limit } = WORKLIST_PARTS[name];
    const base = this.urls[service];
    if (!base) return undefined;
    const query = limit && caller.limit !== undefined ? `?limit=${caller.limit}` : '';
    try {
      const r = await fetch(`${base}${path}${query}`, {
        headers: {
          ...(caller.authorization ? { authorization: caller.authorization } : {}),
          'x-request-id': caller.requestId,
          accept: 'application/json',
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (r.status !== 200) {
        await r.body?.cancel();
        log.warn({ part: name, status: r.status }, 'worklist part did not answer');
        return undefined;
      }
      const body: unknown = await r.json();
      if (isPartAnswer(body)) return body;
      log.warn({ part: name }, 'worklist part answered something else than a worklist');
    } catch (err) {
      log.warn({ part: name, err }, 'worklist part unreachable');
    }
    return undefined;
  }
}
