import type { EventType, TongxinEvent } from '@tongxin/events';

/** Who a notice goes to: the accounts acting for a worker or an employer, or a village's officers. */
export type Audience =
  | { worker: string }
  | { employer: string }
  | { officersOf: string /* 12-digit village code */ }
  /** The officers of the home village of a placement's worker (as heard from placement.hired). */
  | { officersOfPlacement: string };

/**
 * One notice of an event for one audience. `title`/`body` are the Chinese texts; the portal renders
 * English from the i18n key `notice.<kind>` with `params`, so both are stored.
 */
export interface Notice {
  kind: NoticeKind;
  audience: Audience;
  title: string;
  body: string;
  params: Record<string, string>;
  link?: string;
  /** A matching alert counts toward the worker's daily cap (NOTIFY_MATCH_ALERTS_PER_DAY). */
  capped?: boolean;
}

/** Every kind of notice, the key of per-kind preferences. */
export const NOTICE_KINDS = [
  'application-status',
  'interview',
  'new-applicant',
  'referral',
  'placed',
  'separated',
  'wages-unpaid',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The events the rules turn into notices, with their topics. */
export const NOTIFYING_TYPES = [
  'application.submitted',
  'application.status-changed',
  'placement.hired',
  'placement.separated',
  'placement.followed-up',
] as const satisfies readonly EventType[];
export type NotifyingType = (typeof NOTIFYING_TYPES)[number];
export const NOTIFYING_TOPICS = ['tongxin.placement'];

const STATUS_ZH: Record<string, string> = {
  submitted: '已提交',
  screening: '筛选中',
  interview: '面试',
  offered: '已发录用',
  hired: '已录用',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/**
 * The notices an event gives rise to (issue 15 item 5). Pure: recipients are resolved from the
 * audience by the consumer; what is not worth telling anyone gives no notice.
 */
export function noticesFor(event: TongxinEvent<NotifyingType>): Notice[] {
  switch (event.type) {
    case 'application.submitted': {
      const a = event.data.application;
      const params = { applicationId: a.id, openingId: a.openingId };
      if (a.referredBy) {
        return [
          {
            kind: 'referral',
            audience: { employer: a.employerId },
            title: '工作人员推荐了一位求职者',
            body: '县就业工作人员为您的岗位推荐了一位求职者，请尽快查看。',
            params,
            link: `#/openings/${a.openingId}`,
          },
        ];
      }
      return [
        {
          kind: 'new-applicant',
          audience: { employer: a.employerId },
          title: '收到新的求职申请',
          body: '您的岗位收到一份新的求职申请，请尽快查看。',
          params,
          link: `#/openings/${a.openingId}`,
        },
      ];
    }
    case 'application.status-changed': {
      const { application: a, from, to } = event.data;
      if (from === to || to === 'submitted') return [];
      if (to === 'interview') {
        return [
          {
            kind: 'interview',
            audience: { worker: a.workerId },
            title: '面试通知',
            body: '您的求职申请已进入面试环节，用人单位将与您联系面试时间和地点。',
            params: { applicationId: a.id },
            link: '#/applications',
          },
        ];
      }
      return [
        {
          kind: 'application-status',
          audience: { worker: a.workerId },
          title: '求职申请有新进展',
          body: `您的求职申请状态：${STATUS_ZH[from] ?? from} → ${STATUS_ZH[to] ?? to}。`,
          params: { applicationId: a.id, from, to },
          link: '#/applications',
        },
      ];
    }
    case 'placement.hired': {
      const p = event.data.placement;
      return [
        {
          kind: 'placed',
          audience: { officersOf: p.homeVillageCode },
          title: '本辖区务工人员已上岗',
          body: `您辖区的一名务工人员已被录用，${p.startDate}上岗。`,
          params: { placementId: p.id, workerId: p.workerId, startDate: p.startDate },
          link: `#/workers/${p.workerId}`,
        },
      ];
    }
    case 'placement.separated': {
      const p = event.data.placement;
      return [
        {
          kind: 'separated',
          audience: { officersOf: p.homeVillageCode },
          title: '本辖区务工人员已离职',
          body: `您辖区的一名务工人员已离职（原因：${event.data.reason}），请关注其再就业。`,
          params: { placementId: p.id, workerId: p.workerId, reason: event.data.reason },
          link: `#/workers/${p.workerId}`,
        },
      ];
    }
    case 'placement.followed-up': {
      const f = event.data;
      if (f.wagesPaidOnTime) return [];
      return [
        {
          kind: 'wages-unpaid',
          audience: { officersOfPlacement: f.placementId },
          title: '务工人员反映工资未按时发放',
          body: `一名务工人员在第${f.day}天回访中反映工资未按时发放，请及时跟进维权。`,
          params: { placementId: f.placementId, workerId: f.workerId, day: String(f.day) },
          link: `#/workers/${f.workerId}`,
        },
      ];
    }
  }
}
