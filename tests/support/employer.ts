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
