import type { Principal, Role, TokenService } from '@tongxin/auth';
import type { FastifyInstance } from 'fastify';
import { forbidden, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, when a valid bearer token came with the request. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Answered without a token (health, docs, login, public search). */
    public?: boolean;
    /** Roles allowed on the route; absent means any signed-in role. */
    roles?: Role[];
  }
}

/**
 * Every route needs a valid token unless marked `public`; a token that is present but
 * forged or expired is refused even on public routes, so a bad client learns early.
 */
export function registerAuthentication(
  app: FastifyInstance,
  tokens: TokenService,
  /** False when the token's session was revoked since it was issued (ADR 0004). */
  sessionValid?: (principal: Principal) => Promise<boolean>,
): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] ? await tokens.verify(match[1]) : undefined;
    if (!principal) throw unauthorized('the bearer token is malformed, forged or expired');
    if (sessionValid && !(await sessionValid(principal))) {
      throw unauthorized(
        'the bearer token was revoked (password changed, account disabled or signed out); sign in again',
      );
    }
    request.principal = principal;
  });
  app.addHook('preValidation', async (request) => {
    // No route matched: the not-found handler answers 404 whoever asks.
    if (!request.routeOptions.url) return;
    const config = request.routeOptions.config;
    // The OpenAPI UI's own routes are registered by a plugin that cannot carry our config.
    if (config.public || request.routeOptions.url?.startsWith('/docs')) return;
    if (!request.principal) throw unauthorized();
    if (config.roles && !config.roles.includes(request.principal.role)) {
      throw forbidden(`this action is not open to the ${request.principal.role} role`);
    }
  });
}

/** The caller of a route that is not public (the hook above guarantees one). */
export function principalOf(request: { principal?: Principal }): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
