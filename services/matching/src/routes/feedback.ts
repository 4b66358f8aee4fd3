import { Type } from '@sinclair/typebox';
import { type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import type { FeedbackService } from '../use-cases/feedback-service.ts';

const route = routeGroup(['matching'], [400, 401, 403], { roles: ['worker'] });
const Params = Type.Object({ openingId: Type.String({ format: 'uuid' }) });

/** A worker's "not interested" in an opening: it leaves their matches and alike openings sink. */
export async function feedbackRoutes(app: ServiceApp, service: FeedbackService): Promise<void> {
  app.put(
    '/api/v1/not-interested/:openingId',
    route(
      'Mark an opening "not interested": it leaves your matches, and the same employer’s openings of the same occupation sink',
      { 204: Type.Null() },
      { params: Params, problems: [404] },
    ),
    async (request, reply) => {
      await service.notInterested(principalOf(request), request.params.openingId, true);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/not-interested/:openingId',
    route('Withdraw a "not interested" mark', { 204: Type.Null() }, { params: Params }),
    async (request, reply) => {
      await service.notInterested(principalOf(request), request.params.openingId, false);
      return reply.status(204).send(null);
    },
  );
}
