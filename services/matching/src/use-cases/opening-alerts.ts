import { type Outbox, type TongxinEvent, createEvent } from '@tongxin/events';
import type { CountyCalendar } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import type pg from 'pg';
import type { MatchStore } from '../domain/match-store.ts';
import { workersAboveThreshold } from '../domain/rank.ts';
import { matchesText, passesFilters } from '../domain/saved-search.ts';
import { openingDocument, openingTerms } from '../domain/search-documents.ts';
import { hasParts, understandQuery } from '../domain/query-understanding.ts';
import { queryTerms } from '../domain/text-terms.ts';
import type { SavedSearchRepository } from '../repositories/saved-search-repository.ts';
import type { Clock } from '../tokens.ts';
import { type SearchService, partFilters } from './search-service.ts';

const SOURCE = '/tongxin/matching';

export interface OpeningAlertsOptions {
  store: MatchStore;
  taxonomy: Taxonomy;
  outbox: Outbox;
  savedSearches: SavedSearchRepository;
  search: SearchService;
  clock: Clock;
  calendar: CountyCalendar;
  minScore: number;
  maxMatches: number;
}

/**
 * What a newly published opening announces, written in the read-model consumer's transaction
 * (so with the read model's change, once per delivery that commits): opening.matched to the
 * workers it fits above the threshold, and saved-search.matched to the saved searches it answers.
 * A row of opening_alerts makes the first publication the only one announced; a row per saved
 * search and opening keeps a search from hearing of one opening twice.
 */
export class OpeningAlerts {
  constructor(private readonly o: OpeningAlertsOptions) {}

  async onPublished(tx: pg.PoolClient, openingId: string): Promise<void> {
    const { store, clock, calendar } = this.o;
    const entry = store.openings.get(openingId);
    const now = clock();
    if (!entry || !store.isPublished(entry.snap, calendar.dateOf(now))) return;
    if (!(await this.o.savedSearches.claimOpeningAlert(tx, openingId, now))) return;
    const { matches, total } = workersAboveThreshold(store, entry, this.o.minScore, this.o.maxMatches, now, calendar);
    await this.o.savedSearches.setAlertCount(tx, openingId, total);
    const events: TongxinEvent<'opening.matched' | 'saved-search.matched'>[] = [];
    if (matches.length > 0) {
      events.push(
        createEvent({
          type: 'opening.matched',
          source: SOURCE,
          subject: openingId,
          data: {
            openingId,
            employerId: entry.snap.employerId,
            title: entry.snap.title,
            threshold: this.o.minScore,
            truncated: total > matches.length,
            matches,
          },
        }),
      );
    }
    events.push(...(await this.savedSearchEvents(tx, openingId, now)));
    if (events.length) await this.o.outbox.addAll(tx, events);
  }

  private async savedSearchEvents(tx: pg.PoolClient, openingId: string, now: Date) {
    const entry = this.o.store.openings.get(openingId)!;
    const terms = openingTerms(this.o.taxonomy, entry);
    const doc = openingDocument(this.o.taxonomy, entry, terms);
    const hits: { id: string; workerId: string; name: string }[] = [];
    for await (const page of this.o.savedSearches.all(tx)) {
      for (const s of page) {
        let filters;
        try {
          filters = this.o.search.filters(s.filters);
        } catch {
          continue; // a filter the taxonomy no longer knows matches nothing
        }
        if (!passesFilters(doc, filters)) continue;
        if (s.query) {
          // As the search reads the query: its understood parts are filters, its rest need not match;
          // a query with no part understood must match as text.
          const u = understandQuery(this.o.taxonomy, s.query);
          if (hasParts(u)) {
            if (!passesFilters(doc, partFilters(u, u.occupation?.code, u.region?.code))) continue;
          } else if (!matchesText(queryTerms(s.query), terms)) continue;
        }
        hits.push({ id: s.id, workerId: s.workerId, name: s.name });
      }
    }
    const fresh = await this.o.savedSearches.claimHits(
      tx,
      hits.map((h) => h.id),
      openingId,
      now,
    );
    return hits
      .filter((h) => fresh.has(h.id))
      .map((h) =>
        createEvent({
          type: 'saved-search.matched',
          source: SOURCE,
          subject: h.id,
          data: { savedSearchId: h.id, workerId: h.workerId, name: h.name, openingIds: [openingId] },
        }),
      );
  }
}
