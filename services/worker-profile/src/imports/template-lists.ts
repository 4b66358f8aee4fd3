import type { Principal } from '@tongxin/auth';
import { villageNames } from './cells/places.ts';
import type { Ledger } from './columns.ts';
import {
  ACTIVITY,
  CHANNEL,
  EDUCATION,
  EMPLOYMENT,
  GENDER,
  HOUSEHOLD_STATUS,
  INCOME_SOURCE,
  PARTY_ROLE,
  SERVICE,
  TIER,
  VERIFIED,
  YES_NO,
} from './labels.ts';

const choicesOf = (labels: { choices: string }) => labels.choices.split('/');

/**
 * The drop-down lists of a ledger template, by column key: the labels of coded columns and the
 * villages of the officer (by name) for village columns. Other values stay allowed (codes, synonyms).
 */
export function templateLists(ledger: Ledger, p: Principal): Record<string, string[]> {
  const villages = villageNames(p.role === 'admin' ? [''] : (p.regions ?? []));
  const yesNo = choicesOf(YES_NO);
  switch (ledger) {
    case 'registry':
      return {
        gender: choicesOf(GENDER),
        homeVillageCode: villages,
        householdStatus: choicesOf(HOUSEHOLD_STATUS),
        relocated: yesNo,
        originVillageCode: villages,
        education: choicesOf(EDUCATION),
        tierPreferences: [...choicesOf(TIER), '县内、省内', '县内、省内、省外'],
        employmentStatus: choicesOf(EMPLOYMENT),
        unionMember: yesNo,
      };
    case 'services':
      return { service: choicesOf(SERVICE), channel: choicesOf(CHANNEL) };
    case 'incomes':
      return { source: choicesOf(INCOME_SOURCE), verified: choicesOf(VERIFIED) };
    case 'party':
      return { role: choicesOf(PARTY_ROLE) };
    case 'activities':
      return { kind: choicesOf(ACTIVITY) };
    case 'union':
      return {};
  }
}

/** The example row of the registry template's 填写说明 sheet, as a clerk would fill it. */
export const REGISTRY_EXAMPLE: Record<string, string> = {
  name: '张三',
  idNumber: '140723199001011234',
  gender: '男',
  birthDate: '1990年1月1日',
  phone: '138-0000-0000',
  homeVillageCode: '恋思村',
  householdStatus: '一般',
  relocated: '否',
  education: '初中',
  skills: '电焊工:3:6；瓦工:2',
  tierPreferences: '县内、省内',
  expectedMinWage: '4000',
  availableFrom: '2026-12-01',
  employmentStatus: '求职中',
  unionMember: '否',
  consentVersion: 'v1',
  consentAt: '2026-11-28 08:00',
};
