import { type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import type { FastifyReply } from 'fastify';
import { CandidateList, IdParams, MatchQuery, OpeningMatchList } from '../domain/schemas.ts';
import {
  type Freshness,
  FRESHNESS_HEADER,
  NOT_YET_KNOWN_RETRY_AFTER_S,
  freshnessHeader,
  matchingNotYetKnown,
} from '../errors.ts';
import type { MatchService } from '../use-cases/match-service.ts';

const route = routeGroup(['matching'], [400, 401, 403, 404]);

/** The OpenAPI's word on the freshness header (issue 16 item 2, ADR 0019). */
export const FRESHNESS_DOC =
  "The answer carries `Tongxin-Data-Freshness: events-behind=N, seconds-behind=S`: how many events matching's " +
  'read model has not applied yet and the age of the oldest (`seconds-behind` absent when unknown, e.g. on Kafka); ' +
  '0 and 0 when it is up to date. 答案头 Tongxin-Data-Freshness 说明匹配数据落后的事件数和秒数。';

/** Runs the ranking and reports its duration in a Server-Timing header, so latency can be split from transport. */
function timed<T>(reply: FastifyReply, rank: () => T): T {
  const start = performance.now();
  const result = rank();
  reply.header('server-timing', `rank;dur=${(performance.now() - start).toFixed(2)}`);
  return result;
}

/**
 * Ranked openings for a worker and ranked workers for an opening. `workerFreshness` tells how far the
 * read model is behind on the registry's events: a worker it does not know while it is behind gets
 * 503 MATCHING_NOT_YET_KNOWN with Retry-After, not a bare 404 (ADR 0019). `readModelFreshness` (all
 * the read model's topics) goes on every answer as the Tongxin-Data-Freshness header.
 */
export async function matchRoutes(
  app: ServiceApp,
  service: MatchService,
  workerFreshness: (options?: { fresh?: boolean }) => Promise<Freshness> = async () => ({
    eventsBehind: 0,
    secondsBehind: 0,
  }),
  readModelFreshness: () => Promise<Freshness> = workerFreshness,
): Promise<void> {
  const fresh = async (reply: FastifyReply) =>
    void reply.header(FRESHNESS_HEADER, freshnessHeader(await readModelFreshness()));
  app.get(
    '/api/v1/workers/:id/matches',
    route(
      'Openings ranked for a worker, each with score and explanation',
      { 200: OpeningMatchList },
      {
        roles: ['worker', 'officer', 'admin'],
        params: IdParams,
        querystring: MatchQuery,
        problems: [503],
        description: FRESHNESS_DOC,
      },
    ),
    async (request, reply) => {
      const p = principalOf(request);
      const { id } = request.params;
      if (p.role !== 'employer' && !service.knowsWorker(id)) {
        // Asked afresh, not from the shared cache: a "caught up" read before the worker's event was
        // published would turn a worker who exists into a bare 404.
        const freshness = await workerFreshness({ fresh: true });
        if (freshness.eventsBehind > 0 && !service.knowsWorker(id)) {
          reply.header('retry-after', String(NOT_YET_KNOWN_RETRY_AFTER_S));
          throw matchingNotYetKnown(id, freshness);
        }
      }
      await fresh(reply);
      return timed(reply, () => service.workerMatches(p, id, request.query.limit ?? 20));
    },
  );

  app.get(
    '/api/v1/openings/:id/candidates',
    route(
      'Workers ranked for an opening (officers: their villages only), each with score and explanation',
      { 200: CandidateList },
      {
        roles: ['employer', 'officer', 'admin'],
        params: IdParams,
        querystring: MatchQuery,
        description: FRESHNESS_DOC,
      },
    ),
    async (request, reply) => {
      await fresh(reply);
      return timed(reply, () =>
        service.openingCandidates(principalOf(request), request.params.id, request.query.limit ?? 20),
      );
    },
  );
}
