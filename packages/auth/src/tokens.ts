import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Principal, type Role } from './principal.ts';

const ISSUER = 'tongxin';

/** Issues and verifies HS256 access tokens; the secret is shared by the gateway and the services. */
export class TokenService {
  readonly #key: Uint8Array;
  /**
   * Tokens already verified, with their principal and expiry. Every request through the gateway was
   * verified twice (gateway, then service), each an HMAC through WebCrypto's thread pool: a fifth of
   * the gateway's CPU on a worker's matches. A token's text fixes its signature and claims, so the
   * same text verifies to the same principal until it expires; revocation is judged apart (ADR 0004).
   */
  readonly #verified = new Map<string, { principal: Principal; exp: number }>();

  constructor(
    secret: string,
    private readonly ttlSeconds = 8 * 3600,
    /** Verified tokens remembered; beyond this the oldest are forgotten (each is a few hundred bytes). */
    private readonly remembered = 20_000,
  ) {
    this.#key = new TextEncoder().encode(secret);
  }

  async issue(p: Principal): Promise<string> {
    const { sub, ...claims } = p;
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.#key);
  }

  /** The principal of a valid token, or undefined for a forged, expired or malformed one. */
  async verify(token: string): Promise<Principal | undefined> {
    const hit = this.#verified.get(token);
    if (hit) {
      if (hit.exp > Date.now() / 1000) return hit.principal;
      this.#verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role as Role;
      if (!payload.sub || !ROLES.includes(role) || typeof payload.username !== 'string') return undefined;
      const principal: Principal = Object.freeze({
        sub: payload.sub,
        username: payload.username,
        role,
        ...(Array.isArray(payload.regions) ? { regions: payload.regions.map(String) } : {}),
        ...(typeof payload.employerId === 'string' ? { employerId: payload.employerId } : {}),
        ...(typeof payload.workerId === 'string' ? { workerId: payload.workerId } : {}),
        ...(Number.isSafeInteger(payload.tokenVersion) ? { tokenVersion: payload.tokenVersion as number } : {}),
      });
      // jwtVerify checks `exp` only when present: a token without one (none is issued so) is not remembered.
      if (typeof payload.exp === 'number') this.#remember(token, principal, payload.exp);
      return principal;
    } catch {
      return undefined;
    }
  }

  #remember(token: string, principal: Principal, exp: number): void {
    if (this.#verified.size >= this.remembered) {
      // Maps keep insertion order: the first key is the one verified longest ago.
      this.#verified.delete(this.#verified.keys().next().value!);
    }
    this.#verified.set(token, { principal, exp });
  }
}
