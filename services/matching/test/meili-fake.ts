import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { editDistance } from '../src/domain/text-terms.ts';

/**
 * A small stand-in for Meilisearch that implements — and checks — the documented HTTP API
 * the adapter calls (https://www.meilisearch.com/docs/reference/api): index creation,
 * PATCH settings, document addition and batch deletion, stats, search with filter, facets
 * and sort, and asynchronous tasks that the client must poll (`enqueued` → `processing` →
 * `succeeded`). Anything else, or a request that breaks the documented contract (a filter
 * on an attribute not declared filterable, a missing bearer key), is refused the way
 * Meilisearch refuses it and recorded in `violations`, which tests assert to be empty.
 *
 * Text matching is Meilisearch's on pre-tokenised, space-separated attributes: words
 * ranking (the first query word required, `matchingStrategy: last`), typos by
 * `minWordSizeForTypos`, prefix on the last word.
 */
export interface MeiliFake {
  url: string;
  apiKey: string;
  /** Every request, as `METHOD /path`. */
  requests: string[];
  /** Requests that broke the documented contract. */
  violations: string[];
  settings(uid: string): Record<string, unknown> | undefined;
  /** Makes the next task fail with this error (e.g. to test failure handling). */
  failNextTask(code: string, message: string): void;
  close(): Promise<void>;
}

type Doc = Record<string, unknown> & { id: string };
interface Index {
  uid: string;
  primaryKey: string;
  docs: Map<string, Doc>;
  settings: Record<string, unknown>;
}
interface Task {
  taskUid: number;
  indexUid: string | null;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed';
  type: string;
  enqueuedAt: string;
  polls: number;
  apply: () => void;
  error: { code: string; message: string; type: string; link: string } | null;
}

const SETTINGS_KEYS = new Set([
  'displayedAttributes',
  'searchableAttributes',
  'filterableAttributes',
  'sortableAttributes',
  'rankingRules',
  'stopWords',
  'nonSeparatorTokens',
  'separatorTokens',
  'dictionary',
  'synonyms',
  'distinctAttribute',
  'proximityPrecision',
  'typoTolerance',
  'faceting',
  'pagination',
  'embedders',
  'searchCutoffMs',
  'localizedAttributes',
  'facetSearch',
  'prefixSearch',
]);
const SEARCH_KEYS = new Set([
  'q',
  'offset',
  'limit',
  'hitsPerPage',
  'page',
  'filter',
  'facets',
  'distinct',
  'attributesToRetrieve',
  'attributesToCrop',
  'cropLength',
  'cropMarker',
  'attributesToHighlight',
  'highlightPreTag',
  'highlightPostTag',
  'showMatchesPosition',
  'sort',
  'matchingStrategy',
  'showRankingScore',
  'showRankingScoreDetails',
  'rankingScoreThreshold',
  'attributesToSearchOn',
  'locales',
]);

export async function startMeiliFake(options: { apiKey?: string } = {}): Promise<MeiliFake> {
  const apiKey = options.apiKey ?? 'fake-master-key';
  const indexes = new Map<string, Index>();
  const tasks = new Map<number, Task>();
  const requests: string[] = [];
  const violations: string[] = [];
  let nextTask = 0;
  let failNext: { code: string; message: string } | undefined;

  const enqueue = (indexUid: string | null, type: string, apply: () => void): Task => {
    const task: Task = {
      taskUid: nextTask++,
      indexUid,
      status: 'enqueued',
      type,
      enqueuedAt: new Date().toISOString(),
      polls: 0,
      apply,
      error: null,
    };
    if (failNext) {
      task.error = { ...failNext, type: 'invalid_request', link: 'https://docs.meilisearch.com/errors' };
      failNext = undefined;
    }
    tasks.set(task.taskUid, task);
    return task;
  };
  // Tasks advance only when polled, so a client that does not wait for its task sees stale data.
  const advance = (task: Task): void => {
    task.polls++;
    if (task.status === 'enqueued') task.status = 'processing';
    else if (task.status === 'processing') {
      if (task.error) task.status = 'failed';
      else {
        task.apply();
        task.status = 'succeeded';
      }
    }
  };
  const summary = (t: Task) => ({
    taskUid: t.taskUid,
    indexUid: t.indexUid,
    status: 'enqueued',
    type: t.type,
    enqueuedAt: t.enqueuedAt,
  });
  const view = (t: Task) => ({
    uid: t.taskUid,
    indexUid: t.indexUid,
    status: t.status,
    type: t.type,
    canceledBy: null,
    details: {},
    error: t.status === 'failed' ? t.error : null,
    duration: t.status === 'succeeded' || t.status === 'failed' ? 'PT0.001S' : null,
    enqueuedAt: t.enqueuedAt,
    startedAt: t.status === 'enqueued' ? null : t.enqueuedAt,
    finishedAt: t.status === 'succeeded' || t.status === 'failed' ? new Date().toISOString() : null,
  });

  const error = (res: ServerResponse, status: number, code: string, message: string, path: string) => {
    violations.push(`${path}: ${code}: ${message}`);
    send(res, status, { message, code, type: 'invalid_request', link: `https://docs.meilisearch.com/errors#${code}` });
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    requests.push(`${req.method} ${path}`);
    const body = await readJson(req);
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return error(res, 401, 'missing_authorization_header', 'The Authorization header is missing or wrong', path);
    }
    if (
      req.method !== 'GET' &&
      body !== undefined &&
      !(req.headers['content-type'] ?? '').includes('application/json')
    ) {
      return error(res, 415, 'invalid_content_type', 'The Content-Type header must be application/json', path);
    }
    let m: RegExpMatchArray | null;
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'available' });
    if (req.method === 'GET' && (m = path.match(/^\/tasks\/(\d+)$/))) {
      const task = tasks.get(Number(m[1]));
      if (!task) return error(res, 404, 'task_not_found', `Task \`${m[1]}\` not found.`, path);
      advance(task);
      return send(res, 200, view(task));
    }
    if (req.method === 'POST' && path === '/indexes') {
      const { uid, primaryKey } = body as { uid?: string; primaryKey?: string };
      if (typeof uid !== 'string' || !/^[a-zA-Z0-9_-]{1,400}$/.test(uid))
        return error(res, 400, 'invalid_index_uid', 'bad uid', path);
      const exists = indexes.has(uid);
      const task = enqueue(uid, 'indexCreation', () => {
        if (!indexes.has(uid)) indexes.set(uid, { uid, primaryKey: primaryKey ?? 'id', docs: new Map(), settings: {} });
      });
      if (exists)
        task.error = {
          code: 'index_already_exists',
          message: `Index \`${uid}\` already exists.`,
          type: 'invalid_request',
          link: '',
        };
      return send(res, 202, summary(task));
    }
    if (!(m = path.match(/^\/indexes\/([^/]+)(\/.*)?$/)))
      return error(res, 404, 'not_found', `no route ${req.method} ${path}`, path);
    const uid = decodeURIComponent(m[1]!);
    const rest = m[2] ?? '';
    const index = indexes.get(uid);
    // Documents may be added to a missing index (Meilisearch creates it); everything else needs it.
    if (!index && !(req.method === 'POST' && rest === '/documents')) {
      return error(res, 404, 'index_not_found', `Index \`${uid}\` not found.`, path);
    }

    if (req.method === 'PATCH' && rest === '/settings') {
      const unknown = Object.keys(body as object).filter((k) => !SETTINGS_KEYS.has(k));
      if (unknown.length) return error(res, 400, 'bad_request', `Unknown field \`${unknown[0]}\``, path);
      const task = enqueue(uid, 'settingsUpdate', () => Object.assign(index!.settings, body));
      return send(res, 202, summary(task));
    }
    if (req.method === 'GET' && rest === '/stats') {
      return send(res, 200, { numberOfDocuments: index!.docs.size, isIndexing: false, fieldDistribution: {} });
    }
    if (req.method === 'POST' && rest === '/documents') {
      if (!Array.isArray(body)) return error(res, 400, 'malformed_payload', 'documents must be an array', path);
      const primaryKey = url.searchParams.get('primaryKey') ?? index?.primaryKey ?? 'id';
      const task = enqueue(uid, 'documentAdditionOrUpdate', () => {
        const ix = indexes.get(uid) ?? { uid, primaryKey, docs: new Map(), settings: {} };
        indexes.set(uid, ix);
        for (const d of body as Doc[]) ix.docs.set(String(d[primaryKey]), d);
      });
      if (
        (body as Doc[]).some(
          (d) => typeof d[primaryKey] !== 'string' || !/^[a-zA-Z0-9_-]{1,511}$/.test(d[primaryKey] as string),
        )
      ) {
        task.error = { code: 'invalid_document_id', message: 'invalid document id', type: 'invalid_request', link: '' };
      }
      return send(res, 202, summary(task));
    }
    if (req.method === 'POST' && rest === '/documents/delete-batch') {
      if (!Array.isArray(body)) return error(res, 400, 'malformed_payload', 'ids must be an array', path);
      const task = enqueue(uid, 'documentDeletion', () => {
        for (const id of body as string[]) index!.docs.delete(String(id));
      });
      return send(res, 202, summary(task));
    }
    if (req.method === 'POST' && rest === '/search') {
      const b = (body ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(b).filter((k) => !SEARCH_KEYS.has(k));
      if (unknown.length) return error(res, 400, 'bad_request', `Unknown field \`${unknown[0]}\``, path);
      try {
        return send(res, 200, search(index!, b));
      } catch (err) {
        const e = err as { code: string; message: string };
        return error(res, 400, e.code, e.message, path);
      }
    }
    return error(res, 404, 'not_found', `no route ${req.method} ${path}`, path);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    violations,
    settings: (uid) => indexes.get(uid)?.settings,
    failNextTask(code, message) {
      failNext = { code, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (chunks.length === 0) return undefined;
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const invalid = (code: string, message: string) => Object.assign(new Error(message), { code });

/** Meilisearch filter syntax, the subset of it: `attr OP value` joined by AND. */
function parseFilter(filter: string, filterable: string[]): ((d: Doc) => boolean)[] {
  const clause = /^\s*([A-Za-z_][\w.]*)\s*(=|!=|>=|<=|>|<)\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)\s*$/;
  return filter.split(/\s+AND\s+/).map((part) => {
    const m = part.match(clause);
    if (!m) throw invalid('invalid_search_filter', `cannot parse filter \`${part}\``);
    const [, field, op, raw] = m as unknown as [string, string, string, string];
    if (!filterable.includes(field)) {
      throw invalid(
        'invalid_search_filter',
        `Attribute \`${field}\` is not filterable. Available filterable attributes are: ${filterable.join(', ')}.`,
      );
    }
    const value: unknown = raw.startsWith('"')
      ? JSON.parse(raw)
      : raw === 'true' || raw === 'false'
        ? raw
        : Number(raw);
    return (d: Doc) => {
      const v = d[field];
      const values = Array.isArray(v) ? v : [v];
      return values.some((x) => {
        if (op === '=') return String(x) === String(value);
        if (op === '!=') return String(x) !== String(value);
        const n = Number(x);
        const w = Number(value);
        return op === '>=' ? n >= w : op === '<=' ? n <= w : op === '>' ? n > w : n < w;
      });
    };
  });
}

function search(index: Index, b: Record<string, unknown>) {
  const s = index.settings as {
    searchableAttributes?: string[];
    filterableAttributes?: string[];
    sortableAttributes?: string[];
    typoTolerance?: { minWordSizeForTypos?: { oneTypo?: number; twoTypos?: number } };
    pagination?: { maxTotalHits?: number };
  };
  const filterable = s.filterableAttributes ?? [];
  const sortable = s.sortableAttributes ?? [];
  const searchable = s.searchableAttributes ?? [];
  const filters = typeof b.filter === 'string' ? parseFilter(b.filter, filterable) : [];
  const facets = (b.facets as string[] | undefined) ?? [];
  for (const f of facets)
    if (!filterable.includes(f)) throw invalid('invalid_search_facets', `Attribute \`${f}\` is not filterable.`);
  const sort = ((b.sort as string[] | undefined) ?? []).map((x) => {
    const [field, order] = x.split(':') as [string, string];
    if (!sortable.includes(field)) throw invalid('invalid_search_sort', `Attribute \`${field}\` is not sortable.`);
    return { field, order };
  });
  const one = s.typoTolerance?.minWordSizeForTypos?.oneTypo ?? 5;
  const two = s.typoTolerance?.minWordSizeForTypos?.twoTypos ?? 9;
  const words = String(b.q ?? '')
    .split(/\s+/)
    .filter((w) => w !== '');
  const wordMatches = (doc: Doc, word: string, last: boolean): boolean => {
    const budget = /^[a-z0-9]+$/.test(word) ? (word.length >= two ? 2 : word.length >= one ? 1 : 0) : 0;
    return searchable.some((attr) =>
      String(doc[attr] ?? '')
        .split(' ')
        .some(
          (t) => t === word || (last && t.startsWith(word)) || (budget > 0 && editDistance(word, t, budget) <= budget),
        ),
    );
  };
  let hits = [...index.docs.values()].filter((d) => filters.every((f) => f(d)));
  if (words.length) hits = hits.filter((d) => wordMatches(d, words[0]!, words.length === 1));
  if (sort.length) {
    hits.sort((x, y) => {
      for (const { field, order } of sort) {
        const a = x[field] as string | number;
        const c = y[field] as string | number;
        if (a !== c) return (a < c ? -1 : 1) * (order === 'desc' ? -1 : 1);
      }
      return 0;
    });
  }
  const max = s.pagination?.maxTotalHits ?? 1000;
  hits = hits.slice(0, max);
  const facetDistribution: Record<string, Record<string, number>> = {};
  for (const f of facets) {
    const counts: Record<string, number> = {};
    for (const d of hits) {
      const v = d[f];
      for (const x of Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v])
        counts[String(x)] = (counts[String(x)] ?? 0) + 1;
    }
    facetDistribution[f] = counts;
  }
  const offset = Number(b.offset ?? 0);
  const limit = Number(b.limit ?? 20);
  const retrieve = b.attributesToRetrieve as string[] | undefined;
  return {
    hits: hits
      .slice(offset, offset + limit)
      .map((d) => (retrieve ? Object.fromEntries(retrieve.map((k) => [k, d[k]])) : d)),
    query: String(b.q ?? ''),
    processingTimeMs: 0,
    limit,
    offset,
    estimatedTotalHits: hits.length,
    ...(facets.length ? { facetDistribution } : {}),
  };
}
