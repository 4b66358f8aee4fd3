import { type Static, Type } from '@sinclair/typebox';
import { type Pool, withTransaction } from '@tongxin/db';
import { type ServiceApp, invalidField, notFound, principalOf } from '@tongxin/service-platform';
import { NOTICE_KINDS } from './rules.ts';
import { CHANNELS, type NotificationStore } from './store.ts';

const Problems = { 400: { $ref: 'Problem' }, 401: { $ref: 'Problem' }, 403: { $ref: 'Problem' } } as const;
const Cursor = Type.Optional(Type.String({ maxLength: 200 }));
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }));
const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'county time, HH:MM' });
const ChannelPrefs = Type.Object({ sms: Type.Boolean(), wechat: Type.Boolean() }, { additionalProperties: false });

const InboxItem = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  params: Type.Record(Type.String(), Type.String()),
  link: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});
const Preferences = Type.Object({
  digest: Type.Boolean({ description: 'one message a day (at the end of quiet hours) instead of one per notice' }),
  quietHours: Type.Object({ start: HHMM, end: HHMM }),
  channels: Type.Object({
    sms: Type.Object({ subscribed: Type.Boolean(), unsubscribeLink: Type.String() }),
    wechat: Type.Object({ subscribed: Type.Boolean(), bound: Type.Boolean(), unsubscribeLink: Type.String() }),
  }),
  kinds: Type.Record(Type.String(), ChannelPrefs),
});
const PreferencesInput = Type.Object(
  {
    digest: Type.Optional(Type.Boolean()),
    quietHours: Type.Optional(Type.Object({ start: HHMM, end: HHMM }, { additionalProperties: false })),
    /** Subscribe to (true) or unsubscribe from (false) a channel altogether. */
    channels: Type.Optional(
      Type.Object(
        { sms: Type.Optional(Type.Boolean()), wechat: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
    kinds: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), ChannelPrefs)),
    /** The openid the WeChat mini-program's binding gave; null unbinds. */
    wechatOpenid: Type.Optional(Type.Union([Type.String({ minLength: 6, maxLength: 64 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const Delivery = Type.Object({
  id: Type.String(),
  notificationId: Type.String(),
  accountId: Type.String(),
  channel: Type.String(),
  status: Type.String(),
  digest: Type.Boolean(),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  lastError: Type.Optional(Type.String()),
  providerId: Type.Optional(Type.String()),
  sentAt: Type.Optional(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** Cursors of (createdAt, id) lists: opaque base64url. */
const encode = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString('base64url');
function decode(cursor: string | undefined): { at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw invalidField('cursor', 'not a cursor this list issued');
  return { at, id };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, text: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;

export interface NotificationRouteDeps {
  pool: Pool;
  store: NotificationStore;
}

/** The inbox of every account, its preferences, one-click unsubscribe, and the delivery records. */
export async function notificationRoutes(app: ServiceApp, { pool, store }: NotificationRouteDeps) {
  async function preferencesOf(accountId: string): Promise<Static<typeof Preferences>> {
    const s = await store.settings(pool, accountId);
    const link = async (c: 'sms' | 'wechat') =>
      `/api/v1/notifications/unsubscribe?token=${await store.unsubscribeToken(pool, accountId, c)}`;
    return {
      digest: s.digest,
      quietHours: { start: hhmm(s.quietStart), end: hhmm(s.quietEnd) },
      channels: {
        sms: { subscribed: !s.smsUnsubscribed, unsubscribeLink: await link('sms') },
        wechat: { subscribed: !s.wechatUnsubscribed, bound: !!s.wechatOpenid, unsubscribeLink: await link('wechat') },
      },
      kinds: await store.kindPreferences(pool, accountId),
    };
  }

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your own notifications, newest first, with how many are unread',
        querystring: Type.Object(
          { unread: Type.Optional(Type.Boolean()), cursor: Cursor, limit: Limit },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(InboxItem),
            nextCursor: Type.Optional(Type.String()),
            unread: Type.Integer({ description: 'unread notifications in all' }),
          }),
          ...Problems,
        },
      },
    },
    async (request) => {
      const me = principalOf(request);
      const limit = request.query.limit ?? 50;
      const before = decode(request.query.cursor);
      const rows = await store.inbox(pool, me.sub, {
        unread: request.query.unread ?? false,
        limit: limit + 1,
        ...(before ? { before } : {}),
      });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items,
        ...(rows.length > limit && last ? { nextCursor: encode(last.createdAt, last.id) } : {}),
        unread: await store.unreadCount(pool, me.sub),
      };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read (again: no change)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...Problems, 404: { $ref: 'Problem' } },
      },
    },
    async (request, reply) => {
      const me = principalOf(request);
      // Another account's notification does not exist for you.
      if (!(await store.markRead(pool, me.sub, request.params.id))) throw notFound('notification', request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: { 200: Type.Object({ marked: Type.Integer() }), ...Problems },
      },
    },
    async (request) => ({ marked: await store.markAllRead(pool, principalOf(request).sub) }),
  );

  app.get(
    '/api/v1/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notification preferences: channels per kind, daily digest, quiet hours, unsubscribe links',
        response: { 200: Preferences, ...Problems },
      },
    },
    async (request) => preferencesOf(principalOf(request).sub),
  );

  app.put(
    '/api/v1/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Change your notification preferences (what is not given stays as it is)',
        description: `Kinds: ${NOTICE_KINDS.join(', ')}. Quiet hours are county time; SMS and WeChat messages wait until they end (the inbox does not).`,
        body: PreferencesInput,
        response: { 200: Preferences, ...Problems },
      },
    },
    async (request) => {
      const me = principalOf(request);
      const b = request.body;
      for (const kind of Object.keys(b.kinds ?? {})) {
        if (!(NOTICE_KINDS as readonly string[]).includes(kind))
          throw invalidField(`kinds.${kind}`, `not a kind of notification (${NOTICE_KINDS.join(', ')})`);
      }
      await withTransaction(pool, async (tx) => {
        const s = await store.settings(tx, me.sub);
        await store.saveSettings(tx, me.sub, {
          digest: b.digest ?? s.digest,
          quietStart: b.quietHours ? minutes(b.quietHours.start) : s.quietStart,
          quietEnd: b.quietHours ? minutes(b.quietHours.end) : s.quietEnd,
          ...(b.wechatOpenid !== undefined ? { wechatOpenid: b.wechatOpenid } : {}),
        });
        for (const c of CHANNELS) {
          const want = b.channels?.[c];
          if (want !== undefined) await store.setSubscribed(tx, me.sub, c, want);
        }
        for (const [kind, p] of Object.entries(b.kinds ?? {})) await store.saveKindPreference(tx, me.sub, kind, p);
      });
      return preferencesOf(me.sub);
    },
  );

  app.get(
    '/api/v1/notifications/unsubscribe',
    {
      config: { public: true },
      schema: {
        tags: ['notifications'],
        summary: 'One-click unsubscribe from a channel by the link sent with it (answers a page in Chinese)',
        security: [],
        querystring: Type.Object(
          { token: Type.String({ minLength: 16, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String(), 400: { $ref: 'Problem' }, 404: { $ref: 'Problem' } },
      },
    },
    async (request, reply) => {
      const channel = await store.unsubscribe(pool, request.query.token);
      if (!channel) throw notFound('unsubscribe link', 'token');
      const name = channel === 'sms' ? '短信' : '微信';
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            '已退订',
            `您已退订同心的${name}通知，今后不再通过${name}向您发送通知；站内消息仍可在登录后查看。如需恢复，可在“通知设置”中重新开启。`,
          ),
        );
    },
  );

  app.get(
    '/api/v1/admin/deliveries',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['notifications'],
        summary: 'Delivery records of SMS and WeChat notices, newest first (administrators)',
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union(['pending', 'sending', 'sent', 'failed', 'skipped'].map((s) => Type.Literal(s))),
            ),
            channel: Type.Optional(Type.Union([Type.Literal('sms'), Type.Literal('wechat')])),
            cursor: Cursor,
            limit: Limit,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Delivery), nextCursor: Type.Optional(Type.String()) }),
          ...Problems,
        },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const before = decode(request.query.cursor);
      const rows = await store.deliveries(pool, {
        limit: limit + 1,
        ...(request.query.status ? { status: request.query.status } : {}),
        ...(request.query.channel ? { channel: request.query.channel } : {}),
        ...(before ? { before } : {}),
      });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return { items, ...(rows.length > limit && last ? { nextCursor: encode(last.createdAt, last.id) } : {}) };
    },
  );
}
