import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { type TokenService, hashPassword } from '@tongxin/auth';
import { validateIdNumber } from '@tongxin/cn-codes';
import { type Pool, withTransaction } from '@tongxin/db';
import { type ServiceApp, type ServiceRuntime, invalidField } from '@tongxin/service-platform';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { codeInvalid, tooManyCodeRequests, usernameTaken, workerHasAccount } from '../errors.ts';
import type { MessageLog, SmsSender } from '../notify/sms.ts';
import { checkPassword } from '../password-policy.ts';
import type { Account, AccountRepository } from '../repositories/account-repository.ts';
import { NewPassword, TokenResponse, Username, announceSessionsRevoked, signInAnswer } from '../routes/auth.ts';
import type { CodePurpose, OneTimeCodes } from './one-time-codes.ts';
import type { RegistryLookup } from './registry-lookup.ts';

const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'A mainland mobile number, 11 digits' });
const IdNumber = Type.String({ minLength: 1, maxLength: 32, description: '18-character resident ID number' });
const Code = Type.String({ minLength: 1, maxLength: 12, description: 'The six digits the SMS gave' });
const Accepted = Type.Object({
  accepted: Type.Literal(true),
  /** How long a code, if one was sent, stays valid. */
  expiresInMinutes: Type.Number(),
});
const Problem = { $ref: 'Problem' } as const;

const ID_REASONS: Record<string, string> = {
  format: 'must be 17 digits followed by a digit or X',
  checksum: 'check digit does not match (GB 11643)',
  birthdate: 'the birth date inside it is not a real past date',
  region: 'the region code inside it is not a known region',
};

/** An ID number that fails its own checks is refused naming it: that says nothing about the registry. */
function checkedIdNumber(idNumber: string): string {
  const r = validateIdNumber(idNumber);
  if (!r.ok) throw invalidField('idNumber', ID_REASONS[r.reason] ?? 'invalid');
  return r.normalized;
}

/** Exactly one of `username` and `phone` names the account whose password is reset. */
function resetTarget(body: { username?: string; phone?: string }): { username: string } | { phone: string } {
  if ((body.username === undefined) === (body.phone === undefined)) {
    throw invalidField(body.username === undefined ? 'username' : 'phone', 'give a username or a phone, not both');
  }
  return body.username !== undefined ? { username: body.username.toLowerCase() } : { phone: body.phone! };
}

export interface SignupDeps {
  pool: Pool;
  runtime: ServiceRuntime;
  accounts: AccountRepository;
  tokens: TokenService;
  codes: OneTimeCodes;
  registry: RegistryLookup;
  sms: SmsSender;
  messageLog: MessageLog;
  logger: FastifyBaseLogger;
  /** Told of each revocation, so that this gateway's own session cache forgets the account at once. */
  onRevoked: (accountId: string) => void;
}

/**
 * Worker activation by a code to the phone on record, password reset by a code to the account's
 * phone, and the embedded message log (ADR 0014). The code routes answer 202 alike whether or not a
 * code went out, so nobody learns from them who is registered.
 */
export async function signupRoutes(app: ServiceApp, deps: SignupDeps): Promise<void> {
  const { pool, accounts, codes, registry } = deps;
  const accepted = { accepted: true as const, expiresInMinutes: codes.limits.ttlMinutes };

  async function admit(purpose: CodePurpose, target: string, address: string, reply: FastifyReply) {
    const wait = await codes.admit(pool, purpose, target, address);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw tooManyCodeRequests();
    }
  }

  /**
   * Sends the code after the answer, so that neither the provider's time nor its failure shows in the
   * answer; a failure is logged without the phone (the person asks again).
   */
  function sendLater(phone: string, code: string, purpose: CodePurpose) {
    const params = { code, minutes: String(Math.round(codes.limits.ttlMinutes)) };
    setImmediate(() => {
      deps.sms.send({ phone, template: 'verification-code', params }).catch((err: unknown) => {
        deps.logger.warn({ purpose, err: err instanceof Error ? err.message : String(err) }, 'one-time code not sent');
      });
    });
  }

  async function resetAccount(target: { username: string } | { phone: string }): Promise<Account | undefined> {
    const account =
      'username' in target
        ? await accounts.findByUsername(pool, target.username)
        : await accounts.findByPhone(pool, target.phone).then((found) => (found.length === 1 ? found[0] : undefined));
    return account && !account.disabled ? account : undefined;
  }

  app.post(
    '/api/v1/auth/activation/code',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Activating a worker account, step 1: a code to the phone on record',
        description:
          'Always 202 with the same body: a code is sent only when a registry worker has this ID number and this phone on record and no account yet (ADR 0014). An ID number failing its check is 400; too many requests for the phone or from the address are 429 with Retry-After.',
        security: [],
        body: Type.Object({ idNumber: IdNumber, phone: Phone }, { additionalProperties: false }),
        response: { 202: Accepted, 400: Problem, 429: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const idNumber = checkedIdNumber(request.body.idNumber);
      const { phone } = request.body;
      await admit('activation', phone, request.ip, reply);
      const worker = await registry.identify(idNumber, phone);
      if (worker && !(await accounts.hasWorkerAccount(pool, worker.workerId))) {
        sendLater(phone, await codes.issue(pool, 'activation', phone, worker.workerId), 'activation');
      }
      return reply.status(202).send(accepted);
    },
  );

  app.post(
    '/api/v1/auth/activation',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Activating a worker account, step 2: the code, a username and a password; signed in at once',
        description:
          'A wrong, expired, used or locked code (five wrong tries lock it) is the same 400 GW_CODE_INVALID, and nothing is written. The account acts for the worker and keeps the phone the code confirmed.',
        security: [],
        body: Type.Object(
          { idNumber: IdNumber, phone: Phone, code: Code, username: Username, password: NewPassword },
          { additionalProperties: false },
        ),
        response: { 201: TokenResponse, 400: Problem, 409: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { phone, code, username, password } = request.body;
      const idNumber = checkedIdNumber(request.body.idNumber);
      checkPassword('password', password, username);
      const match = await codes.check(pool, 'activation', phone, code);
      if (!match) throw codeInvalid();
      // The code was sent for this phone; the ID number given now must be the same worker's.
      const worker = await registry.identify(idNumber, phone);
      if (!worker || worker.workerId !== match.subject) {
        await codes.failedTry(pool, match.id);
        throw codeInvalid();
      }
      if (await accounts.findByUsername(pool, username)) throw usernameTaken(username);
      const account: Account = {
        id: randomUUID(),
        username,
        passwordHash: await hashPassword(password),
        role: 'worker',
        displayName: worker.name,
        regions: [],
        workerId: worker.workerId,
      };
      await withTransaction(pool, async (tx) => {
        if (!(await codes.consume(tx, match.id))) throw codeInvalid();
        if (await accounts.hasWorkerAccount(tx, worker.workerId)) throw workerHasAccount();
        if (!(await accounts.insertIfAbsent(tx, account, { phone }))) throw usernameTaken(username);
      });
      request.log.info({ accountId: account.id, workerId: worker.workerId }, 'worker account activated');
      return reply.status(201).send(await signInAnswer(deps.tokens, account));
    },
  );

  app.post(
    '/api/v1/auth/password-reset/code',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Resetting a forgotten password, step 1: a code to the phone on the account',
        description:
          'Give the username or the phone. Always 202 with the same body: a code is sent only to an enabled account with a verified phone (ADR 0014). Too many requests are 429 with Retry-After.',
        security: [],
        body: Type.Object(
          { username: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), phone: Type.Optional(Phone) },
          { additionalProperties: false },
        ),
        response: { 202: Accepted, 400: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const target = resetTarget(request.body);
      await admit(
        'password-reset',
        'phone' in target ? target.phone : `username:${target.username}`,
        request.ip,
        reply,
      );
      const account = await resetAccount(target);
      const phone = account ? await accounts.phoneOf(pool, account.id) : undefined;
      if (account && phone) {
        sendLater(phone, await codes.issue(pool, 'password-reset', phone, account.id), 'password-reset');
      }
      return reply.status(202).send(accepted);
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Resetting a forgotten password, step 2: the code and the new password; earlier sessions end',
        description:
          'A wrong, expired, used or locked code is the same 400 GW_CODE_INVALID, and nothing is written. Every token issued before stops working, as after an administrator reset.',
        security: [],
        body: Type.Object(
          {
            username: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            phone: Type.Optional(Phone),
            code: Code,
            newPassword: NewPassword,
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), 400: Problem },
      },
    },
    async (request, reply) => {
      const target = resetTarget(request.body);
      const account = await resetAccount(target);
      const phone = account ? await accounts.phoneOf(pool, account.id) : undefined;
      const match = account && phone ? await codes.check(pool, 'password-reset', phone, request.body.code) : undefined;
      if (!account || !match || match.subject !== account.id) throw codeInvalid();
      checkPassword('newPassword', request.body.newPassword, account.username);
      const hash = await hashPassword(request.body.newPassword);
      await withTransaction(pool, async (tx) => {
        if (!(await codes.consume(tx, match.id))) throw codeInvalid();
        const version = await accounts.setPassword(tx, account.id, hash);
        if (version === undefined) throw codeInvalid();
        await announceSessionsRevoked(deps.runtime, tx, account.id, version, 'password-reset');
      });
      deps.onRevoked(account.id);
      deps.runtime.relay.notify();
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/message-log',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: "The embedded mode's SMS and WeChat message log, newest first (administrators)",
        description:
          "What would have gone to a provider: recipient masked, body in full (a one-machine install has no SMS provider, so its administrator reads the codes here). `phone` narrows to one recipient; `before` pages back (the last item's createdAt).",
        querystring: Type.Object(
          {
            phone: Type.Optional(Phone),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            before: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                channel: Type.String(),
                recipient: Type.String(),
                template: Type.String(),
                params: Type.Record(Type.String(), Type.String()),
                body: Type.String(),
                createdAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      const { phone, limit, before } = request.query;
      const items = await deps.messageLog.list({
        limit: limit ?? 50,
        ...(phone ? { recipient: phone } : {}),
        ...(before ? { before } : {}),
      });
      return { items };
    },
  );
}
