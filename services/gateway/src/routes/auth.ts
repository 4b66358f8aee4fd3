import { randomUUID } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type Role, type TokenService, hashPassword, verifyPassword } from '@tongxin/auth';
import { type Pool, withTransaction } from '@tongxin/db';
import { createEvent } from '@tongxin/events';
import {
  Page,
  PageQuery,
  SESSIONS_REVOKED,
  type ServiceApp,
  type ServiceRuntime,
  type SessionsRevoked,
  pageOf,
  invalidField,
  notFound,
  principalOf,
} from '@tongxin/service-platform';
import type pg from 'pg';
import type { AccountLinks } from '../account-links.ts';
import {
  badCredentials,
  cannotDisableSelf,
  tooManySignIns,
  usernameTaken,
  weakPassword,
  wrongPassword,
} from '../errors.ts';
import { checkPassword } from '../password-policy.ts';
import { type Account, type AccountRepository, principalOfAccount } from '../repositories/account-repository.ts';
import type { SignInFailures } from '../sign-in-failures.ts';

const Password = Type.String({ minLength: 1, maxLength: 200 });
/** A password being set: the policy (password-policy.ts) is checked in code, to name the rule broken. */
export const NewPassword = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'At least 10 characters; not the username, not the published demo password.',
});
const RoleSchema = Type.Union([
  Type.Literal('worker'),
  Type.Literal('employer'),
  Type.Literal('officer'),
  Type.Literal('admin'),
]);
export const Username = Type.String({ pattern: '^[a-z0-9_.-]{3,64}$' });
const TokenRequest = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Password },
  { additionalProperties: false },
);
export const TokenResponse = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  role: Type.String(),
  displayName: Type.String(),
  workerId: Type.Optional(Type.String()),
  employerId: Type.Optional(Type.String()),
  regions: Type.Optional(Type.Array(Type.String())),
});
const AccountInput = Type.Object(
  {
    username: Username,
    password: NewPassword,
    role: RoleSchema,
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    /** Officers only, and required for them. */
    regions: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{9}([0-9]{3})?$' }), { maxItems: 50 })),
    /** Employer accounts only; optional (an employer may register its company after signing in). */
    employerId: Type.Optional(Type.String({ format: 'uuid' })),
    /** Worker accounts only, and required for them. */
    workerId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
const AccountView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  displayName: Type.String(),
  regions: Type.Optional(Type.Array(Type.String())),
  workerId: Type.Optional(Type.String()),
  employerId: Type.Optional(Type.String()),
  disabled: Type.Boolean(),
  createdAt: Type.Optional(Type.String({ format: 'date-time' })),
});
const AccountParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Problems = {
  400: { $ref: 'Problem' },
  401: { $ref: 'Problem' },
  403: { $ref: 'Problem' },
} as const;

const view = (a: Account): Static<typeof AccountView> => ({
  id: a.id,
  username: a.username,
  role: a.role,
  displayName: a.displayName,
  ...(a.role === 'officer' ? { regions: a.regions } : {}),
  ...(a.workerId ? { workerId: a.workerId } : {}),
  ...(a.employerId ? { employerId: a.employerId } : {}),
  disabled: a.disabled ?? false,
  ...(a.createdAt ? { createdAt: a.createdAt } : {}),
});

/** What a successful sign-in answers (also an account's activation). */
export async function signInAnswer(tokens: TokenService, account: Account): Promise<Static<typeof TokenResponse>> {
  const principal = principalOfAccount(account);
  return {
    accessToken: await tokens.issue(principal),
    tokenType: 'Bearer' as const,
    role: account.role,
    displayName: account.displayName,
    ...(principal.workerId ? { workerId: principal.workerId } : {}),
    ...(principal.employerId ? { employerId: principal.employerId } : {}),
    ...(principal.regions ? { regions: principal.regions } : {}),
  };
}

/** Voids the account's earlier tokens everywhere: with the raised version, every service is told. */
export async function announceSessionsRevoked(
  runtime: ServiceRuntime,
  tx: pg.PoolClient,
  accountId: string,
  tokenVersion: number,
  reason: SessionsRevoked['reason'],
): Promise<void> {
  const data: SessionsRevoked = { accountId, tokenVersion, notBefore: new Date().toISOString(), reason };
  await runtime.outbox.add(
    tx,
    createEvent({ type: SESSIONS_REVOKED, source: '/tongxin/gateway', subject: accountId, data }),
  );
}

// A failed sign-in costs the same whether or not the user exists.
const DUMMY_HASH = await hashPassword('not-a-real-password');

export interface AuthDeps {
  pool: Pool;
  runtime: ServiceRuntime;
  accounts: AccountRepository;
  tokens: TokenService;
  links: AccountLinks;
  failures: SignInFailures;
  /** Told of each revocation, so that this gateway's own session cache forgets the account at once. */
  onRevoked: (accountId: string) => void;
  /** The embedded demo's seed may give its accounts the published demo password. */
  allowDemoPassword: boolean;
}

export async function authRoutes(app: ServiceApp, deps: AuthDeps) {
  const { pool, runtime, accounts, tokens, links, failures } = deps;

  const announceRevocation = (
    tx: pg.PoolClient,
    accountId: string,
    tokenVersion: number,
    reason: SessionsRevoked['reason'],
  ) => announceSessionsRevoked(runtime, tx, accountId, tokenVersion, reason);

  /** After the commit: this gateway forgets what it cached, the relay publishes the event now. */
  const revoked = (accountId: string) => {
    deps.onRevoked(accountId);
    runtime.relay.notify();
  };

  app.post(
    '/api/v1/auth/token',
    {
      config: {
        public: true,
        // Per username and address: guessing one account's password is slowed down, while a
        // village office whose officers share one address can still sign in.
        rateLimit: {
          max: 30,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) =>
            `signin|${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: username and password for an access token',
        description:
          'A disabled account, an unknown username and a wrong password get the same 401. Failed sign-ins are also limited per address (429 with Retry-After).',
        security: [],
        body: TokenRequest,
        response: { 200: TokenResponse, 400: { $ref: 'Problem' }, 401: { $ref: 'Problem' }, 429: { $ref: 'Problem' } },
      },
    },
    async (request, reply) => {
      // Per address, failures only: rotating usernames from one address does not buy more guesses.
      const wait = await failures.retryAfter(request.ip);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw tooManySignIns();
      }
      const account = await accounts.findByUsername(pool, request.body.username);
      const ok = await verifyPassword(request.body.password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !ok || account.disabled) {
        await failures.record(request.ip);
        throw badCredentials();
      }
      return signInAnswer(tokens, account);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who the token belongs to',
        response: {
          200: Type.Object({
            sub: Type.String(),
            username: Type.String(),
            role: Type.String(),
            regions: Type.Optional(Type.Array(Type.String())),
            workerId: Type.Optional(Type.String()),
            employerId: Type.Optional(Type.String()),
          }),
        },
      },
    },
    async (request) => principalOf(request),
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; every token issued before (this one too) stops working',
        body: Type.Object({ currentPassword: Password, newPassword: NewPassword }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...Problems, 429: { $ref: 'Problem' } },
      },
    },
    async (request, reply) => {
      const me = principalOf(request);
      const { currentPassword, newPassword } = request.body;
      const before = await accounts.findById(pool, me.sub);
      if (!before) throw notFound('account', me.sub);
      const wait = await failures.retryAfter(request.ip);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw tooManySignIns();
      }
      if (!(await verifyPassword(currentPassword, before.passwordHash))) {
        // A stolen token guessing the password it needs counts as failed sign-ins.
        await failures.record(request.ip);
        throw wrongPassword();
      }
      checkPassword('newPassword', newPassword, before.username);
      if (newPassword === currentPassword) {
        throw weakPassword('newPassword', 'must differ from the current password');
      }
      const hash = await hashPassword(newPassword);
      await withTransaction(pool, async (tx) => {
        const version = await accounts.setPassword(tx, me.sub, hash);
        if (version === undefined) throw notFound('account', me.sub);
        await announceRevocation(tx, me.sub, version, 'password-changed');
      });
      revoked(me.sub);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere: every token of your account issued so far stops working',
        response: { 204: Type.Null(), 401: { $ref: 'Problem' } },
      },
    },
    async (request, reply) => {
      const me = principalOf(request);
      await withTransaction(pool, async (tx) => {
        const version = await accounts.revokeSessions(tx, me.sub);
        if (version === undefined) throw notFound('account', me.sub);
        await announceRevocation(tx, me.sub, version, 'signed-out-everywhere');
      });
      revoked(me.sub);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/accounts',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Sign-in accounts by username, a page at a time (administrators)',
        querystring: Type.Object({ ...PageQuery, role: Type.Optional(RoleSchema) }, { additionalProperties: false }),
        response: { 200: Page(AccountView), ...Problems },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const after = decodeUsernameCursor(request.query.cursor);
      const rows = await accounts.list(pool, {
        limit: limit + 1,
        ...(after !== undefined ? { after } : {}),
        ...(request.query.role ? { role: request.query.role as Role } : {}),
      });
      return pageOf(rows, limit, view, (a) => a.username);
    },
  );

  app.post(
    '/api/v1/accounts',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Create a sign-in account (administrators)',
        description:
          'workerId is required for (and only for) a worker account, employerId is only for an employer account, regions are required for (and only for) an officer; the worker or employer must exist.',
        body: AccountInput,
        response: {
          201: Type.Object({ id: Type.String(), username: Type.String(), role: Type.String() }),
          ...Problems,
          409: { $ref: 'Problem' },
          503: { $ref: 'Problem' },
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (b.role !== 'worker' && b.workerId !== undefined) {
        throw invalidField('workerId', 'only a worker account acts for a worker record');
      }
      if (b.role !== 'employer' && b.employerId !== undefined) {
        throw invalidField('employerId', 'only an employer account acts for an employer');
      }
      if (b.role !== 'officer' && b.regions !== undefined) {
        throw invalidField('regions', 'only an officer account serves regions');
      }
      if (b.role === 'worker' && b.workerId === undefined) {
        throw invalidField('workerId', 'a worker account needs the worker record it is');
      }
      if (b.role === 'officer' && !b.regions?.length) {
        throw invalidField('regions', 'an officer account needs at least one region');
      }
      checkPassword('password', b.password, b.username, deps.allowDemoPassword);
      if (b.workerId) await links.checkWorker('workerId', b.workerId, request.headers.authorization);
      if (b.employerId) await links.checkEmployer('employerId', b.employerId, request.headers.authorization);
      const id = randomUUID();
      const created = await accounts.insertIfAbsent(pool, {
        id,
        username: b.username,
        passwordHash: await hashPassword(b.password),
        role: b.role,
        displayName: b.displayName,
        regions: b.regions ?? [],
        ...(b.employerId ? { employerId: b.employerId } : {}),
        ...(b.workerId ? { workerId: b.workerId } : {}),
      });
      if (!created) throw usernameTaken(b.username);
      return reply.status(201).send({ id, username: b.username, role: b.role });
    },
  );

  app.post(
    '/api/v1/accounts/:id/password',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: "Reset an account's password (administrators); its earlier tokens stop working",
        params: AccountParams,
        body: Type.Object({ newPassword: NewPassword }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...Problems, 404: { $ref: 'Problem' } },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const account = await accounts.findById(pool, id);
      if (!account) throw notFound('account', id);
      checkPassword('newPassword', request.body.newPassword, account.username);
      const hash = await hashPassword(request.body.newPassword);
      await withTransaction(pool, async (tx) => {
        const version = await accounts.setPassword(tx, id, hash);
        if (version === undefined) throw notFound('account', id);
        await announceRevocation(tx, id, version, 'password-reset');
      });
      revoked(id);
      return reply.status(204).send(null);
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/api/v1/accounts/:id/${action}`,
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['auth'],
          summary:
            action === 'disable'
              ? 'Disable an account (administrators): it cannot sign in and its tokens stop working'
              : 'Enable a disabled account again (administrators); its old tokens stay void',
          params: AccountParams,
          response: { 200: AccountView, ...Problems, 404: { $ref: 'Problem' }, 409: { $ref: 'Problem' } },
        },
      },
      async (request) => {
        const { id } = request.params;
        if (action === 'disable' && id === principalOf(request).sub) {
          throw cannotDisableSelf();
        }
        const account = await withTransaction(pool, async (tx) => {
          const updated = await accounts.setDisabled(tx, id, action === 'disable');
          if (!updated) throw notFound('account', id);
          if (action === 'disable') await announceRevocation(tx, id, updated.tokenVersion ?? 0, 'disabled');
          return updated;
        });
        revoked(id);
        return view(account);
      },
    );
  }
}

/** Account pages are ordered by username; the cursor is the last one's, base64url. */
function decodeUsernameCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^[a-z0-9_.-]{1,64}$/.test(text)) throw invalidField('cursor', 'not a cursor this list issued');
  return text;
}
