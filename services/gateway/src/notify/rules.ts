import type { EventType, TongxinEvent } from '@tongxin/events';

/** Who a notice goes to: the accounts acting for a worker or an employer, or a village's officers. */
export type Audience = { worker: string } | { employer: string } | { officersOf: string /* 12-digit village code */ };

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
  'opening-match',
  'saved-search',
  'training',
  'follow-up',
  'new-applicant',
  'referral',
  'closing-soon',
  'placed',
  'separated',
  'wages-unpaid',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The events the rules turn into notices, with their topics. */
export const NOTIFYING_TYPES = [
  'application.submitted',
  'application.status-changed',
  'application.interview-scheduled',
  'placement.hired',
  'placement.separated',
  'placement.wages-unpaid',
  'placement.follow-up-due',
  'opening.matched',
  'opening.closing-soon',
  'saved-search.matched',
  'batch.recommended',
] as const satisfies readonly EventType[];
export type NotifyingType = (typeof NOTIFYING_TYPES)[number];
export const NOTIFYING_TOPICS = ['tongxin.placement', 'tongxin.opening', 'tongxin.training'];

/** 'YYYY-MM-DD HH:MM' in the county of an instant. */
export function countyDateTime(at: string, offsetMinutes: number): string {
  return new Date(Date.parse(at) + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

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
export function noticesFor(event: TongxinEvent<NotifyingType>, offsetMinutes = 480): Notice[] {
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
        // The time and place follow in application.interview-scheduled, set by the employer.
        return [
          {
            kind: 'application-status',
            audience: { worker: a.workerId },
            title: '求职申请进入面试环节',
            body: '您的求职申请已进入面试环节，用人单位将通知您面试时间和地点。',
            params: { applicationId: a.id, from, to },
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
    case 'placement.wages-unpaid': {
      const f = event.data;
      return [
        {
          kind: 'wages-unpaid',
          audience: { officersOf: f.village },
          title: '务工人员反映工资未按时发放',
          body: `您辖区的一名务工人员${f.day ? `在第${f.day}天回访中` : ''}反映工资未按时发放，请及时跟进维权。`,
          params: { placementId: f.placementId, workerId: f.workerId, ...(f.day ? { day: String(f.day) } : {}) },
          link: `#/workers/${f.workerId}`,
        },
      ];
    }
    case 'application.interview-scheduled': {
      const d = event.data;
      const when = countyDateTime(d.at, offsetMinutes);
      return [
        {
          kind: 'interview',
          audience: { worker: d.workerId },
          title: d.revision > 1 ? '面试时间地点有变更' : '面试通知',
          body: `面试时间：${when}，地点：${d.place}。${d.note ? `${d.note}。` : ''}`.replace(/。。$/, '。'),
          params: { applicationId: d.applicationId, at: d.at, when, place: d.place, revision: String(d.revision) },
          link: '#/applications',
        },
      ];
    }
    case 'placement.follow-up-due': {
      const d = event.data;
      return [
        {
          kind: 'follow-up',
          audience: { worker: d.workerId },
          title: '回访提醒',
          body: `您上岗已满${d.kind}天，县就业工作人员近日将回访了解您的工作和工资情况，请保持电话畅通。`,
          params: { placementId: d.placementId, day: String(d.kind), dueDate: d.dueDate },
          link: '#/',
        },
      ];
    }
    case 'opening.matched': {
      const d = event.data;
      return d.matches.map((m) => ({
        kind: 'opening-match' as const,
        audience: { worker: m.workerId },
        title: '有适合您的新岗位',
        body: `新岗位“${d.title}”与您的条件匹配度${Math.round(m.score * 100)}%，快去看看吧。`,
        params: { openingId: d.openingId, title: d.title, score: String(Math.round(m.score * 100)) },
        link: `#/openings/${d.openingId}`,
        capped: true,
      }));
    }
    case 'saved-search.matched': {
      const d = event.data;
      const name = d.name ?? '已保存的搜索';
      return [
        {
          kind: 'saved-search',
          audience: { worker: d.workerId },
          title: '您关注的搜索有新岗位',
          body: `“${name}”有${d.openingIds.length}个新岗位。`,
          params: { savedSearchId: d.savedSearchId, name, count: String(d.openingIds.length) },
          link: '#/',
        },
      ];
    }
    case 'batch.recommended': {
      const d = event.data;
      return d.workerIds.map((workerId) => ({
        kind: 'training' as const,
        audience: { worker: workerId },
        title: '推荐培训',
        body: '新开班的培训可以补上您心仪岗位所要求的技能，欢迎报名。',
        params: { batchId: d.batchId, courseId: d.courseId },
        link: `#/batches/${d.batchId}`,
      }));
    }
    case 'opening.closing-soon': {
      const d = event.data;
      const title = d.title ? `“${d.title}”` : '';
      return [
        {
          kind: 'closing-soon',
          audience: { employer: d.employerId },
          title: '岗位即将截止',
          body: `您的岗位${title}将于${d.closesOn}截止，已招${d.filled}人，计划${d.headcount}人。`,
          params: {
            openingId: d.openingId,
            closesOn: d.closesOn,
            filled: String(d.filled),
            headcount: String(d.headcount),
            ...(d.title ? { title: d.title } : {}),
          },
          link: `#/openings/${d.openingId}`,
        },
      ];
    }
  }
}
