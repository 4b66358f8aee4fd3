import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type TokenService, hashPassword, verifyPassword } from '@tongxin/auth';
import type { Pool } from '@tongxin/db';
import { ProblemError, type ServiceApp, conflict, principalOf } from '@tongxin/service-platform';
import { type AccountRepository, principalOfAccount } from '../repositories/account-repository.ts';

const TokenRequest = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const TokenResponse = Type.Object({
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
    username: Type.String({ pattern: '^[a-z0-9_.-]{3,64}$' }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    role: Type.Union([
      Type.Literal('worker'),
      Type.Literal('employer'),
      Type.Literal('officer'),
      Type.Literal('admin'),
    ]),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    regions: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{9}([0-9]{3})?$' }), { maxItems: 50 })),
    employerId: Type.Optional(Type.String({ format: 'uuid' })),
    workerId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

// A failed sign-in costs the same whether or not the user exists.
const DUMMY_HASH = await hashPassword('not-a-real-password');

export async function authRoutes(app: ServiceApp, pool: Pool, accounts: AccountRepository, tokens: TokenService) {
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
        security: [],
        body: TokenRequest,
        response: { 200: TokenResponse, 400: { $ref: 'Problem' }, 401: { $ref: 'Problem' } },
      },
    },
    async (request) => {
      const account = await accounts.findByUsername(pool, request.body.username);
      const ok = await verifyPassword(request.body.password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !ok) throw new ProblemError(401, 'BAD_CREDENTIALS', 'Unauthorized', 'wrong username or password');
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
    '/api/v1/accounts',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Create a sign-in account (administrators)',
        body: AccountInput,
        response: {
          201: Type.Object({ id: Type.String(), username: Type.String(), role: Type.String() }),
          400: { $ref: 'Problem' },
          403: { $ref: 'Problem' },
          409: { $ref: 'Problem' },
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
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
      if (!created) throw conflict('USERNAME_TAKEN', `username ${b.username} is taken`);
      return reply.status(201).send({ id, username: b.username, role: b.role });
    },
  );
}
