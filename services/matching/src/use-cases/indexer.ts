import { CountyCalendar } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { FastifyBaseLogger } from 'fastify';
import type { MatchStore } from '../domain/match-store.ts';
import { type OpeningTerms, openingDocument, openingTerms, workerDocument } from '../domain/search-documents.ts';
import type { IndexName, SearchDocument, SearchEngine } from '../search/search-engine.ts';
import type { Clock } from '../tokens.ts';

const BATCH = 1000;

/**
 * Feeds the search engine from the in-memory read model. Changes are queued per document id
 * (the latest wins) and written in batches in the background, so a consumer never waits for
 * the engine; a failed write stays queued and is retried. It also keeps the search terms of
 * each published opening for the engine-independent re-ranking.
 */
export class Indexer {
  readonly terms = new Map<string, OpeningTerms>();
  readonly #pending: Record<IndexName, Map<string, SearchDocument | null>> = {
    openings: new Map(),
    workers: new Map(),
  };
  #flushing: Promise<void> | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly store: MatchStore,
    private readonly engine: SearchEngine,
    private readonly taxonomy: Taxonomy,
    private readonly logger: FastifyBaseLogger,
    private readonly clock: Clock,
    private readonly calendar: CountyCalendar = new CountyCalendar(),
  ) {}

  /** An opening changed (or its employer did): index it while published, remove it otherwise. */
  opening(id: string): void {
    const entry = this.store.openings.get(id);
    const today = this.calendar.dateOf(this.clock());
    if (entry && this.store.isPublished(entry.snap, today)) {
      const terms = openingTerms(this.taxonomy, entry);
      this.terms.set(id, terms);
      this.#pending.openings.set(id, openingDocument(this.taxonomy, entry, terms));
    } else {
      this.terms.delete(id);
      this.#pending.openings.set(id, null);
    }
    this.#schedule();
  }

  employer(id: string): void {
    for (const openingId of this.store.openingIdsOfEmployer(id)) this.opening(openingId);
  }

  worker(id: string): void {
    const entry = this.store.workers.get(id);
    this.#pending.workers.set(id, entry ? workerDocument(this.taxonomy, entry) : null);
    this.#schedule();
  }

  /**
   * At start: the engine is rebuilt from the read model when its index is empty (a fresh
   * Meilisearch, or always for the in-process engine). Progress is logged per batch.
   */
  async reindexIfEmpty(): Promise<void> {
    const today = this.calendar.dateOf(this.clock());
    const published = [...this.store.openings.values()].filter((o) => this.store.isPublished(o.snap, today));
    for (const o of published) this.terms.set(o.snap.id, openingTerms(this.taxonomy, o));
    const jobs: [IndexName, () => SearchDocument[]][] = [
      ['openings', () => published.map((o) => openingDocument(this.taxonomy, o, this.terms.get(o.snap.id)!))],
      ['workers', () => [...this.store.workers.values()].map((w) => workerDocument(this.taxonomy, w))],
    ];
    for (const [index, build] of jobs) {
      const present = await this.engine.count(index);
      if (present > 0) {
        this.logger.info({ index, documents: present }, 'search index present; not rebuilt');
        continue;
      }
      const docs = build();
      if (docs.length === 0) continue;
      const started = Date.now();
      this.logger.info(
        { index, documents: docs.length, engine: this.engine.kind },
        'search index empty: re-indexing from the read model',
      );
      for (let i = 0; i < docs.length; i += BATCH) {
        await this.engine.upsert(index, docs.slice(i, i + BATCH));
        const done = Math.min(i + BATCH, docs.length);
        this.logger.info(
          { index, done, total: docs.length, percent: Math.round((100 * done) / docs.length) },
          're-indexing',
        );
      }
      this.logger.info({ index, documents: docs.length, ms: Date.now() - started }, 're-indexed');
    }
  }

  /** Resolves once everything queued so far is in the engine. */
  async drain(): Promise<void> {
    for (let attempt = 0; attempt < 20 && (this.#flushing || this.#hasPending()); attempt++) {
      await (this.#flushing ?? this.#flush());
    }
    if (this.#hasPending()) throw new Error('the search engine does not accept writes');
  }

  #hasPending(): boolean {
    return this.#pending.openings.size > 0 || this.#pending.workers.size > 0;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    await this.drain().catch((err: unknown) => this.logger.warn({ err }, 'search index writes abandoned at close'));
  }

  #schedule(): void {
    if (this.#flushing || this.#closed) return;
    this.#flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#flush());
  }

  async #flush(): Promise<void> {
    let ok = false;
    try {
      for (const index of ['openings', 'workers'] as const) {
        const pending = this.#pending[index];
        while (pending.size) {
          const batch = [...pending.entries()].slice(0, BATCH);
          for (const [id] of batch) pending.delete(id);
          const upserts = batch.flatMap(([, doc]) => (doc ? [doc] : []));
          const removals = batch.flatMap(([id, doc]) => (doc ? [] : [id]));
          try {
            await this.engine.upsert(index, upserts);
            await this.engine.remove(index, removals);
          } catch (err) {
            // Keep what failed unless a newer change for the same id arrived meanwhile.
            for (const [id, doc] of batch) if (!pending.has(id)) pending.set(id, doc);
            throw err;
          }
        }
      }
      ok = true;
    } catch (err) {
      this.logger.error({ err }, 'search index write failed; retrying in 1 s');
      if (!this.#closed) this.#retryTimer = setTimeout(() => this.#schedule(), 1000);
    } finally {
      this.#flushing = undefined;
      // Changes that arrived while this flush wrote another index.
      if (ok && this.#hasPending()) this.#schedule();
    }
  }
}
