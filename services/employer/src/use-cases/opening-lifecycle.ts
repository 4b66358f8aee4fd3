import type { Queryable } from '@tongxin/db';
import type { Taxonomy } from '@tongxin/taxonomy';
import type pg from 'pg';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import { eventForStatus } from '../domain/opening-status.ts';
import type { OpeningRecord } from '../domain/records.ts';
import { openingSnapshot } from '../domain/snapshots.ts';
import { OpeningRepository } from '../repositories/opening-repository.ts';
import { TOKENS } from '../tokens.ts';

/**
 * Every change to an opening goes through here, so that each one writes its event in the
 * same transaction: a move into a status announces it (open → opening.published, paused,
 * filled, closed), any other change is opening.updated. Drafts are private: nothing is
 * announced until an opening is first published.
 */
@injectable()
export class OpeningLifecycle {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(OpeningRepository) private readonly openings: OpeningRepository,
  ) {}

  async change(tx: Queryable, before: OpeningRecord, fields: Partial<OpeningRecord>): Promise<OpeningRecord> {
    const after = await this.openings.update(tx, before.id, fields);
    await this.announce(tx, before, after);
    return after;
  }

  async announce(tx: Queryable, before: OpeningRecord | undefined, after: OpeningRecord): Promise<void> {
    if (after.status === 'draft' || ((before === undefined || before.status === 'draft') && after.status === 'closed'))
      return;
    const type =
      before !== undefined && before.status === after.status ? 'opening.updated' : eventForStatus(after.status);
    await this.ctx.emit(tx as pg.ClientBase, type, after.id, { opening: openingSnapshot(after, this.taxonomy) });
  }
}
