export { buildServiceApp, ProblemSchema, type ServiceApp, type ServiceAppOptions } from './app.ts';
export { runService, type RunOptions } from './server.ts';
export { ServiceMetrics, type GaugeSample, listenMetrics, registerMetricsRoute } from './metrics.ts';
export { BaseConfig, ConfigError, loadConfig } from './config.ts';
export { createLogger, loggableUrl, maskPersonalNumbers } from './logger.ts';
export { principalOf } from './authentication.ts';
export { type ReadinessCheck, type ReadinessDetails } from './health.ts';
export { sendProblem, toProblem } from './problem-handler.ts';
export {
  type MessageTable,
  type ProblemLanguage,
  fieldMessageZh,
  localizeProblem,
  problemLanguage,
  renderMessage,
} from './problem-language.ts';
export {
  ProblemError,
  type FieldError,
  type ProblemOptions,
  badRequest,
  conflict,
  forbidden,
  invalidField,
  invalidFields,
  notFound,
  unauthorized,
} from './errors.ts';
export { IdParams, problemResponses, routeGroup, type RouteOptions, type RouteSpec } from './route-schemas.ts';
export { StrictObject, literals } from './schemas.ts';
export { WorklistCounts, WorklistItem, byUrgency } from './worklist.ts';
export {
  ListQuery,
  Page,
  PageQuery,
  type SeqWindow,
  bySeq,
  decodeNumericCursor,
  encodeCursor,
  pageBySeq,
  pageOf,
} from './pagination.ts';
export { idempotencyMigrationSql, registerIdempotency } from './idempotency.ts';
export { composeService, type ComposeOptions, type CoreTokens } from './compose.ts';
export { ServiceContext } from './service-context.ts';
export { FreshRuns } from './fresh-runs.ts';
export { GroupCommit, type Outcome } from './group-commit.ts';
export { KeptWhileUnchanged } from './kept-while-unchanged.ts';
export {
  ServiceRuntime,
  platformMigrations,
  type ConsumerLag,
  type ConsumerOptions,
  type RuntimeOptions,
} from './runtime.ts';
export { createBus, type BusSettings } from './bus.ts';
export { SESSIONS_REVOKED, SessionRevocations, type SessionsRevoked, sessionsMigrationSql } from './sessions.ts';
export { COUNTY_UTC_OFFSET_MINUTES, CountyCalendar } from './calendar.ts';
export { type PeriodicJob, type PeriodicOptions, registerPeriodicJobs, startPeriodic } from './periodic.ts';
export { registerTracing, startTracing, traceHeaders, withConsumerSpan, withConsumerSpans } from './tracing.ts';
export {
  XLSX,
  attachment,
  type ReportColumn,
  type ReportSheet,
  reportSheet,
  reportWorkbook,
  sendWorkbook,
} from './spreadsheet.ts';
