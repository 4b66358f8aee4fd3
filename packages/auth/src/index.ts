export { ROLES, type Role, type Principal, inRegionScope } from './principal.ts';
export { TokenService } from './tokens.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
