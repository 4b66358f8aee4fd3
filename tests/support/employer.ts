import { makeCreditCode } from '@tongxin/cn-codes';
import type { Stack } from '@tongxin/test-harness';

/**
 * A verified employer of 苏州 (an out-of-province worksite) with a sign-in account: the employer's
 * access token. Cross-service journeys start from one.
 */
export async function verifiedEmployer(
  stack: Stack,
  admin: string,
  o: { name: string; username: string; phone: string; creditPrefix?: string },
): Promise<string> {
  const company = await stack.api.post(
    '/api/v1/employers',
    {
      name: o.name,
      creditCode: makeCreditCode(
        `${o.creditPrefix ?? '91320505MA'}${String(Date.now() % 10_000_000).padStart(7, '0')}`,
      ),
      industry: 'manufacturing',
      regionCode: '320505',
      contact: { name: '周经理', phone: o.phone },
    },
    admin,
  );
  if (company.status !== 201) throw new Error(JSON.stringify(company.body));
  await stack.api.post(`/api/v1/employers/${company.body.id}/verify`, undefined, admin);
  await stack.api.post(
    '/api/v1/accounts',
    {
      username: o.username,
      password: 'employer-pass',
      role: 'employer',
      displayName: '苏州同心',
      employerId: company.body.id,
    },
    admin,
  );
  return stack.login(o.username, 'employer-pass');
}

const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** An open welder's opening in 苏州, reserved for the poor, starting in five days: what the journeys refer to. */
export async function welderOpening(stack: Stack, employer: string, headcount: number) {
  return stack.api.post(
    '/api/v1/openings',
    {
      employerId: (await stack.api.get('/api/v1/auth/me', employer)).body.employerId,
      title: '电焊工',
      occupationCode: 'con.welder',
      requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: false }],
      worksiteRegionCode: '320505',
      headcount,
      wageMin: 6000,
      wageMax: 8000,
      benefits: { housing: true, meals: true, socialInsurance: true },
      reservedForPoor: true,
      startDate: inDays(5),
      closingDate: inDays(40),
      status: 'open',
    },
    employer,
  );
}
