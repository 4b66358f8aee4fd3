import { makeCreditCode } from '@tongxin/cn-codes';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
let sequence = Math.floor(Math.random() * 1_000_000);

/** A valid credit code registered in `regionCode`, different on every call. */
export function creditCode(regionCode = '140723'): string {
  let n = sequence++;
  let tail = '';
  for (let i = 0; i < 7; i++) {
    tail = CHARSET[n % 31] + tail;
    n = Math.floor(n / 31);
  }
  return makeCreditCode(`91${regionCode}MA${tail}`);
}

/** A valid registration of a company of 和顺县. */
export function employerInput(overrides: Record<string, unknown> = {}) {
  return {
    name: '和顺县同心建筑工程有限公司',
    creditCode: creditCode(),
    industry: 'construction',
    regionCode: '140723100',
    address: '义兴镇新建街 8 号',
    contact: { name: '王经理', phone: '13935400001' },
    ...overrides,
  };
}

/** A date `days` from today (UTC+8, the county's calendar). */
export function day(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid opening of `employerId` at the pilot village 恋思村, a draft unless `status` says otherwise. */
export function openingInput(employerId: string, overrides: Record<string, unknown> = {}) {
  return {
    employerId,
    title: '电焊工',
    occupationCode: 'con.welder',
    requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: true }],
    description: '钢结构厂房焊接，持证上岗',
    worksiteRegionCode: '140723100236',
    headcount: 2,
    wageMin: 6000,
    wageMax: 8000,
    benefits: { housing: true, meals: true, socialInsurance: true },
    hours: '8小时/天，月休4天',
    contractType: 'fixed_term',
    contractMonths: 12,
    startDate: day(10),
    closingDate: day(40),
    reservedForPoor: false,
    ...overrides,
  };
}
