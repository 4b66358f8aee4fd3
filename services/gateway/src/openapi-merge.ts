import type { ServiceName } from './route-table.ts';

type Doc = { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> }; tags?: unknown[] };

/**
 * Keeps the services' OpenAPI documents and merges their /api/v1 paths into the gateway's,
 * so /docs shows the one API a client sees. Refreshed in the background: a service that
 * starts late appears on a later refresh.
 */
export class OpenApiMerger {
  readonly #docs = new Map<ServiceName, Doc>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly urls: Partial<Record<ServiceName, string>>,
    private readonly fetchJson: (url: string) => Promise<unknown> = async (url) => (await fetch(url)).json(),
  ) {}

  async refresh(): Promise<void> {
    await Promise.all(
      Object.entries(this.urls).map(async ([name, url]) => {
        try {
          this.#docs.set(name as ServiceName, (await this.fetchJson(`${url}/docs/json`)) as Doc);
        } catch {
          // Not up yet; the next refresh tries again.
        }
      }),
    );
  }

  start(intervalMs = 15_000): void {
    void this.refresh();
    this.#timer = setInterval(() => void this.refresh(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  merge(own: Record<string, unknown>): Record<string, unknown> {
    const doc = own as Doc & Record<string, unknown>;
    const paths = { ...(doc.paths ?? {}) };
    const schemas = { ...(doc.components?.schemas ?? {}) };
    for (const d of this.#docs.values()) {
      for (const [p, item] of Object.entries(d.paths ?? {})) if (p.startsWith('/api/v1/')) paths[p] = item;
      Object.assign(schemas, d.components?.schemas ?? {});
    }
    return { ...doc, paths, components: { ...(doc.components ?? {}), schemas } };
  }
}
