import { type TSchema, Type } from '@sinclair/typebox';
import type { Role } from '@tongxin/auth';
import type { FastifyContextConfig } from 'fastify';

/** The `:id` path parameter of a resource keyed by uuid. */
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

type ProblemRef = { $ref: 'Problem' };

/** The responses a route answers with a Problem document (RFC 9457), by status. */
export function problemResponses(...statuses: number[]): Record<number, ProblemRef> {
  return Object.fromEntries(statuses.map((s) => [s, { $ref: 'Problem' as const }]));
}

/** What sets one route apart from the others of its group. */
export interface RouteSpec {
  /** Roles allowed on the route; absent means any signed-in account. */
  roles?: readonly Role[];
  /** Answered without a token (and documented so, with `security: []`). */
  public?: true;
  description?: string;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** Problem statuses this route answers besides its group's. */
  problems?: readonly number[];
}

/** Successful responses of a route, by status. */
export type RouteResponses = Record<number, TSchema>;

/** The fastify options `route` builds; inputs and responses keep their TypeBox types, so handlers stay typed. */
export interface RouteOptions<R extends RouteResponses, S extends RouteSpec> {
  config: FastifyContextConfig;
  schema: { tags: string[]; summary: string; description?: string; security?: [] } & Pick<
    S,
    Extract<keyof S, 'params' | 'querystring' | 'body'>
  > & { response: R & Record<number, ProblemRef> };
}

/**
 * The route options of a group of routes (one OpenAPI tag) that answer the same problem statuses:
 * `const route = routeGroup(['placements'], [400, 401, 403, 404])`, then per route
 * `app.get(url, route('Read a placement', { 200: PlacementView }, { params: IdParams }), handler)`:
 * its summary, what it answers on success, and what sets it apart (roles, inputs, other problems).
 * A group whose routes all take the same roles names them once: `routeGroup(tags, problems, { roles })`.
 */
export function routeGroup(
  tags: string[],
  problems: readonly number[],
  /** The roles of every route of the group that names none itself. */
  defaults: { roles?: readonly Role[] } = {},
) {
  return <const R extends RouteResponses, const S extends RouteSpec = Record<never, never>>(
    summary: string,
    response: R,
    spec: S = {} as S,
  ): RouteOptions<R, S> => {
    const { roles = defaults.roles, description, params, querystring, body } = spec;
    const config: FastifyContextConfig = spec.public ? { public: true } : roles ? { roles: [...roles] } : {};
    return {
      config,
      schema: {
        tags,
        summary,
        ...(description !== undefined ? { description } : {}),
        ...(spec.public ? { security: [] as [] } : {}),
        ...(params ? { params } : {}),
        ...(querystring ? { querystring } : {}),
        ...(body ? { body } : {}),
        response: { ...response, ...problemResponses(...problems, ...(spec.problems ?? [])) },
      } as RouteOptions<R, S>['schema'],
    };
  };
}
