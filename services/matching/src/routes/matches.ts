import { type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import type { FastifyReply } from 'fastify';
import { CandidateList, IdParams, MatchQuery, OpeningMatchList } from '../domain/schemas.ts';
import type { MatchService } from '../use-cases/match-service.ts';

const route = routeGroup(['matching'], [400, 401, 403, 404]);

/** Runs the ranking and reports its duration in a Server-Timing header, so latency can be split from transport. */
function timed<T>(reply: FastifyReply, rank: () => T): T {
  const start = performance.now();
  const result = rank();
  reply.header('server-timing', `rank;dur=${(performance.now() - start).toFixed(2)}`);
  return result;
}

/** Ranked openings for a worker and ranked workers for an opening. */
export async function matchRoutes(app: ServiceApp, service: MatchService): Promise<void> {
  app.get(
    '/api/v1/workers/:id/matches',
    route(
      'Openings ranked for a worker, each with score and explanation',
      { 200: OpeningMatchList },
      { roles: ['worker', 'officer', 'admin'], params: IdParams, querystring: MatchQuery },
    ),
    async (request, reply) =>
      timed(reply, () => service.workerMatches(principalOf(request), request.params.id, request.query.limit ?? 20)),
  );

  app.get(
    '/api/v1/openings/:id/candidates',
    route(
      'Workers ranked for an opening (officers: their villages only), each with score and explanation',
      { 200: CandidateList },
      { roles: ['employer', 'officer', 'admin'], params: IdParams, querystring: MatchQuery },
    ),
    async (request, reply) =>
      timed(reply, () => service.openingCandidates(principalOf(request), request.params.id, request.query.limit ?? 20)),
  );
}
