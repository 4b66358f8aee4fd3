import { Type } from '@sinclair/typebox';
import { IdParams, Page, type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import {
  FederationInput,
  FederationView,
  JoinInput,
  LeaveInput,
  MembersQuery,
  MembershipView,
  UnionFiguresView,
  UnionListQuery,
  WorkGroupInput,
  WorkGroupPatch,
  WorkGroupView,
} from './schemas.ts';
import type { MembershipLedger } from './membership-ledger.ts';
import type { UnionLedger } from './union-ledger.ts';

const route = routeGroup(['union'], [400, 401, 403, 404, 409], { roles: ['officer', 'admin'] });

/** The union organisation: federations, work groups, memberships and the figures beside the party's. */
export async function unionRoutes(app: ServiceApp, union: UnionLedger, memberships: MembershipLedger): Promise<void> {
  app.post(
    '/api/v1/union/federations',
    route(
      'Set up the union federation of a township (乡镇工会联合会)',
      { 201: FederationView },
      { body: FederationInput },
    ),
    async (request, reply) => reply.status(201).send(await union.createFederation(principalOf(request), request.body)),
  );
  app.get(
    '/api/v1/union/federations',
    route(
      'Federations of your townships with their work groups and members',
      { 200: Type.Object({ items: Type.Array(FederationView) }) },
      { querystring: UnionListQuery },
    ),
    async (request) => union.listFederations(principalOf(request), request.query),
  );
  app.post(
    '/api/v1/union/work-groups',
    route(
      'Set up a village work group (村级工作组) in a federation: leader, villages covered, the party group leading it',
      { 201: WorkGroupView },
      { body: WorkGroupInput },
    ),
    async (request, reply) => reply.status(201).send(await union.createWorkGroup(principalOf(request), request.body)),
  );
  app.get(
    '/api/v1/union/work-groups',
    route(
      'Work groups covering your villages (leader phone masked)',
      { 200: Page(WorkGroupView) },
      { querystring: UnionListQuery },
    ),
    async (request) => union.listWorkGroups(principalOf(request), request.query),
  );
  app.get(
    '/api/v1/union/work-groups/:id',
    route('A work group', { 200: WorkGroupView }, { params: IdParams }),
    async (request) => union.getWorkGroup(principalOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/union/work-groups/:id',
    route(
      'Change a work group: name, leader, villages covered, the party group leading it',
      { 200: WorkGroupView },
      { params: IdParams, body: WorkGroupPatch },
    ),
    async (request) => union.updateWorkGroup(principalOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/union/work-groups/:id/members',
    route(
      'Members of a work group (open memberships; open=false adds those who left)',
      { 200: Page(MembershipView) },
      { params: IdParams, querystring: MembersQuery },
    ),
    async (request) => union.members(principalOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/union/figures',
    route(
      'Work groups and members per work group, village, township or county, with the party figures side by side (党建带工建)',
      { 200: UnionFiguresView },
      { querystring: UnionListQuery },
    ),
    async (request) => union.figures(principalOf(request), request.query),
  );
  app.post(
    '/api/v1/workers/:id/union-membership',
    route(
      'The worker joins the union in a work group of their village (201; the same again: 200)',
      { 200: MembershipView, 201: MembershipView },
      { params: IdParams, body: JoinInput },
    ),
    async (request, reply) => {
      const r = await memberships.join(principalOf(request), request.params.id, request.body);
      return reply.status(r.created ? 201 : 200).send(r.membership);
    },
  );
  app.post(
    '/api/v1/workers/:id/union-membership/leave',
    route(
      'The worker leaves the union: the open membership is closed',
      { 200: MembershipView },
      { params: IdParams, body: LeaveInput },
    ),
    async (request) => memberships.leave(principalOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/workers/:id/union-membership',
    route(
      "A worker's union memberships, open and closed",
      { 200: Type.Object({ items: Type.Array(MembershipView) }) },
      { params: IdParams },
    ),
    async (request) => memberships.membershipsOf(principalOf(request), request.params.id),
  );
}
