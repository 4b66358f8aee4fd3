import { Type } from '@sinclair/typebox';
import { type ServiceApp, IdParams, Page, principalOf, routeGroup } from '@tongxin/service-platform';
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

const incomeLedgerRoute = routeGroup(['income ledger'], [400, 401, 403, 404, 409]);
const partyBuildingLedgerRoute = routeGroup(['party-building ledger'], [400, 401, 403, 404, 409], {
  roles: ['officer', 'admin'],
});

const MemberParams = Type.Object({ id: Type.String({ format: 'uuid' }), memberId: Type.String({ format: 'uuid' }) });

/** Income ledger (收入台账) and party-building ledger (党建台账). */
export async function ledgerRoutes(app: ServiceApp, incomes: IncomeLedger, party: PartyLedger): Promise<void> {
  app.post(
    '/api/v1/workers/:id/incomes',
    incomeLedgerRoute(
      "Record a month's income (201), correct it (201, the old entry kept as history) or repeat it (200, nothing changes)",
      { 200: IncomeView, 201: IncomeView },
      { params: IdParams, body: IncomeInput },
    ),
    async (request, reply) => {
      const r = await incomes.record(principalOf(request), request.params.id, request.body);
      return reply.status(r.created ? 201 : 200).send(r.income);
    },
  );
  app.get(
    '/api/v1/workers/:id/incomes',
    incomeLedgerRoute(
      "A worker's monthly incomes (history=true adds corrected entries)",
      { 200: Page(IncomeView) },
      { params: IdParams, querystring: WorkerLedgerQuery },
    ),
    async (request) => incomes.listForWorker(principalOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/ledgers/incomes/households',
    incomeLedgerRoute(
      'Households and their annual income per person against the poverty line (below=false lists all)',
      { 200: HouseholdPage },
      { roles: ['officer', 'admin'], querystring: HouseholdQuery },
    ),
    async (request) => incomes.households(principalOf(request), request.query),
  );

  app.post(
    '/api/v1/party-groups',
    partyBuildingLedgerRoute(
      'Set up a village party group (党小组)',
      { 201: PartyGroupView },
      { body: PartyGroupInput },
    ),
    async (request, reply) => reply.status(201).send(await party.createGroup(principalOf(request), request.body)),
  );
  app.get(
    '/api/v1/party-groups',
    partyBuildingLedgerRoute(
      'Party groups in your scope, with members and the workers they keep in touch with',
      { 200: Page(PartyGroupView) },
      { querystring: PartyListQuery },
    ),
    async (request) => party.listGroups(principalOf(request), request.query),
  );
  app.get(
    '/api/v1/party-groups/figures',
    partyBuildingLedgerRoute(
      'Groups, mobile members, workers in touch, applications and activists for a village, township or the county',
      { 200: PartyFiguresView },
      { querystring: PartyFiguresQuery },
    ),
    async (request) => party.figures(principalOf(request), request.query),
  );
  app.get(
    '/api/v1/party-groups/:id',
    partyBuildingLedgerRoute('A party group', { 200: PartyGroupView }, { params: IdParams }),
    async (request) => party.getGroup(principalOf(request), request.params.id),
  );
  app.post(
    '/api/v1/party-groups/:id/members',
    partyBuildingLedgerRoute(
      'Add a party member (mobile: 流动党员) to the group',
      { 201: PartyMemberView },
      { params: IdParams, body: PartyMemberInput },
    ),
    async (request, reply) =>
      reply.status(201).send(await party.addMember(principalOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/party-groups/:id/members/:memberId/contacts',
    partyBuildingLedgerRoute(
      'Link a worker the member keeps in touch with',
      { 201: PartyMemberView },
      { params: MemberParams, body: PartyContactInput },
    ),
    async (request, reply) =>
      reply
        .status(201)
        .send(await party.linkContact(principalOf(request), request.params.id, request.params.memberId, request.body)),
  );
  app.post(
    '/api/v1/ledgers/party-applications',
    partyBuildingLedgerRoute(
      'Record a membership application (入党申请) or update it (activistAt: 入党积极分子)',
      { 200: PartyApplicationView, 201: PartyApplicationView },
      { body: PartyApplicationInput },
    ),
    async (request, reply) => {
      const r = await party.recordApplication(principalOf(request), request.body);
      return reply.status(r.created ? 201 : 200).send(r.application);
    },
  );
  app.get(
    '/api/v1/ledgers/party-applications',
    partyBuildingLedgerRoute(
      'Membership applications and activists in your scope',
      { 200: Page(PartyApplicationView) },
      { querystring: PartyListQuery },
    ),
    async (request) => party.listApplications(principalOf(request), request.query),
  );
}
