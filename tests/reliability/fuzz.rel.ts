/**
 * Part 1 — input fuzzing from the API's own description. The combined OpenAPI document of a county
 * with every service drives, for every operation, generated requests: valid by the schemas, and
 * invalid in one named way each (wrong types, missing and unknown fields, out-of-range numbers,
 * overlong and odd Unicode strings, malformed JSON, wrong content types, bad path and query values).
 * Fails on a 5xx, on an answer that does not match the documented response (problem+json for 4xx),
 * and on an invalid request accepted.
 */
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import t from 'tap';
import { pool, startCounty } from './support/county.ts';
import { printFigures } from './support/figures.ts';
import { type Case, type Operation, casesFor, operations } from './support/fuzz-cases.ts';
import { SIDE, type World, buildWorld } from './support/fixtures.ts';
import { KNOWN_FUZZ_DEFECTS } from './support/known-defects.ts';

const CASES = Number(process.env.TONGXIN_FUZZ_CASES ?? 100);
const CONCURRENCY = Number(process.env.TONGXIN_FUZZ_CONCURRENCY ?? 4);
const SEED = Number(process.env.TONGXIN_FUZZ_SEED ?? Date.now() % 1_000_000);
/** Statuses every operation may answer (ADR 0005: codes shared by all services), documented once. */
const SHARED = new Set(['400', '401', '403', '404', '413', '415', '429']);

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: false, validateFormats: true }));

const stack = await startCounty();
t.teardown(() => stack.stop());
const world = await buildWorld(stack.api);
const doc = (await stack.api.get('/docs/json')).body;
const ops = operations(doc);

/** Ids of records that exist, by parameter and path, so that valid requests reach real records. */
function idFor(w: World): (param: string, path: string) => string | undefined {
  return (param, path) => {
    if (param === 'memberId') return w.partyMembers.a;
    if (param === 'jobId') return undefined;
    if (param === 'villageCode') return SIDE.a.village;
    if (param === 'openingId') return w.openings.o1;
    if (param === 'ledger') return ['registry', 'services', 'incomes', 'party'][Math.floor(Math.random() * 4)];
    const resource = path.split('/')[3];
    const byResource: Record<string, string | undefined> = {
      workers: w.workers.a.id,
      employers: w.employers.e1,
      openings: w.openings.o1,
      'recruitment-intents': w.intents.i1,
      courses: w.course,
      batches: w.batch,
      enrollments: w.enrollments.a,
      applications: w.applications.pendingA,
      placements: w.placements.a,
      subsidies: w.subsidies.a,
      'party-groups': w.partyGroups.a,
      households: w.households.a,
    };
    return byResource[resource ?? ''];
  };
}

interface Outcome {
  op: string;
  c: Case;
  status: number;
  failure?: { kind: string; detail: string };
}

const validators = new Map<unknown, ReturnType<typeof ajv.compile>>();
function validate(schema: object, body: unknown): string | undefined {
  let v = validators.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    validators.set(schema, v);
  }
  return v(body) ? undefined : ajv.errorsText(v.errors);
}

/** Names the input class behind a 5xx, so that one defect is one group whichever operation shows it. */
function causeOf(c: Case): string {
  try {
    decodeURIComponent(c.path);
  } catch {
    return ': undecodable URL';
  }
  if (/%00/.test(c.path)) return ': NUL in the query';
  if (typeof c.body === 'string' && c.body.includes('\\u0000')) return ': NUL in the body';
  if (typeof c.body === 'string' && /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/.test(c.body))
    return ': lone surrogate in the body';
  return '';
}

/** A known defect for a failure group: by operation, or for every operation (`*`). */
const knownDefect = (op: string, kind: string): string | undefined =>
  KNOWN_FUZZ_DEFECTS[`${op} | ${kind}`] ?? KNOWN_FUZZ_DEFECTS[`* | ${kind}`];

function judge(
  op: Operation,
  c: Case,
  status: number,
  contentType: string,
  text: string,
  retryAfter: string | null,
): Outcome['failure'] {
  if (status >= 500) return { kind: `5xx${causeOf(c)}`, detail: `${status} ${text.slice(0, 200)}` };
  if (!c.valid && status < 300) return { kind: 'invalid accepted', detail: `${c.mutation} → ${status}` };
  const documented = op.responses[String(status)];
  if (status >= 400) {
    if (!documented && !SHARED.has(String(status)))
      return { kind: 'undocumented status', detail: `${status} ${text.slice(0, 160)}` };
    if (!contentType.startsWith('application/problem+json'))
      return { kind: 'not problem+json', detail: `${status} ${contentType}` };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { kind: 'response schema', detail: `${status}: body is not JSON` };
    }
    const problem = documented?.schema ?? op.responses['400']?.schema;
    const err = problem ? validate(problem, body) : undefined;
    if (err) return { kind: 'response schema', detail: `${status}: ${err}` };
    if ((status === 429 || status === 503) && !retryAfter) return { kind: 'no Retry-After', detail: String(status) };
    return undefined;
  }
  if (!documented) return { kind: 'undocumented status', detail: `${status}` };
  if (!documented.schema) return undefined; // a file download: no JSON to check
  if (!contentType.includes('json')) return { kind: 'response content type', detail: `${status} ${contentType}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'response schema', detail: `${status}: body is not JSON` };
  }
  const err = validate(documented.schema, body);
  return err ? { kind: 'response schema', detail: `${status}: ${err}` } : undefined;
}

const SOCKET_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EADDRNOTAVAIL', 'EPIPE', 'UND_ERR_SOCKET']);
/** A connection-level failure (no answer began), as opposed to a timeout. */
const socketLevel = (err: Error): boolean =>
  SOCKET_ERRORS.has(String((err as Error & { cause?: { code?: string } }).cause?.code ?? ''));
let socketRetries = 0;

t.test(`every operation × ${CASES} generated requests (seed ${SEED})`, async (t) => {
  const started = Date.now();
  const ids = idFor(world);
  const jobs = ops.flatMap((op, i) => casesFor(op, CASES, SEED + i * 7919, ids).map((c) => ({ op, c })));
  const outcomes = await pool(jobs, CONCURRENCY, async ({ op, c }): Promise<Outcome> => {
    const headers: Record<string, string> = { authorization: `Bearer ${world.tokens.admin}` };
    if (c.contentType) headers['content-type'] = c.contentType;
    const send = () =>
      fetch(stack.api.baseUrl + c.path, {
        method: op.method,
        headers,
        ...(c.body !== undefined ? { body: c.body } : {}),
        signal: AbortSignal.timeout(30_000),
      }).catch((err: Error) => err);
    let res = await send();
    // A socket that failed before any answer (reset, refused, out of local ports) says nothing of the
    // server's handling of this input: try once more on a new connection, and count it.
    if (res instanceof Error && socketLevel(res)) {
      socketRetries++;
      res = await send();
    }
    const name = `${op.method} ${op.path}`;
    if (res instanceof Error) {
      const cause = (res as Error & { cause?: { code?: string; message?: string } }).cause;
      const detail = cause ? `${res.message}: ${cause.code ?? ''} ${cause.message ?? ''}`.trim() : res.message;
      return { op: name, c, status: 0, failure: { kind: 'no answer', detail } };
    }
    const text = await res.text();
    const failure = judge(
      op,
      c,
      res.status,
      res.headers.get('content-type') ?? '',
      text,
      res.headers.get('retry-after'),
    );
    return { op: name, c, status: res.status, ...(failure ? { failure } : {}) };
  });

  const byOp = new Map<string, Outcome[]>();
  for (const o of outcomes) byOp.set(o.op, [...(byOp.get(o.op) ?? []), o]);
  const failed = outcomes.filter((o) => o.failure);
  const groups = new Map<string, Outcome[]>();
  const known = new Map<string, string | undefined>();
  for (const o of failed) {
    const key = `${o.op} | ${o.failure!.kind}`;
    known.set(key, knownDefect(o.op, o.failure!.kind));
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const kinds: Record<string, number> = {};
  for (const o of failed) kinds[o.failure!.kind] = (kinds[o.failure!.kind] ?? 0) + 1;
  const details: string[] = [];
  for (const [key, list] of groups) {
    const defect = known.get(key);
    const first = list[0]!;
    details.push(
      `${defect ? 'TODO' : 'FAIL'} ${key}: ${list.length}× e.g. ${first.c.mutation} ${first.c.path.slice(0, 120)} ${String(first.c.body ?? '').slice(0, 120)} → ${first.failure!.detail.slice(0, 240)}${defect ? ` [${defect.slice(0, 3)}]` : ''}`,
    );
  }
  const valid = outcomes.filter((o) => o.c.valid).length;
  const accepted = outcomes.filter((o) => o.c.valid && o.status < 300).length;
  printFigures(
    'fuzz',
    {
      operations: byOp.size,
      cases: outcomes.length,
      valid,
      invalid: outcomes.length - valid,
      validAccepted: accepted,
      failures: failed.length,
      failuresOfKnownDefects: failed.filter((o) => knownDefect(o.op, o.failure!.kind)).length,
      byKind: kinds,
      socketRetries,
      seed: SEED,
      seconds: Math.round((Date.now() - started) / 1000),
    },
    details,
  );
  t.equal(byOp.size, ops.length, `${ops.length} operations × ${CASES} cases`);
  for (const [key, list] of groups) {
    const defect = known.get(key);
    const first = list[0]!;
    const msg = `${key}: ${list.length} case(s), e.g. ${first.c.mutation} → ${first.failure!.detail.slice(0, 200)}`;
    if (defect) t.fail(msg, { todo: defect });
    else t.fail(msg);
  }
  t.pass(`${outcomes.length} requests, ${failed.length} failures`);
});
