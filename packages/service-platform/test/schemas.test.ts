import { Type } from '@sinclair/typebox';
import t from 'tap';
import { IdParams, ListQuery, StrictObject, literals, routeGroup } from '../src/index.ts';

// JSON.parse(JSON.stringify()) drops TypeBox's symbol keys: what remains is what fastify and OpenAPI see.
const json = (schema: unknown) => JSON.parse(JSON.stringify(schema)) as unknown;

t.test('the builders write the schemas they stand for', async (t) => {
  t.same(json(literals(['open', 'closed'])), json(Type.Union([Type.Literal('open'), Type.Literal('closed')])));
  t.same(
    json(StrictObject({ a: Type.String() })),
    json(Type.Object({ a: Type.String() }, { additionalProperties: false })),
  );
  t.same(
    json(ListQuery({ status: Type.String() })),
    json(
      Type.Object(
        {
          status: Type.Optional(Type.String()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
  );
});

t.test("a route's options: the group's tag and problems, then what sets the route apart", async (t) => {
  const route = routeGroup(['things'], [400, 401, 403, 404]);
  const View = Type.Object({ id: Type.String() });
  t.same(json(route('Read a thing', { 200: View }, { params: IdParams })), {
    config: {},
    schema: {
      tags: ['things'],
      summary: 'Read a thing',
      params: json(IdParams),
      response: {
        200: json(View),
        400: { $ref: 'Problem' },
        401: { $ref: 'Problem' },
        403: { $ref: 'Problem' },
        404: { $ref: 'Problem' },
      },
    },
  });
  const write = route('Change a thing', { 200: View }, { roles: ['admin'], body: View, problems: [409] });
  t.same(write.config, { roles: ['admin'] });
  t.same(Object.keys(write.schema.response), ['200', '400', '401', '403', '404', '409']);
  const open = route('List things', { 200: View }, { public: true, description: 'For anyone.' });
  t.same(open.config, { public: true });
  t.same(open.schema.security, [], 'documented as needing no token');
  t.equal(open.schema.description, 'For anyone.');

  const staff = routeGroup(['things'], [400], { roles: ['admin', 'officer'] });
  t.same(staff('Read a thing', { 200: View }).config, { roles: ['admin', 'officer'] }, "the group's roles");
  t.same(staff('Purge', { 200: View }, { roles: ['admin'] }).config, { roles: ['admin'] }, 'a route names its own');
});
