import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import t from 'tap';
import ts from 'typescript';

/**
 * The compiler holds producers and consumers to the event contracts: snippets that use the real
 * `createEvent`, `Outbox.add` and `ServiceRuntime.consume` are compiled against the generated types
 * (with the repository's compiler options and workspace resolution), and each must fail where a
 * payload disagrees with its schema, naming the field.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');

const PRELUDE = `
import { type EventPayload, type Outbox, createCloudEvent, createEvent } from '@tongxin/events';
import type { ServiceRuntime } from '@tongxin/service-platform';
import type pg from 'pg';
declare const outbox: Outbox;
declare const runtime: ServiceRuntime;
declare const tx: pg.PoolClient;
declare const employer: EventPayload<'employer.verified'>['employer'];
const source = '/tongxin/test';
const subject = 'x';
`;

/** One module per case, so that each case's diagnostics are its own. */
const SNIPPETS: Record<string, string> = {
  correct: `
await outbox.add(tx, createEvent({ type: 'employer.registered', source, subject, data: { employer, registeredBy: 'a-1' } }));
await outbox.add(tx, createEvent({ type: 'training.failed', source, subject,
  data: { enrollmentId: 'e', workerId: 'w', courseId: 'c', batchId: 'b', at: '2026-01-01T00:00:00Z' } }));
// Several types with one payload shape may share one producer.
const type = Math.random() > 0.5 ? 'employer.verified' : 'employer.suspended';
await outbox.add(tx, createEvent({ type, source, subject, data: { employer } }));
await runtime.consume({
  name: 'placements',
  topics: ['tongxin.placement'],
  types: ['placement.hired', 'placement.separated'],
  handle: async (event) => {
    const openingId: string = event.data.placement.openingId;
    if (event.type === 'placement.separated') {
      const separatedAt: string = event.data.separatedAt;
      void separatedAt;
    }
    void openingId;
  },
});
// Bulk types reach apply together; handle sees only the other types, so it reads their fields unchecked.
await runtime.consume({
  name: 'workers',
  topics: ['tongxin.worker'],
  types: ['worker.registered', 'worker.updated', 'worker.skills-changed'],
  handle: async (event) => {
    const workerId: string = event.data.workerId;
    void workerId;
  },
  bulk: {
    types: ['worker.registered', 'worker.updated'],
    apply: async (events) => {
      const ids: string[] = events.map((e) => e.data.worker.id);
      void ids;
    },
  },
});
`,
  bulkTypeNotConsumed: `
await runtime.consume({
  name: 'workers',
  topics: ['tongxin.worker'],
  types: ['worker.registered'],
  handle: async () => {},
  bulk: { types: ['worker.registered', 'worker.updated'], apply: async () => {} },
});
`,
  missingField: `
await outbox.add(tx, createEvent({ type: 'employer.registered', source, subject, data: { employer } }));
`,
  wrongFieldType: `
await outbox.add(tx, createEvent({ type: 'employer.registered', source, subject, data: { employer, registeredBy: 42 } }));
`,
  wrongNestedFieldType: `
await outbox.add(tx, createEvent({ type: 'employer.verified', source, subject, data: { employer: { ...employer, version: '3' } } }));
`,
  unknownField: `
await outbox.add(tx, createEvent({ type: 'employer.verified', source, subject, data: { employer, verifiedBy: 'a-1' } }));
`,
  otherTypesPayload: `
// One of two types whose payloads differ: the suspension's payload must not travel as a registration.
const type = Math.random() > 0.5 ? 'employer.registered' : 'employer.suspended';
await outbox.add(tx, createEvent({ type, source, subject, data: { employer, reason: 'r' } }));
`,
  outboxLooseEvent: `
// An envelope built without the contracts is still held to them by Outbox.add.
await outbox.add(tx, createCloudEvent({ type: 'training.failed', source, subject,
  data: { enrollmentId: 'e', workerId: 'w', courseId: 'c', at: '2026-01-01T00:00:00Z' } }));
`,
  consumerUnknownField: `
await runtime.consume({
  name: 'placements',
  topics: ['tongxin.placement'],
  types: ['placement.hired'],
  handle: async (event) => {
    void event.data.placement.salary;
  },
});
`,
  consumerOtherTypesField: `
await runtime.consume({
  name: 'placements',
  topics: ['tongxin.placement'],
  types: ['placement.hired', 'placement.separated'],
  handle: async (event) => {
    // Only placement.separated carries separatedAt: reading it needs the type checked first.
    void event.data.separatedAt;
  },
});
`,
  consumerWrongFieldType: `
await runtime.consume({
  name: 'sessions',
  topics: ['tongxin.account'],
  types: ['account.sessions-revoked'],
  handle: async (event) => {
    const tokenVersion: string = event.data.tokenVersion;
    void tokenVersion;
  },
});
`,
};

interface Problem {
  /** The source text the diagnostic points at. */
  at: string;
  message: string;
}

async function compile(): Promise<Map<string, Problem[]>> {
  // Inside the repository, so that `@tongxin/*` resolve through the workspace; a dot directory, which
  // the repository's tsconfig globs skip should it outlive a crash.
  const dir = join(ROOT, 'packages', 'events', 'test', `.typed-contracts-${randomUUID()}`);
  await mkdir(dir);
  try {
    const files = Object.keys(SNIPPETS).map((name) => join(dir, `${name}.ts`));
    await Promise.all(
      Object.entries(SNIPPETS).map(([name, body]) =>
        writeFile(join(dir, `${name}.ts`), `${PRELUDE}${body}export {};\n`),
      ),
    );
    const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const program = ts.createProgram(files, options);
    const problems = new Map<string, Problem[]>();
    for (const file of files) {
      const source = program.getSourceFile(file);
      if (!source) throw new Error(`${relative(ROOT, file)} was not compiled`);
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      problems.set(
        file.slice(dir.length + 1, -3),
        diagnostics.map((d) => ({
          at: d.start === undefined ? '' : source.text.slice(d.start, d.start + (d.length ?? 0)),
          message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        })),
      );
    }
    return problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

t.test('tsc holds producers and consumers to the event schemas', async (t) => {
  const problems = await compile();
  const of = (name: string): Problem[] => problems.get(name) ?? [];
  /** Exactly one error, pointing at or naming `field`. */
  const rejects = (name: string, field: string, why: RegExp) => {
    const found = of(name);
    t.equal(found.length, 1, `${name}: one error`, { found });
    const [p] = found;
    t.ok(p && (p.at === field || p.message.includes(`'${field}'`)), `${name}: the error names ${field}`, { found });
    t.match(p?.message, why, `${name}: says why`);
  };

  t.same(of('correct'), [], 'a producer and a consumer that agree with the schemas compile');
  rejects('missingField', 'registeredBy', /Property 'registeredBy' is missing/);
  rejects('wrongFieldType', 'registeredBy', /Type 'number' is not assignable to type 'string'/);
  rejects('wrongNestedFieldType', 'version', /Type 'string' is not assignable to type 'number'/);
  rejects('unknownField', 'verifiedBy', /'verifiedBy' does not exist/);
  rejects('otherTypesPayload', 'type', /not assignable/);
  rejects('outboxLooseEvent', 'batchId', /Property 'batchId' is missing/);
  rejects('consumerUnknownField', 'salary', /Property 'salary' does not exist on type 'PlacementSnapshot'/);
  rejects('consumerOtherTypesField', 'separatedAt', /Property 'separatedAt' does not exist/);
  rejects('consumerWrongFieldType', 'tokenVersion', /Type 'number' is not assignable to type 'string'/);
  rejects('bulkTypeNotConsumed', "'worker.updated'", /not assignable/);
});
