import { type ServiceApp, principalOf, problemResponses } from '@tongxin/service-platform';
import type { FastifyReply } from 'fastify';
import { CandidateList, IdParams, MatchQuery, OpeningMatchList } from '../domain/schemas.ts';
import type { MatchService } from '../use-cases/match-service.ts';

const problems = problemResponses(400, 401, 403, 404);

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
    {
      config: { roles: ['worker', 'officer', 'admin'] },
      schema: {
        tags: ['matching'],
        summary: 'Openings ranked for a worker, each with score and explanation',
        params: IdParams,
        querystring: MatchQuery,
        response: { 200: OpeningMatchList, ...problems },
      },
    },
    async (request, reply) =>
      timed(reply, () => service.workerMatches(principalOf(request), request.params.id, request.query.limit ?? 20)),
  );

  app.get(
    '/api/v1/openings/:id/candidates',
    {
      config: { roles: ['employer', 'officer', 'admin'] },
      schema: {
        tags: ['matching'],
        summary: 'Workers ranked for an opening (officers: their villages only), each with score and explanation',
        params: IdParams,
        querystring: MatchQuery,
        response: { 200: CandidateList, ...problems },
      },
    },
    async (request, reply) =>
      timed(reply, () => service.openingCandidates(principalOf(request), request.params.id, request.query.limit ?? 20)),
  );
}
