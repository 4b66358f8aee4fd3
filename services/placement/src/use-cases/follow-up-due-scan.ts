import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { PlacementConfig } from '../config.ts';
import { PlacementRepository } from '../repositories/placement-repository.ts';

const BATCH = 500;

/**
 * The daily scan behind placement.follow-up-due: every follow-up step that is due in the county's
 * calendar today (and not yet recorded) is announced once, whenever the scan first sees it within
 * its grace period — a scan missed on the due day still announces it the next. A row of
 * follow_up_due_notices, written with the event, keeps a re-run from announcing it again.
 */
@injectable()
export class FollowUpDueScan {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<PlacementConfig>,
    @inject(PlacementRepository) private readonly placements: PlacementRepository,
  ) {}

  /** One full pass; answers how many follow-up-due events it wrote. */
  async run(): Promise<number> {
    const today = this.ctx.calendar.today();
    let written = 0;
    for (;;) {
      const n = await this.ctx.transaction(async (tx) => {
        const due = await this.placements.claimDueNotices(
          tx,
          today,
          this.ctx.config.FOLLOW_UP_GRACE_DAYS,
          this.ctx.clock(),
          BATCH,
        );
        await this.ctx.outbox.addAll(
          tx,
          due.map((d) =>
            this.ctx.event('placement.follow-up-due', d.placementId, {
              placementId: d.placementId,
              workerId: d.workerId,
              village: d.village,
              employerId: d.employerId,
              dueDate: d.dueDate,
              kind: d.day,
            }),
          ),
        );
        return due.length;
      });
      written += n;
      if (n < BATCH) return written;
    }
  }
}
