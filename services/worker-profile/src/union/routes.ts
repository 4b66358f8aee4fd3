import { Type } from '@sinclair/typebox';
import { IdParams, Page, type ServiceApp, principalOf, problemResponses } from '@tongxin/service-platform';
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

const problems = problemResponses(400, 401, 403, 404, 409);
const officers = { roles: ['officer' as const, 'admin' as const] };
const tags = ['union'];

/** The union organisation: federations, work groups, memberships and the figures beside the party's. */
export async function unionRoutes(app: ServiceApp, union: UnionLedger, memberships: MembershipLedger): Promise<void> {
  app.post(
    '/api/v1/union/federations',
    {
      config: officers,
      schema: {
        tags,
        summary: 'Set up the union federation of a township (乡镇工会联合会)',
        body: FederationInput,
        response: { 201: FederationView, ...problems },
      },
    },
    async (request, reply) => reply.status(201).send(await union.createFederation(principalOf(request), request.body)),
  );
  app.get(
    '/api/v1/union/federations',
    {
      config: officers,
      schema: {
        tags,
        summary: 'Federations of your townships with their work groups and members',
        querystring: UnionListQuery,
        response: { 200: Type.Object({ items: Type.Array(FederationView) }), ...problems },
      },
    },
    async (request) => union.listFederations(principalOf(request), request.query),
  );
  app.post(
    '/api/v1/union/work-groups',
    {
      config: officers,
      schema: {
        tags,
        summary:
          'Set up a village work group (村级工作组) in a federation: leader, villages covered, the party group leading it',
        body: WorkGroupInput,
        response: { 201: WorkGroupView, ...problems },
      },
    },
    async (request, reply) => reply.status(201).send(await union.createWorkGroup(principalOf(request), request.body)),
  );
  app.get(
    '/api/v1/union/work-groups',
    {
      config: officers,
      schema: {
        tags,
        summary: 'Work groups covering your villages (leader phone masked)',
        querystring: UnionListQuery,
        response: { 200: Page(WorkGroupView), ...problems },
      },
    },
    async (request) => union.listWorkGroups(principalOf(request), request.query),
  );
  app.get(
    '/api/v1/union/work-groups/:id',
    {
      config: officers,
      schema: { tags, summary: 'A work group', params: IdParams, response: { 200: WorkGroupView, ...problems } },
    },
    async (request) => union.getWorkGroup(principalOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/union/work-groups/:id',
    {
      config: officers,
      schema: {
        tags,
        summary: 'Change a work group: name, leader, villages covered, the party group leading it',
        params: IdParams,
        body: WorkGroupPatch,
        response: { 200: WorkGroupView, ...problems },
      },
    },
    async (request) => union.updateWorkGroup(principalOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/union/work-groups/:id/members',
    {
      config: officers,
      schema: {
        tags,
        summary: 'Members of a work group (open memberships; open=false adds those who left)',
        params: IdParams,
        querystring: MembersQuery,
        response: { 200: Page(MembershipView), ...problems },
      },
    },
    async (request) => union.members(principalOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/union/figures',
    {
      config: officers,
      schema: {
        tags,
        summary:
          'Work groups and members per work group, village, township or county, with the party figures side by side (党建带工建)',
        querystring: UnionListQuery,
        response: { 200: UnionFiguresView, ...problems },
      },
    },
    async (request) => union.figures(principalOf(request), request.query),
  );
  app.post(
    '/api/v1/workers/:id/union-membership',
    {
      config: officers,
      schema: {
        tags,
        summary: 'The worker joins the union in a work group of their village (201; the same again: 200)',
        params: IdParams,
        body: JoinInput,
        response: { 200: MembershipView, 201: MembershipView, ...problems },
      },
    },
    async (request, reply) => {
      const r = await memberships.join(principalOf(request), request.params.id, request.body);
      return reply.status(r.created ? 201 : 200).send(r.membership);
    },
  );
  app.post(
    '/api/v1/workers/:id/union-membership/leave',
    {
      config: officers,
      schema: {
        tags,
        summary: 'The worker leaves the union: the open membership is closed',
        params: IdParams,
        body: LeaveInput,
        response: { 200: MembershipView, ...problems },
      },
    },
    async (request) => memberships.leave(principalOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/workers/:id/union-membership',
    {
      config: officers,
      schema: {
        tags,
        summary: "A worker's union memberships, open and closed",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(MembershipView) }), ...problems },
      },
    },
    async (request) => memberships.membershipsOf(principalOf(request), request.params.id),
  );
}
