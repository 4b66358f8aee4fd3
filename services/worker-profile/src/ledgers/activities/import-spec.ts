import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from '@tongxin/db';
import type { TongxinEvent } from '@tongxin/events';
import { isKnownRegion } from '@tongxin/regions';
import { inject, injectable } from 'tsyringe';
import { ACTIVITY_COLUMNS } from '../../imports/columns.ts';
import { type KeyedImportSpec, type Parsed, type Write, matchByKey } from '../../imports/import-pipeline.ts';
import { canWrite } from '../../imports/import-types.ts';
import { ACTIVITY } from '../../imports/labels.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import { schemaCheck } from '../../imports/schema-check.ts';
import { ActivityInput } from '../schemas.ts';
import { activityRecordedEvent } from '../services/service-ledger.ts';
import { type ActivityRecord, ActivityRepository } from './activity-repository.ts';

type NewActivity = Omit<ActivityRecord, 'seq' | 'createdAt'>;

const activityKey = (a: { regionCode: string; kind: string; date: string; title?: string }) =>
  `${a.regionCode}|${a.kind}|${a.date}|${a.title ?? ''}`;

const checkInput = schemaCheck(ActivityInput);

/**
 * The 六个一 activities' import: entries match on (region, kind, date, name); a different content or
 * head count is a correction of that entry. The importer is recorded as the officer who held it.
 */
@injectable()
export class ActivityImportSpec implements KeyedImportSpec<NewActivity, ActivityRecord> {
  readonly columns = ACTIVITY_COLUMNS;

  constructor(@inject(ActivityRepository) private readonly activities: ActivityRepository) {}

  parse(r: RowReader): NewActivity | undefined {
    const kind = r.required(ACTIVITY, 'kind');
    const regionCode = r.villageOrTownship('regionCode');
    if (regionCode !== undefined && (!/^(\d{9}|\d{12})$/.test(regionCode) || !isKnownRegion(regionCode)))
      r.problem('regionCode', `"${regionCode}" is not a known village or township code`);
    else if (regionCode !== undefined && !canWrite(r.ctx.principal, regionCode))
      r.problem('regionCode', 'is outside your villages');
    const date = r.requiredPastDate('date');
    const title = r.text('title', 200);
    const note = r.text('note', 1000);
    const count = r.cell('participants');
    const participants = count === '' ? undefined : /^\d{1,6}$/.test(count) ? Number(count) : NaN;
    if (Number.isNaN(participants) || (participants ?? 0) > 100_000)
      r.problem('participants', 'must be a whole number of people up to 100,000');
    if (!kind || !date || !regionCode) return undefined;
    return {
      id: randomUUID(),
      kind,
      regionCode,
      date,
      officerId: r.ctx.principal.sub,
      ...(title ? { title } : {}),
      ...(note ? { note } : {}),
      ...(participants !== undefined ? { participants } : {}),
    };
  }

  schemaErrors({ id: _i, officerId: _o, ...input }: NewActivity) {
    return checkInput(input);
  }

  readonly repeats = {
    key: activityKey,
    problem: (first: number) => ({ key: 'title', message: `repeats row ${first} (same place, kind, date and name)` }),
  };

  async existing(db: Pool, activities: NewActivity[]): Promise<Map<string, ActivityRecord>> {
    const stored = await this.activities.forRegions(db, [...new Set(activities.map((a) => a.regionCode))]);
    return new Map(stored.map((a) => [activityKey(a), a]));
  }

  classify(rows: Parsed<NewActivity>[], existing: Map<string, ActivityRecord>) {
    return matchByKey(
      rows,
      existing,
      activityKey,
      (old, a) => (old.note ?? '') === (a.note ?? '') && old.participants === a.participants,
    );
  }

  async write(tx: PoolClient, plan: Write<NewActivity, ActivityRecord>[]): Promise<TongxinEvent[]> {
    const events: TongxinEvent[] = [];
    // New entries first, then corrections, as the events have always come.
    for (const { value, old } of plan)
      if (!old) events.push(activityRecordedEvent(await this.activities.insert(tx, value)));
    for (const { value, old } of plan)
      if (old)
        events.push(
          activityRecordedEvent(
            await this.activities.update(tx, old.id, { note: value.note, participants: value.participants }),
          ),
        );
    return events;
  }
}
