import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  type ServiceApp,
  XLSX,
  localizeProblem,
  principalOf,
  problemLanguage,
  routeGroup,
  sendWorkbook,
  StrictObject,
} from '@tongxin/service-platform';
import { unsupportedUpload, uploadTooLarge } from '../errors.ts';
import { LEDGERS, LEDGER_TITLES, type Ledger } from './columns.ts';
import { SPREADSHEET_TYPES } from './sheet/upload.ts';
import type { ImportService } from './import-service.ts';
import { rejectedProblem } from './import-service.ts';
import type { LedgerExport } from './ledger-export.ts';
import { localizeReport } from './row-language.ts';

const route = routeGroup(['import and export'], [400, 401, 403, 404]);

const LedgerName = Type.Union(LEDGERS.map((l) => Type.Literal(l)));
const ImportQuery = StrictObject({
  ledger: Type.Optional(LedgerName),
  mode: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('valid-only')])),
});
const RowProblem = Type.Object({ row: Type.Integer(), column: Type.Optional(Type.String()), message: Type.String() });
const Report = Type.Object(
  {
    jobId: Type.String(),
    ledger: Type.String(),
    mode: Type.String(),
    status: Type.String(),
    fileName: Type.Optional(Type.String()),
    total: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    invalid: Type.Integer(),
    written: Type.Boolean(),
    errors: Type.Array(RowProblem),
    errorsTruncated: Type.Optional(Type.Boolean()),
    durationMs: Type.Integer(),
    rowsPerSecond: Type.Integer(),
    errorWorkbook: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
const Job = StrictObject({
  id: Type.String(),
  ledger: Type.String(),
  mode: Type.String(),
  status: Type.String(),
  phase: Type.Optional(Type.String()),
  fileName: Type.Optional(Type.String()),
  total: Type.Integer(),
  processed: Type.Integer(),
  createdAt: Type.String(),
  finishedAt: Type.Optional(Type.String()),
  report: Type.Optional(Type.Any()),
  problem: Type.Optional(Type.Any()),
});
const officers = { roles: ['officer' as const, 'admin' as const] };

/** Bodies up to this size are read to the end before being refused, so a proxy streaming them gets the 413. */
const DRAIN_LIMIT = 128 * 1024 * 1024;

/**
 * Collects the upload up to `max` bytes. A larger one keeps being read (and dropped) to its end,
 * so that the gateway, still streaming it, receives a 413 rather than a reset connection.
 */
function readLimited(
  payload: NodeJS.ReadableStream,
  max: number,
  done: (err: Error | null, body?: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  payload.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
    else if (size > DRAIN_LIMIT) (payload as NodeJS.ReadableStream & { destroy(): void }).destroy();
  });
  payload.on('error', (err) => done(err));
  payload.on('end', () => {
    if (size > max) {
      done(uploadTooLarge(max));
    } else done(null, Buffer.concat(chunks));
  });
}

/** Spreadsheet import (xlsx or csv, raw or multipart), its jobs and templates, and ledger exports. */
export async function importExportRoutes(
  app: ServiceApp,
  imports: ImportService,
  exporter: LedgerExport,
  maxBytes: number,
): Promise<void> {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    // Only this route takes files; elsewhere a spreadsheet body stays an unsupported media type.
    scope.addContentTypeParser(['multipart/form-data', ...SPREADSHEET_TYPES], (_req, payload, done) =>
      readLimited(payload, maxBytes, done),
    );
    scope.post(
      '/api/v1/workers/import',
      {
        ...route(
          'Import a ledger from xlsx or csv (raw body or multipart field "file"); 200 report, 422 when rows are invalid (nothing written), 202 job for long imports or with Prefer: respond-async',
          { 200: Report, 202: Job },
          { roles: ['officer', 'admin'], querystring: ImportQuery, problems: [413, 415, 422, 429] },
        ),
        bodyLimit: DRAIN_LIMIT,
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw unsupportedUpload(XLSX);
        }
        const ledger = (request.query.ledger ?? 'registry') as Ledger;
        const r = await imports.start(
          principalOf(request),
          ledger,
          request.query.mode ?? 'all',
          request.headers['content-type'],
          request.body,
          /respond-async/i.test(String(request.headers.prefer ?? '')),
        );
        if (!r.done) return reply.status(202).header('location', `/api/v1/workers/import/${r.job.id}`).send(r.job);
        const report = localizeReport(r.report, problemLanguage(request));
        if (report.status === 'rejected') throw rejectedProblem(report);
        return report;
      },
    );
  });

  app.get(
    '/api/v1/workers/import/template',
    {
      config: officers,
      schema: {
        tags: ['import and export'],
        summary: 'An empty xlsx with the Chinese headers of a ledger',
        querystring: StrictObject({ ledger: Type.Optional(LedgerName) }),
      },
    },
    async (request, reply) => {
      const ledger = (request.query.ledger ?? 'registry') as Ledger;
      const body = await exporter.template(ledger, principalOf(request));
      return sendWorkbook(reply, body, `${LEDGER_TITLES[ledger]}模板.xlsx`, `${ledger}-template.xlsx`);
    },
  );

  app.get(
    '/api/v1/workers/import/:jobId',
    route(
      'An import job: progress (processed of total) and, when done, its report',
      { 200: Job },
      { roles: ['officer', 'admin'], params: Type.Object({ jobId: Type.String({ format: 'uuid' }) }) },
    ),
    async (request) => {
      const { createdBy: _c, ...job } = await imports.get(principalOf(request), request.params.jobId);
      const language = problemLanguage(request);
      return {
        ...job,
        ...(job.report ? { report: localizeReport(job.report, language) } : {}),
        ...(job.problem
          ? { problem: { ...job.problem, detail: localizeProblem({ title: '', ...job.problem }, language).detail } }
          : {}),
      };
    },
  );

  app.get(
    '/api/v1/workers/import/:jobId/errors.xlsx',
    route(
      'The upload of an import with refused rows, its refused cells marked (red, with a note) and a 错误说明 column, to correct and upload again (the importing officer or an administrator; audited)',
      {},
      { roles: ['officer', 'admin'], params: Type.Object({ jobId: Type.String({ format: 'uuid' }) }) },
    ),
    async (request, reply) => {
      const id = request.params.jobId;
      const body = await imports.errorWorkbook(principalOf(request), id, request.id);
      return sendWorkbook(reply, body, `导入错误-${id.slice(0, 8)}.xlsx`, `import-errors-${id}.xlsx`);
    },
  );

  app.get(
    '/api/v1/ledgers/:ledger/export',
    {
      config: officers,
      schema: {
        tags: ['import and export'],
        summary: 'Export a ledger of a village or township as xlsx (full ID numbers, audited)',
        params: Type.Object({ ledger: LedgerName }),
        querystring: StrictObject({
          village: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
          township: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
        }),
      },
    },
    async (request, reply) => {
      const ledger = request.params.ledger as Ledger;
      const file = await exporter.export(principalOf(request), ledger, request.query, request.id);
      const region = request.query.village ?? request.query.township ?? '';
      return sendWorkbook(
        reply,
        file.body,
        `${LEDGER_TITLES[ledger]}${region ? `-${region}` : ''}.xlsx`,
        file.fileName,
      );
    },
  );
}
