import { type Principal, inRegionScope } from '@tongxin/auth';
import { type CountyCalendar, notFound } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { MatchStore } from '../domain/match-store.ts';
import {
  type CandidateMatch,
  type OpeningMatch,
  rankCandidatesForOpening,
  rankOpeningsForWorker,
} from '../domain/rank.ts';
import { employersSeeCandidatesOnly, workersSeeMatchesOnly } from '../errors.ts';
import { type Clock, TOKENS } from '../tokens.ts';

/** Who may see whose matches, and the ranking over the in-memory read model. */
@injectable()
export class MatchService {
  constructor(
    @inject(TOKENS.Store) private readonly store: MatchStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Calendar) private readonly calendar: CountyCalendar,
  ) {}

  /** Whether the read model holds this worker (whoever may see them). */
  knowsWorker(workerId: string): boolean {
    return this.store.workers.has(workerId);
  }

  /** The worker themself, an officer of their village, or an administrator; others get 404. */
  workerMatches(p: Principal, workerId: string, limit: number): { items: OpeningMatch[] } {
    if (p.role === 'employer') throw employersSeeCandidatesOnly();
    const w = this.store.workers.get(workerId);
    const visible = w && (p.role === 'worker' ? p.workerId === workerId : inRegionScope(p, w.snap.homeVillageCode));
    if (!w || !visible) throw notFound('worker', workerId);
    return { items: rankOpeningsForWorker(this.store, w, limit, this.clock(), this.calendar) };
  }

  /**
   * The opening's employer, any officer (candidates limited to their villages) or an
   * administrator. Nobody is proposed for an opening that is not published.
   */
  openingCandidates(p: Principal, openingId: string, limit: number): { items: CandidateMatch[]; notice?: string } {
    if (p.role === 'worker') throw workersSeeMatchesOnly();
    const o = this.store.openings.get(openingId);
    if (!o || (p.role === 'employer' && p.employerId !== o.snap.employerId)) throw notFound('opening', openingId);
    const now = this.clock();
    if (!this.store.isPublished(o.snap, this.calendar.dateOf(now))) {
      return {
        items: [],
        notice: `the opening is not published (status ${o.snap.status}, ${o.snap.filledCount}/${o.snap.headcount} filled)`,
      };
    }
    return { items: rankCandidatesForOpening(this.store, o, limit, now, p, p.role !== 'employer', this.calendar) };
  }
}
