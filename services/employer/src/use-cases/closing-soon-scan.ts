import { type Tables, tablesIn } from '@tongxin/db';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { EmployerConfig } from '../config.ts';
import { TOKENS } from '../tokens.ts';

const BATCH = 500;

/**
 * The daily scan behind opening.closing-soon: every open opening that is not filled and closes
 * within CLOSING_SOON_DAYS county days (today included) is announced to its employer, once per
 * county day. A row of closing_soon_notices, written with the event, keeps a re-run (or a second
 * instance) from announcing it again the same day.
 */
@injectable()
export class ClosingSoonScan {
  readonly #t: Tables<'openings' | 'closing_soon_notices'>;

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<EmployerConfig>,
    @inject(TOKENS.Config) config: { SCHEMA: string },
  ) {
    this.#t = tablesIn(config, 'openings', 'closing_soon_notices');
  }

  /** One full pass; answers how many closing-soon events it wrote. */
  async run(): Promise<number> {
    const today = this.ctx.calendar.today();
    let written = 0;
    for (;;) {
      const n = await this.ctx.transaction(async (tx) => {
        const r = await tx.query(
          `WITH due AS (
             SELECT o.id FROM ${this.#t.openings} o
              WHERE o.status = 'open' AND o.filled_count < o.headcount
                AND o.closing_date >= $1::date AND o.closing_date <= $1::date + $2::int
                AND NOT EXISTS (SELECT 1 FROM ${this.#t.closing_soon_notices} n WHERE n.opening_id = o.id AND n.scan_date = $1::date)
              ORDER BY o.closing_date, o.seq
              LIMIT $4
           ), claimed AS (
             INSERT INTO ${this.#t.closing_soon_notices} (opening_id, scan_date, noticed_at)
             SELECT id, $1::date, $3 FROM due
             ON CONFLICT DO NOTHING
             RETURNING opening_id
           )
           SELECT o.id, o.employer_id, o.title, o.closing_date::text AS closes_on, o.filled_count, o.headcount
             FROM claimed c JOIN ${this.#t.openings} o ON o.id = c.opening_id
            ORDER BY o.closing_date, o.seq`,
          [today, this.ctx.config.CLOSING_SOON_DAYS, this.ctx.clock(), BATCH],
        );
        await this.ctx.outbox.addAll(
          tx,
          r.rows.map((row) =>
            this.ctx.event('opening.closing-soon', row.id as string, {
              openingId: row.id as string,
              employerId: row.employer_id as string,
              title: row.title as string,
              closesOn: row.closes_on as string,
              filled: row.filled_count as number,
              headcount: row.headcount as number,
              scanDate: today,
            }),
          ),
        );
        return r.rows.length;
      });
      written += n;
      if (n < BATCH) return written;
    }
  }
}
