import replyFrom from '@fastify/reply-from';
import { type ServiceApp, sendProblem, traceHeaders } from '@tongxin/service-platform';
import { bodyTooLarge, malformedUrl, routeNotFound, serviceUnavailable } from '../errors.ts';
import { type ServiceName, serviceFor } from '../route-table.ts';

const JSON_LIMIT = 1024 * 1024;
const UPLOAD_LIMIT = 60 * 1024 * 1024;

/** Spreadsheet uploads may be large; everything else is JSON and small. Refused here, before streaming. */
function bodyLimitFor(contentType: string | undefined): number {
  return /multipart|spreadsheet|csv|octet-stream/.test(contentType ?? '') ? UPLOAD_LIMIT : JSON_LIMIT;
}

/**
 * Forwards /api/v1 to the owning service with the caller's token; the services decide
 * authorization themselves, so a service reached directly is no weaker than through here.
 */
export async function proxyRoutes(app: ServiceApp, urls: Partial<Record<ServiceName, string>>): Promise<void> {
  await app.register(replyFrom, {
    undici: { connections: 64, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 120_000 },
  });
  await app.register(async (scope) => {
    // Bodies stream through untouched (JSON, spreadsheets); the service parses and limits them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.all(
      '/api/v1/*',
      { config: { public: true }, schema: { hide: true }, bodyLimit: UPLOAD_LIMIT },
      async (request, reply) => {
        const service = serviceFor(request.url);
        const base = service ? urls[service] : undefined;
        if (!service) {
          return sendProblem(reply, request, routeNotFound(request.method, request.url));
        }
        // The upstream client decodes the URL; one that cannot be decoded is the caller's error.
        try {
          decodeURIComponent(request.url);
        } catch {
          return sendProblem(reply, request, malformedUrl());
        }
        const length = Number(request.headers['content-length'] ?? 0);
        if (length > bodyLimitFor(request.headers['content-type'])) {
          return sendProblem(reply, request, bodyTooLarge());
        }
        if (!base) {
          reply.header('retry-after', '30');
          return sendProblem(reply, request, serviceUnavailable(`the ${service} service is not running`));
        }
        return reply.from(base + request.url, {
          // A service's 503 (overloaded, or matching catching up: ADR 0019) goes to the caller with its
          // Retry-After. reply-from would otherwise re-ask at once, up to 10 times, reading the header's
          // seconds as milliseconds: eleven upstream requests exactly when the service is busiest.
          retryDelay: () => null,
          rewriteRequestHeaders: (_req, headers) => ({
            ...headers,
            'x-request-id': request.id,
            'x-forwarded-for': request.ip,
            // The service's span continues the gateway's (W3C traceparent; nothing when not tracing).
            ...traceHeaders(),
          }),
          onError: (r, { error }) => {
            request.log.warn({ err: error, service }, 'upstream failed');
            r.header('retry-after', '5');
            sendProblem(
              r as never,
              request,
              serviceUnavailable(`the ${service} service did not answer; retry shortly`, { cause: error }),
            );
          },
        });
      },
    );
  });
}
