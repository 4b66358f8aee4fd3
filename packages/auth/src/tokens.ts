import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Principal, type Role } from './principal.ts';

const ISSUER = 'tongxin';

/** Issues and verifies HS256 access tokens; the secret is shared by the gateway and the services. */
export class TokenService {
  readonly #key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds = 8 * 3600,
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
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role as Role;
      if (!payload.sub || !ROLES.includes(role) || typeof payload.username !== 'string') return undefined;
      return {
        sub: payload.sub,
        username: payload.username,
        role,
        ...(Array.isArray(payload.regions) ? { regions: payload.regions.map(String) } : {}),
        ...(typeof payload.employerId === 'string' ? { employerId: payload.employerId } : {}),
        ...(typeof payload.workerId === 'string' ? { workerId: payload.workerId } : {}),
        ...(Number.isSafeInteger(payload.tokenVersion) ? { tokenVersion: payload.tokenVersion as number } : {}),
      };
    } catch {
      return undefined;
    }
  }
}
