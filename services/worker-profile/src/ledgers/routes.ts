import { Type } from '@sinclair/typebox';
import { type ServiceApp, Page, principalOf } from '@tongxin/service-platform';
import {
  HouseholdPage,
  HouseholdQuery,
  IncomeInput,
  IncomeView,
  PartyApplicationInput,
  PartyApplicationView,
  PartyContactInput,
  PartyFiguresQuery,
  PartyFiguresView,
  PartyGroupInput,
  PartyGroupView,
  PartyListQuery,
  PartyMemberInput,
  PartyMemberView,
  WorkerLedgerQuery,
} from './schemas.ts';
import type { IncomeLedger } from './incomes/income-ledger.ts';
import type { PartyLedger } from './party/party-ledger.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const MemberParams = Type.Object({ id: Type.String({ format: 'uuid' }), memberId: Type.String({ format: 'uuid' }) });
const problems = {
  400: { $ref: 'Problem' },
  401: { $ref: 'Problem' },
  403: { $ref: 'Problem' },
  404: { $ref: 'Problem' },
  409: { $ref: 'Problem' },
};
const officers = { roles: ['officer' as const, 'admin' as const] };

/** Income ledger (收入台账) and party-building ledger (党建台账). */
export async function ledgerRoutes(app: ServiceApp, incomes: IncomeLedger, party: PartyLedger): Promise<void> {
  const tags = ['income ledger'];
  app.post(
    '/api/v1/workers/:id/incomes',
    {
      schema: {
        tags,
        summary:
          "Record a month's income (201), correct it (201, the old entry kept as history) or repeat it (200, nothing changes)",
        params: IdParams,
        body: IncomeInput,
        response: { 200: IncomeView, 201: IncomeView, ...problems },
      },
    },
    async (request, reply) => {
      const r = await incomes.record(principalOf(request), request.params.id, request.body);
      return reply.status(r.created ? 201 : 200).send(r.income);
    },
  );
  app.get(
    '/api/v1/workers/:id/incomes',
    {
      schema: {
        tags,
        summary: "A worker's monthly incomes (history=true adds corrected entries)",
        params: IdParams,
        querystring: WorkerLedgerQuery,
        response: { 200: Page(IncomeView), ...problems },
      },
    },
    async (request) => incomes.listForWorker(principalOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/ledgers/incomes/households',
    {
      config: officers,
      schema: {
        tags,
        summary: 'Households and their annual income per person against the poverty line (below=false lists all)',
        querystring: HouseholdQuery,
        response: { 200: HouseholdPage, ...problems },
      },
    },
    async (request) => incomes.households(principalOf(request), request.query),
  );

  const ptags = ['party-building ledger'];
  app.post(
    '/api/v1/party-groups',
    {
      config: officers,
      schema: {
        tags: ptags,
        summary: 'Set up a village party group (党小组)',
        body: PartyGroupInput,
        response: { 201: PartyGroupView, ...problems },
      },
    },
    async (request, reply) => reply.status(201).send(await party.createGroup(principalOf(request), request.body)),
  );
  app.get(
    '/api/v1/party-groups',
    {
      config: officers,
      schema: {
        tags: ptags,
        summary: 'Party groups in your scope, with members and the workers they keep in touch with',
        querystring: PartyListQuery,
        response: { 200: Page(PartyGroupView), ...problems },
      },
    },
    async (request) => party.listGroups(principalOf(request), request.query),
  );
  app.get(
    '/api/v1/party-groups/figures',
    {
      config: officers,
      schema: {
        tags: ptags,
        summary:
          'Groups, mobile members, workers in touch, applications and activists for a village, township or the county',
        querystring: PartyFiguresQuery,
        response: { 200: PartyFiguresView, ...problems },
      },
    },
    async (request) => party.figures(principalOf(request), request.query),
  );
  app.get(
    '/api/v1/party-groups/:id',
    {
      config: officers,
      schema: {
        tags: ptags,
        summary: 'A party group',
        params: IdParams,
        response: { 200: PartyGroupView, ...problems },
      },
    },
    async (request) => party.getGroup(principalOf(request), request.params.id),
  );
  app.post(
    '/api/v1/party-groups/:id/members',
    {
      config: officers,
      schema: {
        tags: ptags,
        summary: 'Add a party member (mobile: 流动党员) to the group',
        params: IdParams,
        body: PartyMemberInput,
        response: { 201: PartyMemberView, ...problems },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await party.addMember(principalOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/party-groups/:id/members/:memberId/contacts',
    {
      config: officers,
      schema: {
        tags: ptags,
        summary: 'Link a worker the member keeps in touch with',
        params: MemberParams,
        body: PartyContactInput,
        response: { 201: PartyMemberView, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await party.linkContact(principalOf(request), request.params.id, request.params.memberId, request.body)),
  );
  app.post(
    '/api/v1/ledgers/party-applications',
    {
      config: officers,
      schema: {
        tags: ptags,
        summary: 'Record a membership application (入党申请) or update it (activistAt: 入党积极分子)',
        body: PartyApplicationInput,
        response: { 200: PartyApplicationView, 201: PartyApplicationView, ...problems },
      },
    },
    async (request, reply) => {
      const r = await party.recordApplication(principalOf(request), request.body);
      return reply.status(r.created ? 201 : 200).send(r.application);
    },
  );
  app.get(
    '/api/v1/ledgers/party-applications',
    {
      config: officers,
      schema: {
        tags: ptags,
        summary: 'Membership applications and activists in your scope',
        querystring: PartyListQuery,
        response: { 200: Page(PartyApplicationView), ...problems },
      },
    },
    async (request) => party.listApplications(principalOf(request), request.query),
  );
}
