import type { World } from './fixtures.ts';
import { SIDE, daysAgo, employerBody, selfRegistrationBody } from './fixtures.ts';

export type Who = 'anonymous' | 'worker' | 'employer' | 'officer' | 'admin';
export const EVERYONE: Who[] = ['anonymous', 'worker', 'employer', 'officer', 'admin'];
export type Scope = 'own' | 'other' | 'any';

/**
 * What a cell must answer:
 * - allow: the request got past authorization (2xx, or 409 when the state forbids the move);
 * - denied: 401 for anonymous callers, 403 (or 404, ADR 0003: out-of-scope writes) for signed-in ones;
 * - hidden: 404 (a record outside your scope does not exist for you) — 403 is accepted only when named;
 * - filtered: 200, and none of `absent` (the other side's ids) appears in the answer.
 */
export type Expect =
  | { kind: 'allow' }
  | { kind: 'denied'; statuses: number[] }
  | { kind: 'filtered'; absent: string[]; orDenied?: boolean };

export interface Request {
  method: string;
  path: string;
  body?: unknown;
  /** Sent as is with this content type (uploads). */
  raw?: { contentType: string; data: string };
  /**
   * Sent with the token of a fresh account of the caller's role rather than the world's: the request
   * voids the caller's tokens (password change, sign out everywhere), which the other cells still need.
   */
  throwaway?: boolean;
}

export interface Cell {
  route: string;
  who: Who;
  scope: Scope;
  expect: Expect;
  request: Request;
}

const allow: Expect = { kind: 'allow' };
const role401: Expect = { kind: 'denied', statuses: [401] };
const role403: Expect = { kind: 'denied', statuses: [403] };
const hidden: Expect = { kind: 'denied', statuses: [404] };
const refused: Expect = { kind: 'denied', statuses: [403, 404] };
const filtered = (...absent: string[]): Expect => ({ kind: 'filtered', absent });
/** Asking for another's region by filter: an empty (filtered) answer or a refusal are both right. */
const filteredOrDenied = (...absent: string[]): Expect => ({ kind: 'filtered', absent, orDenied: true });

/** The ids of one side of the world: everything an outsider must never see. */
function sideIds(w: World, side: 'a' | 'b'): string[] {
  const e = side === 'a' ? 'e1' : 'e2';
  return [
    w.workers[side].id,
    w.workers[side === 'a' ? 'a2' : 'b2'].id,
    w.workers[side].idNumber,
    w.workers[side].phone,
    side === 'a' ? w.applications.hiredA : w.applications.hiredB,
    side === 'a' ? w.applications.pendingA : w.applications.pendingB,
    w.placements[side],
    w.enrollments[side],
    w.partyGroups[side],
    w.unionGroups[side],
    w.households[side],
    w.householdNos[side],
    w.registrationRequests[side],
    ...(w.subsidies[side] ? [w.subsidies[side]!] : []),
    w.employers[e],
  ];
}

let unique = 0;
const next = () => `${Date.now().toString(36)}${unique++}`;

/**
 * The authorization matrix: every route, every role, and for scoped routes the caller's own record
 * and another's. "worker" is 甲工人 of 义兴镇 (side a), "employer" is 苏州甲 (e1, side a), "officer"
 * is 义兴镇's officer; "other" is always side b (乙工人 of 松烟镇, 杭州乙 e2). Expectations come from
 * PRODUCT.md §1 and ADR 0003/0004, not from the code.
 */
export function matrix(w: World): Cell[] {
  const cells: Cell[] = [];
  const otherIds = sideIds(w, 'b');
  const add = (route: string, who: Who, scope: Scope, expect: Expect, request: Request) =>
    cells.push({ route, who, scope, expect, request });

  /** A route open to `roles` regardless of scope; the others are refused by role. */
  const byRole = (
    route: string,
    roles: Who[],
    request: (who: Who) => Request,
    allowed: (who: Who) => Expect = () => allow,
  ) => {
    for (const who of EVERYONE) {
      const expect = roles.includes(who) ? allowed(who) : who === 'anonymous' ? role401 : role403;
      add(route, who, 'any', expect, request(who));
    }
  };

  /**
   * A route on one record: for each role allowed, the caller's own record and the other side's.
   * `expectOwn`/`expectOther` give the answer per role (default: allow own, hide other; admin both).
   */
  const byRecord = (
    route: string,
    roles: Who[],
    request: (who: Who, scope: 'own' | 'other') => Request,
    opts: { own?: Partial<Record<Who, Expect>>; other?: Partial<Record<Who, Expect>>; otherDefault?: Expect } = {},
  ) => {
    for (const who of EVERYONE) {
      for (const scope of ['own', 'other'] as const) {
        let expect: Expect;
        if (!roles.includes(who)) expect = who === 'anonymous' ? role401 : role403;
        else if (scope === 'own') expect = opts.own?.[who] ?? allow;
        else expect = opts.other?.[who] ?? (who === 'admin' ? allow : (opts.otherDefault ?? hidden));
        add(route, who, scope, expect, request(who, scope));
      }
    }
  };
  const WRITE_OTHER = { otherDefault: refused };
  const signedIn: Who[] = ['worker', 'employer', 'officer', 'admin'];
  const offAdm: Who[] = ['officer', 'admin'];

  // --- gateway -------------------------------------------------------------------------------
  byRole('GET /api/v1/auth/me', signedIn, () => ({ method: 'GET', path: '/api/v1/auth/me' }));
  byRole('POST /api/v1/accounts', ['admin'], () => ({
    method: 'POST',
    path: '/api/v1/accounts',
    body: {
      username: `rel.acct.${next()}`,
      password: 'Reliable-pass-2026',
      role: 'worker',
      displayName: '测试',
      workerId: w.workers.a2.id,
    },
  }));

  byRole('GET /api/v1/accounts', ['admin'], () => ({ method: 'GET', path: '/api/v1/accounts?limit=5' }));
  // `__account` stands for a fresh officer account (the caller's own tokens must survive the cell).
  byRole('POST /api/v1/accounts/{id}/password', ['admin'], () => ({
    method: 'POST',
    path: '/api/v1/accounts/__account/password',
    body: { newPassword: `Reset-pass-${next()}` },
  }));
  byRole('POST /api/v1/accounts/{id}/disable', ['admin'], () => ({
    method: 'POST',
    path: '/api/v1/accounts/__account/disable',
  }));
  byRole('POST /api/v1/accounts/{id}/enable', ['admin'], () => ({
    method: 'POST',
    path: '/api/v1/accounts/__account/enable',
  }));
  byRole('POST /api/v1/auth/password', signedIn, () => ({
    method: 'POST',
    path: '/api/v1/auth/password',
    body: { currentPassword: 'Reliable-pass-2026', newPassword: `Changed-pass-${next()}` },
    throwaway: true,
  }));
  byRole('POST /api/v1/auth/sign-out-everywhere', signedIn, () => ({
    method: 'POST',
    path: '/api/v1/auth/sign-out-everywhere',
    throwaway: true,
  }));

  // --- gateway: notifications (ADR 0013): every account its own inbox only ----------------------
  byRole('GET /api/v1/notifications', signedIn, () => ({ method: 'GET', path: '/api/v1/notifications?unread=true' }));
  // Not the caller's notification (no one's): it does not exist for them, whoever they are.
  byRole(
    'POST /api/v1/notifications/{id}/read',
    signedIn,
    () => ({ method: 'POST', path: '/api/v1/notifications/00000000-0000-4000-8000-000000000001/read' }),
    () => hidden,
  );
  byRole('POST /api/v1/notifications/read-all', signedIn, () => ({
    method: 'POST',
    path: '/api/v1/notifications/read-all',
  }));
  byRole('GET /api/v1/notifications/preferences', signedIn, () => ({
    method: 'GET',
    path: '/api/v1/notifications/preferences',
  }));
  byRole('PUT /api/v1/notifications/preferences', signedIn, () => ({
    method: 'PUT',
    path: '/api/v1/notifications/preferences',
    body: { digest: false },
  }));
  // Public by its link; a token that is no one's unsubscribes no one.
  byRole(
    'GET /api/v1/notifications/unsubscribe',
    EVERYONE,
    () => ({ method: 'GET', path: '/api/v1/notifications/unsubscribe?token=not-a-token-of-anyone' }),
    () => hidden,
  );
  byRole('GET /api/v1/admin/deliveries', ['admin'], () => ({
    method: 'GET',
    path: '/api/v1/admin/deliveries?status=failed',
  }));
  // Self-service ways in (ADR 0018). Sign-up is public: every caller gets a new account and company.
  byRole('POST /api/v1/auth/employer-signup', EVERYONE, () => {
    const { contact, ...company } = employerBody('矩阵自助注册企业有限公司', '140723100');
    return {
      method: 'POST',
      path: '/api/v1/auth/employer-signup',
      body: { username: `rel.signup.${next()}`, password: 'Reliable-pass-2026', displayName: '矩阵', contact, company },
    };
  });
  // Officers print codes for the workers of their villages (worker-profile decides the scope: another's
  // is a 404); a worker who already has an account is a 409, which is past authorization too.
  byRecord('POST /api/v1/auth/activation-codes', offAdm, (_who, scope) => ({
    method: 'POST',
    path: '/api/v1/auth/activation-codes',
    body: { workerId: (scope === 'own' ? w.workers.a2 : w.workers.b2).id },
  }));
  // Redemption is public: a code nobody issued is the same 400 for every caller.
  byRole(
    'POST /api/v1/auth/activation-codes/redeem',
    EVERYONE,
    () => ({
      method: 'POST',
      path: '/api/v1/auth/activation-codes/redeem',
      body: { code: 'ZZZZZ-ZZZZZ', username: `rel.redeem.${next()}`, password: 'Reliable-pass-2026' },
    }),
    () => ({ kind: 'denied', statuses: [400] }),
  );
  // Issue 15 (ADR 0014): asking for a one-time code is public and answers 202 alike for everyone (a
  // fresh phone per cell keeps under the per-phone limit); a code that was never sent is refused with
  // the same 400 for every caller, past authorization.
  const codeRefused: Expect = { kind: 'denied', statuses: [400] };
  const freshPhone = () => `137${String(Date.now() + unique++).slice(-8)}`;
  byRole('POST /api/v1/auth/activation/code', EVERYONE, () => ({
    method: 'POST',
    path: '/api/v1/auth/activation/code',
    body: { idNumber: w.workers.a.idNumber, phone: freshPhone() },
  }));
  byRole(
    'POST /api/v1/auth/activation',
    EVERYONE,
    () => ({
      method: 'POST',
      path: '/api/v1/auth/activation',
      body: {
        idNumber: w.workers.a.idNumber,
        phone: freshPhone(),
        code: '000000',
        username: `rel.act.${next()}`,
        password: 'Reliable-pass-2026',
      },
    }),
    () => codeRefused,
  );
  byRole('POST /api/v1/auth/password-reset/code', EVERYONE, () => ({
    method: 'POST',
    path: '/api/v1/auth/password-reset/code',
    body: { phone: freshPhone() },
  }));
  byRole(
    'POST /api/v1/auth/password-reset',
    EVERYONE,
    () => ({
      method: 'POST',
      path: '/api/v1/auth/password-reset',
      body: { phone: freshPhone(), code: '000000', newPassword: `Reset-pass-${next()}` },
    }),
    () => codeRefused,
  );
  byRole('GET /api/v1/admin/message-log', ['admin'], () => ({
    method: 'GET',
    path: '/api/v1/admin/message-log?limit=5',
  }));
  byRole('GET /api/v1/admin/pipeline', ['admin'], () => ({ method: 'GET', path: '/api/v1/admin/pipeline' }));

  // --- worker-profile: registry ----------------------------------------------------------------
  const worker = (scope: 'own' | 'other') => (scope === 'own' ? w.workers.a : w.workers.b);
  byRole('POST /api/v1/workers', offAdm, () => ({
    method: 'POST',
    path: '/api/v1/workers',
    body: { __worker: SIDE.a.village },
  }));
  // The scoped half of registration: an officer registering into another township.
  add('POST /api/v1/workers', 'officer', 'other', refused, {
    method: 'POST',
    path: '/api/v1/workers',
    body: { __worker: SIDE.b.village },
  });
  // The gateway's activation asks the registry as an administrator (ADR 0014); nobody else may.
  byRole('POST /api/v1/workers/identify', ['admin'], () => ({
    method: 'POST',
    path: '/api/v1/workers/identify',
    body: { idNumber: w.workers.a.idNumber, phone: w.workers.a.phone },
  }));
  byRecord(
    'GET /api/v1/workers',
    signedIn,
    (_who, scope) => ({
      method: 'GET',
      path: scope === 'own' ? '/api/v1/workers' : `/api/v1/workers?township=${SIDE.b.township}`,
    }),
    {
      own: { worker: filtered(...otherIds), employer: role403, officer: filtered(...otherIds) },
      other: { worker: filteredOrDenied(...otherIds), employer: role403, officer: filteredOrDenied(...otherIds) },
    },
  );
  byRecord('GET /api/v1/workers/{id}', signedIn, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/workers/${worker(scope).id}`,
  }));
  // A worker edits their own record (ADR 0020); another's does not exist for them.
  byRecord(
    'PATCH /api/v1/workers/{id}',
    ['worker', 'officer', 'admin'],
    (_who, scope) => ({
      method: 'PATCH',
      path: `/api/v1/workers/${worker(scope).id}`,
      body: { expectedMinWage: 4100 },
    }),
    WRITE_OTHER,
  );
  // The proposals are declined in the world: confirming is a 409 past authorization, declining again a 200.
  for (const action of ['confirm', 'decline']) {
    byRecord(
      `POST /api/v1/workers/{id}/pending-changes/{changeId}/${action}`,
      offAdm,
      (_who, scope) => ({
        method: 'POST',
        path: `/api/v1/workers/${worker(scope).id}/pending-changes/${scope === 'own' ? w.pendingChanges.a : w.pendingChanges.b}/${action}`,
        body: {},
      }),
      WRITE_OTHER,
    );
  }

  // --- worker-profile: ledgers -----------------------------------------------------------------
  byRecord(
    'POST /api/v1/workers/{id}/services',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/workers/${worker(scope).id}/services`,
      body: { service: 'information', date: daysAgo(1), channel: 'phone' },
    }),
    WRITE_OTHER,
  );
  byRecord(
    'GET /api/v1/workers/{id}/services',
    signedIn,
    (_who, scope) => ({ method: 'GET', path: `/api/v1/workers/${worker(scope).id}/services` }),
    // Service records (hardship, rights) are case work: not an employer's business, even for its hire.
    { own: { employer: refused }, other: { employer: refused } },
  );
  byRole(
    'GET /api/v1/ledgers/services',
    offAdm,
    () => ({ method: 'GET', path: '/api/v1/ledgers/services' }),
    (who) => (who === 'officer' ? filtered(...otherIds) : allow),
  );
  byRecord(
    'POST /api/v1/ledgers/activities',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: '/api/v1/ledgers/activities',
      body: {
        kind: 'visit',
        regionCode: scope === 'own' ? SIDE.a.village : SIDE.b.village,
        date: daysAgo(2),
        title: '入户走访',
      },
    }),
    WRITE_OTHER,
  );
  byRole(
    'GET /api/v1/ledgers/activities',
    offAdm,
    () => ({ method: 'GET', path: '/api/v1/ledgers/activities' }),
    (who) => (who === 'officer' ? filtered(SIDE.b.village) : allow),
  );
  byRecord(
    'POST /api/v1/workers/{id}/incomes',
    signedIn,
    (who, scope) => ({
      method: 'POST',
      path: `/api/v1/workers/${worker(scope).id}/incomes`,
      body: { month: '2026-02', amount: 4800, source: 'wages', verified: who !== 'worker' },
    }),
    { own: { employer: refused }, other: { employer: refused }, otherDefault: refused },
  );
  byRecord(
    'GET /api/v1/workers/{id}/incomes',
    signedIn,
    (_who, scope) => ({ method: 'GET', path: `/api/v1/workers/${worker(scope).id}/incomes` }),
    { own: { employer: refused }, other: { employer: refused } },
  );
  byRole(
    'GET /api/v1/ledgers/incomes/households',
    offAdm,
    () => ({ method: 'GET', path: '/api/v1/ledgers/incomes/households?below=false&year=2026' }),
    (who) => (who === 'officer' ? filtered(...otherIds) : allow),
  );
  byRecord(
    'POST /api/v1/party-groups',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: '/api/v1/party-groups',
      body: {
        name: `党小组${next()}`,
        villageCode: scope === 'own' ? SIDE.a.village : SIDE.b.village,
        leaderName: '组长',
      },
    }),
    WRITE_OTHER,
  );
  byRole(
    'GET /api/v1/party-groups',
    offAdm,
    () => ({ method: 'GET', path: '/api/v1/party-groups' }),
    (who) => (who === 'officer' ? filtered(...otherIds) : allow),
  );
  byRecord(
    'GET /api/v1/party-groups/figures',
    offAdm,
    (_who, scope) => ({
      method: 'GET',
      path: `/api/v1/party-groups/figures?township=${scope === 'own' ? SIDE.a.township : SIDE.b.township}`,
    }),
    WRITE_OTHER,
  );
  // --- the union organisation and 七有 (ADR 0009) -----------------------------------------------
  const township = (scope: 'own' | 'other') => (scope === 'own' ? SIDE.a.township : SIDE.b.township);
  const village = (scope: 'own' | 'other') => (scope === 'own' ? SIDE.a.village : SIDE.b.village);
  const workGroup = (scope: 'own' | 'other') => (scope === 'own' ? w.unionGroups.a : w.unionGroups.b);
  const joiner = (scope: 'own' | 'other') => (scope === 'own' ? w.workers.a2.id : w.workers.b2.id);
  // One federation per township: a second one is a 409, which still got past authorization.
  byRecord(
    'POST /api/v1/union/federations',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: '/api/v1/union/federations',
      body: { townshipCode: township(scope), name: `工会联合会${next()}`, leaderName: '主席' },
    }),
    WRITE_OTHER,
  );
  byRole('GET /api/v1/union/federations', offAdm, () => ({ method: 'GET', path: '/api/v1/union/federations' }));
  byRole(
    'GET /api/v1/union/work-groups',
    offAdm,
    () => ({ method: 'GET', path: '/api/v1/union/work-groups' }),
    (who) => (who === 'officer' ? filtered(w.unionGroups.b) : allow),
  );
  byRecord('GET /api/v1/union/work-groups/{id}', offAdm, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/union/work-groups/${workGroup(scope)}`,
  }));
  byRecord(
    'PATCH /api/v1/union/work-groups/{id}',
    offAdm,
    (_who, scope) => ({
      method: 'PATCH',
      path: `/api/v1/union/work-groups/${workGroup(scope)}`,
      body: { leaderName: `组长${next()}` },
    }),
    WRITE_OTHER,
  );
  byRecord('GET /api/v1/union/work-groups/{id}/members', offAdm, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/union/work-groups/${workGroup(scope)}/members`,
  }));
  byRecord(
    'GET /api/v1/union/figures',
    offAdm,
    (_who, scope) => ({ method: 'GET', path: `/api/v1/union/figures?township=${township(scope)}` }),
    WRITE_OTHER,
  );
  byRecord(
    'POST /api/v1/union/work-groups',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: '/api/v1/union/work-groups',
      body: {
        federationId: scope === 'own' ? w.unionFederations.a : w.unionFederations.b,
        name: `工作组${next()}`,
        leaderName: '组长',
        villageCodes: [village(scope)],
      },
    }),
    WRITE_OTHER,
  );
  // Joining twice or leaving without a membership is a 409: past authorization all the same.
  byRecord(
    'POST /api/v1/workers/{id}/union-membership',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/workers/${joiner(scope)}/union-membership`,
      body: { workGroupId: workGroup(scope), membershipNo: `M${next()}`, joinedOn: '2026-05-01' },
    }),
    WRITE_OTHER,
  );
  byRecord(
    'POST /api/v1/workers/{id}/union-membership/leave',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/workers/${joiner(scope)}/union-membership/leave`,
      body: { leftOn: '2026-06-01' },
    }),
    WRITE_OTHER,
  );
  byRecord('GET /api/v1/workers/{id}/union-membership', offAdm, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/workers/${joiner(scope)}/union-membership`,
  }));
  byRecord('GET /api/v1/villages/{code}/qiyou', offAdm, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/villages/${village(scope)}/qiyou`,
  }));
  byRecord(
    'PUT /api/v1/villages/{code}/qiyou/{item}',
    offAdm,
    (_who, scope) => ({
      method: 'PUT',
      path: `/api/v1/villages/${village(scope)}/qiyou/venue`,
      body: { declaredOn: '2026-09-01', evidence: '村委会活动室', documentRef: `文件${next()}` },
    }),
    WRITE_OTHER,
  );
  byRole(
    'GET /api/v1/qiyou',
    offAdm,
    () => ({ method: 'GET', path: '/api/v1/qiyou' }),
    (who) => (who === 'officer' ? filtered(SIDE.b.village) : allow),
  );

  // --- self-registration requests (自助登记) and the registry worklist (ADR 0015) ---------------
  // Anyone may ask; one body for every cell: a retry of a waiting submission answers the same request.
  const selfRegistration = selfRegistrationBody(SIDE.a.village, '矩阵申请人');
  byRole('POST /api/v1/registration-requests', EVERYONE, () => ({
    method: 'POST',
    path: '/api/v1/registration-requests',
    body: selfRegistration,
  }));
  const registrationRequest = (scope: 'own' | 'other') => w.registrationRequests[scope === 'own' ? 'a' : 'b'];
  byRecord(
    'GET /api/v1/registration-requests',
    offAdm,
    (_who, scope) => ({
      method: 'GET',
      path:
        scope === 'own'
          ? '/api/v1/registration-requests?status=waiting'
          : `/api/v1/registration-requests?township=${SIDE.b.township}`,
    }),
    {
      own: { officer: filtered(w.registrationRequests.b) },
      other: { officer: filteredOrDenied(w.registrationRequests.b) },
    },
  );
  byRecord('GET /api/v1/registration-requests/{id}', offAdm, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/registration-requests/${registrationRequest(scope)}`,
  }));
  byRole(
    'GET /api/v1/worklist/registry',
    offAdm,
    () => ({ method: 'GET', path: '/api/v1/worklist/registry' }),
    (who) => (who === 'officer' ? filtered(w.registrationRequests.b) : allow),
  );
  // Confirming registers the person (again: the same worker); declining a confirmed request is a 409.
  byRecord(
    'POST /api/v1/registration-requests/{id}/confirm',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/registration-requests/${registrationRequest(scope)}/confirm`,
      body: {},
    }),
    WRITE_OTHER,
  );
  byRecord(
    'POST /api/v1/registration-requests/{id}/decline',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/registration-requests/${registrationRequest(scope)}/decline`,
      body: { reason: '矩阵' },
    }),
    WRITE_OTHER,
  );

  // --- households (户) -------------------------------------------------------------------------
  const household = (scope: 'own' | 'other') => (scope === 'own' ? w.households.a : w.households.b);
  // Asking for the other side's township by filter: an empty answer or a refusal, never its households.
  byRecord(
    'GET /api/v1/households',
    offAdm,
    (_who, scope) => ({
      method: 'GET',
      path: scope === 'own' ? '/api/v1/households' : `/api/v1/households?township=${SIDE.b.township}`,
    }),
    {
      own: { officer: filtered(w.households.b, w.householdNos.b) },
      other: { officer: filteredOrDenied(w.households.b, w.householdNos.b) },
    },
  );
  byRecord('GET /api/v1/households/{id}', offAdm, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/households/${household(scope)}`,
  }));
  byRecord(
    'PATCH /api/v1/households/{id}',
    offAdm,
    (_who, scope) => ({
      method: 'PATCH',
      path: `/api/v1/households/${household(scope)}`,
      body: { otherMembers: 1 + (unique++ % 3) },
    }),
    WRITE_OTHER,
  );
  byRecord(
    'POST /api/v1/households/{id}/incomes',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/households/${household(scope)}/incomes`,
      body: { year: 2025, source: 'transfer', amount: 1200, note: `补贴${next()}` },
    }),
    WRITE_OTHER,
  );

  const group = (scope: 'own' | 'other') => (scope === 'own' ? w.partyGroups.a : w.partyGroups.b);
  const member = (scope: 'own' | 'other') => (scope === 'own' ? w.partyMembers.a : w.partyMembers.b);
  byRecord('GET /api/v1/party-groups/{id}', offAdm, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/party-groups/${group(scope)}`,
  }));
  byRecord(
    'POST /api/v1/party-groups/{id}/members',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/party-groups/${group(scope)}/members`,
      body: { workerId: scope === 'own' ? w.workers.a2.id : w.workers.b2.id, mobile: true },
    }),
    WRITE_OTHER,
  );
  byRecord(
    'POST /api/v1/party-groups/{id}/members/{memberId}/contacts',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/party-groups/${group(scope)}/members/${member(scope)}/contacts`,
      body: { workerId: scope === 'own' ? w.workers.a2.id : w.workers.b2.id },
    }),
    WRITE_OTHER,
  );
  // Linking a worker of another township to one's own group: the worker id is the scope here.
  // The worker is named in the body: refusing it as a field ("no such worker", 400) hides it as well as 404.
  add(
    'POST /api/v1/party-groups/{id}/members/{memberId}/contacts',
    'officer',
    'other',
    { kind: 'denied', statuses: [400, 403, 404] },
    {
      method: 'POST',
      path: `/api/v1/party-groups/${w.partyGroups.a}/members/${w.partyMembers.a}/contacts`,
      body: { workerId: w.workers.b2.id },
    },
  );
  byRecord(
    'POST /api/v1/ledgers/party-applications',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: '/api/v1/ledgers/party-applications',
      body: { workerId: scope === 'own' ? w.workers.a2.id : w.workers.b2.id, appliedAt: daysAgo(20) },
    }),
    WRITE_OTHER,
  );
  byRole(
    'GET /api/v1/ledgers/party-applications',
    offAdm,
    () => ({ method: 'GET', path: '/api/v1/ledgers/party-applications' }),
    (who) => (who === 'officer' ? filtered(...otherIds) : allow),
  );
  byRole(
    'POST /api/v1/workers/import',
    offAdm,
    () => ({
      method: 'POST',
      path: '/api/v1/workers/import',
      raw: { contentType: 'text/csv', data: '姓名,性别\n' },
    }),
    () => ({ kind: 'denied', statuses: [200, 202, 400, 415, 422] }),
  );
  byRole('GET /api/v1/workers/import/template', offAdm, () => ({
    method: 'GET',
    path: '/api/v1/workers/import/template',
  }));
  byRole(
    'GET /api/v1/workers/import/{jobId}',
    offAdm,
    () => ({ method: 'GET', path: `/api/v1/workers/import/${crypto.randomUUID()}` }),
    () => hidden,
  );
  byRole(
    'GET /api/v1/workers/import/{jobId}/errors.xlsx',
    offAdm,
    () => ({ method: 'GET', path: `/api/v1/workers/import/${crypto.randomUUID()}/errors.xlsx` }),
    () => hidden,
  );
  for (const ledger of ['registry', 'services', 'incomes', 'party']) {
    byRecord(
      'GET /api/v1/ledgers/{ledger}/export',
      offAdm,
      (_who, scope) => ({
        method: 'GET',
        path: `/api/v1/ledgers/${ledger}/export?village=${scope === 'own' ? SIDE.a.village : SIDE.b.village}`,
      }),
      WRITE_OTHER,
    );
  }

  // --- employer ------------------------------------------------------------------------------
  const employer = (scope: 'own' | 'other') => (scope === 'own' ? w.employers.e1 : w.employers.e2);
  byRole('POST /api/v1/employers', ['employer', 'officer', 'admin'], () => ({
    method: 'POST',
    path: '/api/v1/employers',
    body: { __employer: true },
  }));
  byRole(
    'GET /api/v1/employers',
    ['employer', 'officer', 'admin'],
    () => ({ method: 'GET', path: '/api/v1/employers' }),
    (who) => (who === 'employer' ? filtered(w.employers.e2) : allow),
  );
  byRecord(
    'GET /api/v1/employers/{id}',
    ['employer', 'officer', 'admin'],
    (_who, scope) => ({ method: 'GET', path: `/api/v1/employers/${employer(scope)}` }),
    // Companies are not in a village: officers work with every employer of the programme.
    { other: { officer: allow, employer: refused } },
  );
  byRecord(
    'PATCH /api/v1/employers/{id}',
    ['employer', 'officer', 'admin'],
    (_who, scope) => ({ method: 'PATCH', path: `/api/v1/employers/${employer(scope)}`, body: { address: '地址' } }),
    { other: { officer: allow }, otherDefault: refused },
  );
  byRole('POST /api/v1/employers/{id}/verify', ['admin'], () => ({
    method: 'POST',
    path: `/api/v1/employers/${w.employers.e1}/verify`,
  }));
  byRole('POST /api/v1/employers/{id}/suspend', ['admin'], (who) => ({
    method: 'POST',
    path: `/api/v1/employers/${who === 'admin' ? '__spare' : w.employers.e2}/suspend`,
    body: { reason: '资质核查' },
  }));
  const opening = (scope: 'own' | 'other') => (scope === 'own' ? w.openings.o1 : w.openings.o2);
  byRecord(
    'POST /api/v1/openings',
    ['employer', 'officer', 'admin'],
    (_who, scope) => ({ method: 'POST', path: '/api/v1/openings', body: { __opening: employer(scope) } }),
    { other: { officer: allow }, otherDefault: refused },
  );
  byRole(
    'GET /api/v1/openings',
    EVERYONE,
    () => ({ method: 'GET', path: '/api/v1/openings?limit=100' }),
    (who) => (who === 'admin' || who === 'officer' ? allow : filtered(w.openings.draft2)),
  );
  // Published openings are public; a signed-in employer, though, sees its own only (PRODUCT.md §1).
  byRecord(
    'GET /api/v1/openings/{id}',
    EVERYONE,
    (_who, scope) => ({ method: 'GET', path: `/api/v1/openings/${opening(scope)}` }),
    {
      other: { anonymous: allow, worker: allow, employer: hidden, officer: allow },
    },
  );
  // Another employer's draft is not published: it does not exist for anyone but its owner and the county.
  for (const who of ['anonymous', 'worker', 'employer'] as const) {
    add('GET /api/v1/openings/{id} (draft)', who, 'other', hidden, {
      method: 'GET',
      path: `/api/v1/openings/${w.openings.draft2}`,
    });
  }
  add('GET /api/v1/openings/{id} (draft)', 'admin', 'other', allow, {
    method: 'GET',
    path: `/api/v1/openings/${w.openings.draft2}`,
  });
  byRecord(
    'PATCH /api/v1/openings/{id}',
    ['employer', 'officer', 'admin'],
    (_who, scope) => ({ method: 'PATCH', path: `/api/v1/openings/${opening(scope)}`, body: { hours: '8小时/天' } }),
    { other: { officer: allow }, otherDefault: refused },
  );
  const intent = (scope: 'own' | 'other') => (scope === 'own' ? w.intents.i1 : w.intents.i2);
  byRecord(
    'POST /api/v1/recruitment-intents',
    ['employer', 'officer', 'admin'],
    (_who, scope) => ({
      method: 'POST',
      path: '/api/v1/recruitment-intents',
      body: { employerId: employer(scope), committed: 3, deadline: '2027-06-30' },
    }),
    { other: { officer: allow }, otherDefault: refused },
  );
  byRole(
    'GET /api/v1/recruitment-intents',
    ['employer', 'officer', 'admin'],
    () => ({ method: 'GET', path: '/api/v1/recruitment-intents' }),
    (who) => (who === 'employer' ? filtered(w.intents.i2) : allow),
  );
  byRecord(
    'GET /api/v1/recruitment-intents/{id}',
    ['employer', 'officer', 'admin'],
    (_who, scope) => ({ method: 'GET', path: `/api/v1/recruitment-intents/${intent(scope)}` }),
    { other: { officer: allow } },
  );
  byRecord(
    'PATCH /api/v1/recruitment-intents/{id}',
    ['employer', 'officer', 'admin'],
    (_who, scope) => ({
      method: 'PATCH',
      path: `/api/v1/recruitment-intents/${intent(scope)}`,
      body: { note: '更新' },
    }),
    { other: { officer: allow }, otherDefault: refused },
  );

  // --- matching ------------------------------------------------------------------------------
  byRole('GET /api/v1/taxonomy/skills', EVERYONE, () => ({ method: 'GET', path: '/api/v1/taxonomy/skills?q=焊工' }));
  byRole(
    'GET /api/v1/search/openings',
    EVERYONE,
    () => ({ method: 'GET', path: '/api/v1/search/openings?q=焊工' }),
    () => filtered(w.openings.draft2),
  );
  byRecord('GET /api/v1/workers/{id}/matches', ['worker', 'officer', 'admin'], (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/workers/${worker(scope).id}/matches`,
  }));
  byRecord(
    'GET /api/v1/openings/{id}/candidates',
    ['employer', 'officer', 'admin'],
    (_who, scope) => ({ method: 'GET', path: `/api/v1/openings/${opening(scope)}/candidates?limit=50` }),
    // Officers rank any opening, but see only their villages' workers among the candidates.
    {
      own: { officer: filtered(w.workers.b.id, w.workers.b2.id) },
      other: { officer: filtered(w.workers.b.id, w.workers.b2.id) },
    },
  );

  // --- training ------------------------------------------------------------------------------
  byRole('POST /api/v1/courses', offAdm, () => ({
    method: 'POST',
    path: '/api/v1/courses',
    body: {
      title: '家政服务培训',
      skills: [{ code: 'dom.housekeeper', level: 2 }],
      provider: '县人社局',
      hours: 40,
      subsidyPerTrainee: 500,
      capacity: 20,
    },
  }));
  byRole('GET /api/v1/courses', signedIn, () => ({ method: 'GET', path: '/api/v1/courses' }));
  byRole('GET /api/v1/courses/{id}', signedIn, () => ({ method: 'GET', path: `/api/v1/courses/${w.course}` }));
  byRole('POST /api/v1/courses/{id}/batches', offAdm, () => ({
    method: 'POST',
    path: `/api/v1/courses/${w.course}/batches`,
    body: {
      startDate: '2027-03-01',
      endDate: '2027-03-20',
      place: { regionCode: SIDE.a.township, address: '文化站' },
      capacity: 10,
    },
  }));
  byRole('GET /api/v1/batches', signedIn, () => ({ method: 'GET', path: '/api/v1/batches' }));
  byRole('GET /api/v1/batches/{id}', signedIn, () => ({ method: 'GET', path: `/api/v1/batches/${w.batch}` }));
  byRole('PATCH /api/v1/batches/{id}', offAdm, () => ({
    method: 'PATCH',
    path: `/api/v1/batches/${w.batch}`,
    body: { capacity: 25 },
  }));
  byRecord(
    'POST /api/v1/batches/{id}/enrollments',
    ['worker', 'officer', 'admin'],
    (who, scope) => ({
      method: 'POST',
      path: `/api/v1/batches/${w.batch}/enrollments`,
      body: who === 'worker' && scope === 'own' ? {} : { workerId: worker(scope).id },
    }),
    WRITE_OTHER,
  );
  byRole(
    'GET /api/v1/enrollments',
    signedIn,
    () => ({ method: 'GET', path: '/api/v1/enrollments' }),
    // The fixture's batch is held in officer A's township: A runs it, so A sees every enrolment in it,
    // B's worker's too (training's batch scope); a worker sees only their own.
    (who) =>
      who === 'admin' || who === 'officer'
        ? allow
        : who === 'employer'
          ? filteredOrDenied(w.enrollments.b, w.enrollments.a)
          : filtered(w.enrollments.b, w.workers.b.id),
  );
  const enrolment = (scope: 'own' | 'other') => (scope === 'own' ? w.enrollments.a : w.enrollments.b);
  byRecord(
    'GET /api/v1/enrollments/{id}',
    ['worker', 'officer', 'admin', 'employer'],
    (_who, scope) => ({ method: 'GET', path: `/api/v1/enrollments/${enrolment(scope)}` }),
    {
      own: { employer: refused },
      // B's worker's enrolment is in a batch of A's township, which A runs.
      other: { employer: refused, officer: allow },
    },
  );
  byRecord(
    'PATCH /api/v1/enrollments/{id}',
    ['officer', 'admin', 'worker', 'employer'],
    (_who, scope) => ({
      method: 'PATCH',
      path: `/api/v1/enrollments/${enrolment(scope)}`,
      body: { attendance: { sessionsAttended: 1, sessionsTotal: 10 } },
    }),
    // Attendance is recorded by the course's organisers, not by the trainee or an employer.
    // …and so A records attendance for everyone in it.
    {
      own: { worker: refused, employer: refused },
      other: { employer: refused, officer: allow },
      otherDefault: refused,
    },
  );
  byRecord(
    'GET /api/v1/insights/skill-gaps',
    signedIn,
    (_who, scope) => ({
      method: 'GET',
      path: `/api/v1/insights/skill-gaps?workerId=${worker(scope).id}`,
    }),
    { own: { employer: refused }, other: { employer: refused } },
  );

  // --- matching: a worker's own saved searches (issue 15) --------------------------------------
  byRole('POST /api/v1/saved-searches', ['worker'], () => ({
    method: 'POST',
    path: '/api/v1/saved-searches',
    body: { q: '电焊', tier: 'in_county' },
  }));
  byRole('GET /api/v1/saved-searches', ['worker'], () => ({ method: 'GET', path: '/api/v1/saved-searches' }));
  // Nobody's saved search: the worker is told it does not exist, the other roles may not ask.
  byRole(
    'DELETE /api/v1/saved-searches/{id}',
    ['worker'],
    () => ({ method: 'DELETE', path: `/api/v1/saved-searches/${crypto.randomUUID()}` }),
    () => hidden,
  );

  // --- matching: a worker's "not interested" marks (issue 17) ---------------------------------
  // An opening matching does not know: the worker is told so; withdrawing a mark never made is fine.
  byRole(
    'PUT /api/v1/not-interested/{openingId}',
    ['worker'],
    () => ({ method: 'PUT', path: `/api/v1/not-interested/${crypto.randomUUID()}` }),
    () => hidden,
  );
  byRole('DELETE /api/v1/not-interested/{openingId}', ['worker'], () => ({
    method: 'DELETE',
    path: `/api/v1/not-interested/${crypto.randomUUID()}`,
  }));

  // --- placement -----------------------------------------------------------------------------
  byRecord(
    'POST /api/v1/applications',
    ['worker', 'officer', 'admin'],
    (who, scope) => ({
      method: 'POST',
      path: '/api/v1/applications',
      body:
        who === 'worker' && scope === 'own'
          ? { openingId: w.openings.o2 }
          : { openingId: w.openings.o2, workerId: scope === 'own' ? w.workers.a2.id : w.workers.b.id },
    }),
    WRITE_OTHER,
  );
  byRole(
    'GET /api/v1/applications',
    signedIn,
    () => ({ method: 'GET', path: '/api/v1/applications' }),
    (who) => (who === 'admin' ? allow : filtered(w.applications.hiredB, w.applications.pendingB)),
  );
  const application = (scope: 'own' | 'other') => (scope === 'own' ? w.applications.hiredA : w.applications.hiredB);
  byRecord('GET /api/v1/applications/{id}', signedIn, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/applications/${application(scope)}`,
  }));
  byRecord(
    'PATCH /api/v1/applications/{id}',
    signedIn,
    (who, scope) => ({
      method: 'PATCH',
      path: `/api/v1/applications/${scope === 'own' ? w.applications.pendingA : w.applications.pendingB}`,
      body: { status: who === 'employer' ? 'screening' : who === 'admin' ? 'screening' : 'withdrawn' },
    }),
    // The pending application on side a is 甲二's (referred): 甲工人 may not withdraw someone else's.
    { own: { worker: refused }, otherDefault: refused },
  );
  // The hired application is past interview: the allowed cells answer 409 (PLACEMENT_NOT_IN_INTERVIEW).
  byRecord(
    'POST /api/v1/applications/{id}/interview',
    ['employer', 'admin'],
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/applications/${application(scope)}/interview`,
      body: { at: new Date(Date.now() + 3 * 86_400_000).toISOString(), place: '厂门口' },
    }),
    WRITE_OTHER,
  );
  const placement = (scope: 'own' | 'other') => w.placements[scope === 'own' ? 'a' : 'b'];
  byRole(
    'GET /api/v1/placements',
    signedIn,
    () => ({ method: 'GET', path: '/api/v1/placements' }),
    (who) => (who === 'admin' ? allow : filtered(w.placements.b)),
  );
  byRecord('GET /api/v1/placements/{id}', signedIn, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/placements/${placement(scope)}`,
  }));
  byRecord(
    'POST /api/v1/placements/{id}/follow-ups',
    offAdm,
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/placements/${placement(scope)}/follow-ups`,
      body: { day: 30, stillEmployed: true, wagesPaidOnTime: true },
    }),
    WRITE_OTHER,
  );
  byRole(
    'GET /api/v1/subsidies',
    signedIn,
    () => ({ method: 'GET', path: '/api/v1/subsidies' }),
    (who) =>
      who === 'admin'
        ? allow
        : who === 'employer'
          ? filteredOrDenied(w.placements.b)
          : filtered(...(w.subsidies.b ? [w.subsidies.b] : []), w.placements.b),
  );
  byRole('GET /api/v1/subsidies/rules', offAdm, () => ({ method: 'GET', path: '/api/v1/subsidies/rules' }));
  byRole('PATCH /api/v1/subsidies/{id}', ['admin'], () => ({
    method: 'PATCH',
    path: `/api/v1/subsidies/${w.subsidies.a ?? crypto.randomUUID()}`,
    body: { status: 'approved' },
  }));
  byRecord(
    'GET /api/v1/coverage',
    offAdm,
    (_who, scope) => ({
      method: 'GET',
      path: `/api/v1/coverage?township=${scope === 'own' ? SIDE.a.township : SIDE.b.township}`,
    }),
    { other: { officer: filteredOrDenied(w.workers.b.id, w.workers.b2.id) } },
  );
  // The xlsx exports (issue 19): officers and administrators; the coverage list of another's township is refused.
  byRecord(
    'GET /api/v1/coverage/export',
    offAdm,
    (_who, scope) => ({ method: 'GET', path: `/api/v1/coverage/export?township=${township(scope)}` }),
    WRITE_OTHER,
  );
  byRole('GET /api/v1/subsidies/export', offAdm, () => ({ method: 'GET', path: '/api/v1/subsidies/export' }));
  byRole('GET /api/v1/dashboard/export', offAdm, () => ({ method: 'GET', path: '/api/v1/dashboard/export' }));
  byRecord(
    'GET /api/v1/coverage/households',
    offAdm,
    (_who, scope) => ({ method: 'GET', path: `/api/v1/coverage/households?township=${township(scope)}` }),
    { other: { officer: filteredOrDenied(w.workers.b.id, w.workers.b2.id, w.householdNos.b) } },
  );
  // --- relocated villages and their reserved places (ADR 0010): administrators write, officers read theirs.
  byRecord('PUT /api/v1/relocated-villages/{villageCode}', ['admin'], (_who, scope) => ({
    method: 'PUT',
    path: `/api/v1/relocated-villages/${village(scope)}`,
    body: { quota: 10, sites: [`${scope}安置点`] },
  }));
  byRecord(
    'GET /api/v1/relocated-villages',
    offAdm,
    (_who, scope) => ({
      method: 'GET',
      path: scope === 'own' ? '/api/v1/relocated-villages' : `/api/v1/relocated-villages?township=${SIDE.b.township}`,
    }),
    { own: { officer: filtered(SIDE.b.village) }, other: { officer: filteredOrDenied(SIDE.b.village) } },
  );
  byRecord('GET /api/v1/relocated-villages/{villageCode}', offAdm, (_who, scope) => ({
    method: 'GET',
    path: `/api/v1/relocated-villages/${village(scope)}`,
  }));
  byRecord('POST /api/v1/relocated-villages/{villageCode}/openings', ['admin'], (_who, scope) => ({
    method: 'POST',
    path: `/api/v1/relocated-villages/${village(scope)}/openings`,
    body: { openingId: w.openings.o1, places: 1 },
  }));
  // After the designations above: the fixture designated o1 for both villages, released once each here.
  byRecord('DELETE /api/v1/relocated-villages/{villageCode}/openings/{openingId}', ['admin'], (_who, scope) => ({
    method: 'DELETE',
    path: `/api/v1/relocated-villages/${village(scope)}/openings/${w.openings.o1}`,
  }));
  byRole('GET /api/v1/dashboard', offAdm, () => ({ method: 'GET', path: '/api/v1/dashboard' }));
  // The officer's worklist (ADR 0016): placement's part, and the gateway's merge of every part.
  for (const path of ['/api/v1/worklist/placement', '/api/v1/worklist']) {
    byRole(
      `GET ${path}`,
      offAdm,
      () => ({ method: 'GET', path }),
      (who) => (who === 'officer' ? filtered(...otherIds) : allow),
    );
  }
  // Last: a separation ends the placement the cells above rely on.
  byRecord(
    'POST /api/v1/placements/{id}/separation',
    ['officer', 'admin', 'employer'],
    (_who, scope) => ({
      method: 'POST',
      path: `/api/v1/placements/${placement(scope)}/separation`,
      body: { reason: '合同期满' },
    }),
    WRITE_OTHER,
  );
  return cells;
}
