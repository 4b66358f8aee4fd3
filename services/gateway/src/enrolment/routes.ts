import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { type Principal, type TokenService, hashPassword } from '@tongxin/auth';
import { type Pool, withTransaction } from '@tongxin/db';
import {
  type FieldError,
  ProblemError,
  type ServiceApp,
  notFound,
  principalOf,
  problemResponses,
} from '@tongxin/service-platform';
import { activationCodeInvalid, serviceUnavailable, tooManyTries, usernameTaken, workerHasAccount } from '../errors.ts';
import { checkPassword } from '../password-policy.ts';
import type { ServiceName } from '../route-table.ts';
import type { SignInFailures } from '../sign-in-failures.ts';
import { activationCodeHash, maskName, newActivationCode, normalizeActivationCode } from './activation-code.ts';
import type { EnrolmentRepository } from './enrolment-repository.ts';

const Username = Type.String({ pattern: '^[a-z0-9_.-]{3,64}$' });
const NewPassword = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'At least 10 characters; not the username, not the published demo password.',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
const Contact = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), phone: Type.String({ pattern: '^[0-9][0-9-]{6,19}$' }) },
  { additionalProperties: false },
);
/** The fields of the employer service's POST /api/v1/employers, but the contact (given beside). */
const Company = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    creditCode: Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码 (GB 32100)' }),
    industry: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z_]+$' }),
    regionCode: Type.String({ pattern: '^([0-9]{6}|[0-9]{9}|[0-9]{12})$' }),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
const SignedIn = {
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  role: Type.String(),
  displayName: Type.String(),
};

export interface EnrolmentDeps {
  pool: Pool;
  repo: EnrolmentRepository;
  tokens: TokenService;
  urls: Partial<Record<ServiceName, string>>;
  /** Counts every employer sign-up per address (hourly window). */
  signUps: SignInFailures;
  /** Counts wrong activation codes per address (hourly window). */
  codeFailures: SignInFailures;
  secret: string;
  activationCodeDays: number;
  timeoutMs?: number;
}

/** A call to another service that answered, or `status: 0` when it did not. */
interface Answer {
  status: number;
  body: Record<string, unknown> | undefined;
}

/**
 * The self-service ways in (ADR 0018): an employer signs up with its company; an officer prints a
 * worker an activation code and the worker redeems it for an account.
 */
export async function enrolmentRoutes(app: ServiceApp, deps: EnrolmentDeps): Promise<void> {
  const { pool, repo, tokens, urls } = deps;
  const timeoutMs = deps.timeoutMs ?? 5_000;

  async function call(
    service: ServiceName,
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<Answer> {
    const base = urls[service];
    if (!base) throw serviceUnavailable(`the ${service} service is not configured`);
    try {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: token.startsWith('Bearer ') ? token : `Bearer ${token}`,
          // English, so that the gateway renders the problem in the caller's language itself.
          'accept-language': 'en',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await r.text();
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: r.status, body: parsed };
    } catch {
      return { status: 0, body: undefined };
    }
  }

  const rateLimited = async (limiter: SignInFailures, ip: string, what: string, reply: FastifyReply) => {
    const wait = await limiter.retryAfter(ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw tooManyTries(`too many ${what} from this address`);
    }
  };

  app.post(
    '/api/v1/auth/employer-signup',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'An employer signs up: its account and its company (pending until an administrator verifies it)',
        description:
          'Creates the employer account and registers the company with the employer service as that account. ' +
          'A refused company (bad or taken credit code, …) leaves no account: its problem is answered with the fields ' +
          'named as in this body (`company/creditCode`). The company is pending: its openings stay drafts until an ' +
          'administrator verifies it. Sign-ups are limited per address (429 with Retry-After).',
        security: [],
        body: Type.Object(
          { username: Username, password: NewPassword, displayName: DisplayName, contact: Contact, company: Company },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            ...SignedIn,
            employerId: Type.String(),
            employerStatus: Type.String(),
          }),
          ...problemResponses(400, 409, 429, 503),
        },
      },
    },
    async (request, reply) =>
      retryLater(reply, async () => {
        await rateLimited(deps.signUps, request.ip, 'sign-ups', reply);
        await deps.signUps.record(request.ip);
        const b = request.body;
        checkPassword('password', b.password, b.username);
        if (!urls.employer) throw serviceUnavailable('the employer service is not configured');
        const id = randomUUID();
        const inserted = await repo.insertPendingEmployer(pool, {
          id,
          username: b.username,
          passwordHash: await hashPassword(b.password),
          displayName: b.displayName,
        });
        if (!inserted) throw usernameTaken(b.username);
        // The account registers its company itself, so the company is its own (owner account) as today.
        const principal: Principal = { sub: id, username: b.username, role: 'employer' };
        const token = await tokens.issue(principal);
        let employer: Record<string, unknown> | undefined;
        try {
          const r = await call('employer', 'POST', '/api/v1/employers', token, { ...b.company, contact: b.contact });
          if (r.status === 201) employer = r.body;
          else if (r.status >= 400 && r.status < 500 && r.body) throw companyRefused(r.status, r.body);
          else {
            // No answer, or a failure: the company may exist all the same; it is this account's if so.
            const mine = await call('employer', 'GET', '/api/v1/employers?limit=1', token);
            employer = (mine.body?.items as Record<string, unknown>[] | undefined)?.[0];
            if (mine.status !== 200 || !employer) {
              throw serviceUnavailable(
                `the employer service did not register the company (${r.status || 'no answer'})`,
              );
            }
          }
        } catch (err) {
          await repo.deletePendingEmployer(pool, id);
          throw err;
        }
        const employerId = String(employer!.id);
        await repo.activateEmployer(pool, id, employerId);
        return reply.status(201).send({
          accessToken: await tokens.issue({ ...principal, employerId }),
          tokenType: 'Bearer' as const,
          role: 'employer',
          displayName: b.displayName,
          employerId,
          employerStatus: String(employer!.status ?? 'pending'),
        });
      }),
  );

  app.post(
    '/api/v1/auth/activation-codes',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Issue a printable activation code for a worker (the officer of their village, or an administrator)',
        description:
          'For a worker whose phone changed or who has no signal. Single use, expiring; a new code voids the ' +
          "worker's earlier unused ones. A worker outside the officer's villages is a 404; one who already has an " +
          'account a 409. Only a keyed hash of the code is kept: the answer is the only time it is shown.',
        body: Type.Object({ workerId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({
            code: Type.String({ description: 'Two groups of five characters without 0/O/1/I, e.g. 7KQ2M-XH9TC' }),
            workerId: Type.String(),
            workerName: Type.String({ description: 'Masked: 张*, 李*梅' }),
            expiresAt: Type.String({ format: 'date-time' }),
          }),
          ...problemResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    async (request, reply) =>
      retryLater(reply, async () => {
        const me = principalOf(request);
        const { workerId } = request.body;
        // The worker-profile service decides the officer's scope, with the officer's own token.
        const r = await call(
          'worker-profile',
          'GET',
          `/api/v1/workers/${encodeURIComponent(workerId)}`,
          request.headers.authorization ?? '',
        );
        if (r.status === 404 || r.status === 403) throw notFound('worker', workerId);
        if (r.status !== 200 || typeof r.body?.name !== 'string') {
          throw serviceUnavailable(
            `the worker-profile service could not confirm the worker (${r.status || 'no answer'})`,
          );
        }
        if (await repo.workerHasAccount(pool, workerId)) throw workerHasAccount();
        const code = newActivationCode();
        const workerName = maskName(r.body.name);
        const expiresAt = new Date(Date.now() + deps.activationCodeDays * 86_400_000);
        await withTransaction(pool, (tx) =>
          repo.issueCode(tx, {
            id: randomUUID(),
            codeHash: activationCodeHash(deps.secret, normalizeActivationCode(code)!),
            workerId,
            workerNameMasked: workerName,
            issuedBy: me.sub,
            expiresAt,
          }),
        );
        return reply.status(201).send({ code, workerId, workerName, expiresAt: expiresAt.toISOString() });
      }),
  );

  app.post(
    '/api/v1/auth/activation-codes/redeem',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Redeem an activation code: a worker account of your own, signed in',
        description:
          'A wrong, used, replaced or expired code gets one 400 (GW_ACTIVATION_CODE_INVALID) and writes nothing; ' +
          'wrong codes are limited per address (429 with Retry-After). A worker who already has an account: 409.',
        security: [],
        body: Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 40 }),
            username: Username,
            password: NewPassword,
            displayName: Type.Optional(DisplayName),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ ...SignedIn, workerId: Type.String() }),
          ...problemResponses(400, 409, 429),
        },
      },
    },
    async (request, reply) => {
      await rateLimited(deps.codeFailures, request.ip, 'wrong activation codes', reply);
      const b = request.body;
      checkPassword('password', b.password, b.username);
      const normalized = normalizeActivationCode(b.code);
      const passwordHash = await hashPassword(b.password);
      const id = randomUUID();
      const outcome = await withTransaction(pool, async (tx) => {
        const code = normalized ? await repo.lockCode(tx, activationCodeHash(deps.secret, normalized)) : undefined;
        if (!code || code.usedAt || code.voidedAt || code.expiresAt.getTime() <= Date.now()) return undefined;
        if (await repo.workerHasAccount(tx, code.workerId)) throw workerHasAccount();
        const displayName = b.displayName ?? code.workerNameMasked;
        const inserted = await repo.insertWorker(tx, {
          id,
          username: b.username,
          passwordHash,
          displayName,
          workerId: code.workerId,
        });
        if (!inserted) throw usernameTaken(b.username);
        await repo.markUsed(tx, code.id, id);
        return { workerId: code.workerId, displayName };
      });
      if (!outcome) {
        await deps.codeFailures.record(request.ip);
        throw activationCodeInvalid();
      }
      const principal: Principal = { sub: id, username: b.username, role: 'worker', workerId: outcome.workerId };
      return reply.status(201).send({
        accessToken: await tokens.issue(principal),
        tokenType: 'Bearer' as const,
        role: 'worker',
        displayName: outcome.displayName,
        workerId: outcome.workerId,
      });
    },
  );
}

/** A 503 of a service behind these routes says when to try again, as the proxy's do. */
async function retryLater<T>(reply: FastifyReply, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle();
  } catch (err) {
    if (err instanceof ProblemError && err.status === 503) reply.header('retry-after', '5');
    throw err;
  }
}

/**
 * The employer service's refusal, as this route's: same status and code, its fields named as in the
 * sign-up body (`creditCode` → `company/creditCode`; the contact is given beside the company).
 */
function companyRefused(status: number, problem: Record<string, unknown>): ProblemError {
  const rename = (field: string) => (field.startsWith('contact') ? field : `company/${field.replace(/^\//, '')}`);
  const errors = Array.isArray(problem.errors)
    ? (problem.errors as FieldError[]).map((e) => ({ field: rename(String(e.field)), message: String(e.message) }))
    : undefined;
  const { type: _t, title, status: _s, code, detail, errors: _e, instance: _i, ...rest } = problem;
  return new ProblemError(
    status,
    String(code ?? 'VALIDATION_FAILED'),
    String(title ?? 'Bad request'),
    errors && code === 'VALIDATION_FAILED'
      ? errors.map((e) => `${e.field}: ${e.message}`).join('; ')
      : typeof detail === 'string'
        ? detail
        : undefined,
    { ...rest, ...(errors ? { errors } : {}) },
  );
}
