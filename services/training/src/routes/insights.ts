import { Type } from '@sinclair/typebox';
import { type ServiceApp, principalOf } from '@tongxin/service-platform';
import { SkillGapQuery, SkillGapView, WorkerCourseAdvice } from '../domain/schemas.ts';
import type { SkillGapService } from '../use-cases/skill-gap-service.ts';

/** GET /api/v1/insights/skill-gaps: the county's (or one worker's) gaps and the training that closes them. */
export async function insightRoutes(app: ServiceApp, service: SkillGapService): Promise<void> {
  app.get(
    '/api/v1/insights/skill-gaps',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Skills open openings ask for that seeking workers lack, and the courses that teach them; with workerId, the courses that would open the most matches for that worker',
        querystring: SkillGapQuery,
        response: {
          200: Type.Union([SkillGapView, WorkerCourseAdvice]),
          400: { $ref: 'Problem' },
          401: { $ref: 'Problem' },
          403: { $ref: 'Problem' },
          404: { $ref: 'Problem' },
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const q = request.query;
      return q.workerId ? service.forWorker(p, q.workerId, q.limit ?? 20) : service.gaps(p, q);
    },
  );
}
