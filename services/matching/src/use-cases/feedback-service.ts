import type { Principal } from '@tongxin/auth';
import type { Pool } from '@tongxin/db';
import { notFound } from '@tongxin/service-platform';
import type { MatchStore } from '../domain/match-store.ts';
import { feedbackIsWorkers } from '../errors.ts';
import type { FeedbackRepository } from '../repositories/feedback-repository.ts';
import type { Clock } from '../tokens.ts';

/**
 * A worker's feedback on their matches: "not interested" in an opening, and the openings they
 * applied or were referred to (kept by the applications consumer). Kept in PostgreSQL, loaded into
 * the in-memory copy at start (MatchStore.notInterested and MatchStore.applications) and kept there
 * by the writes of this instance, as the read model is (ADR 0007); the ranking reads only the copy.
 */
export class FeedbackService {
  constructor(
    private readonly pool: Pool,
    private readonly repo: FeedbackRepository,
    private readonly store: MatchStore,
    private readonly clock: Clock,
  ) {}

  async notInterested(p: Principal, openingId: string, on: boolean): Promise<void> {
    const workerId = workerOf(p);
    if (on && !this.store.openings.has(openingId)) throw notFound('opening', openingId);
    if (on) await this.repo.add(this.pool, workerId, openingId, this.clock());
    else await this.repo.remove(this.pool, workerId, openingId);
    // The write is known: the copy takes it as it is, without reading both kinds of mark again.
    this.store.markNotInterested(workerId, openingId, on);
  }

  /** Every worker's marks into the in-memory copy: once, at start, after the openings. */
  async loadAll(): Promise<number> {
    const all = await this.repo.allMarks(this.pool);
    for (const [workerId, marks] of all) {
      this.store.setNotInterested(workerId, marks.notInterested);
      this.store.setApplications(workerId, marks.applications);
    }
    return all.size;
  }
}

function workerOf(p: Principal): string {
  if (p.role !== 'worker' || !p.workerId) throw feedbackIsWorkers();
  return p.workerId;
}
