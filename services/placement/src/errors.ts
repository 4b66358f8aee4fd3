import { ProblemError } from '@tongxin/service-platform';

/**
 * Problem codes of placement besides the platform's (table in README.md). An error of its own only
 * where a caller must tell it apart from the platform's FORBIDDEN or NOT_FOUND.
 */
export const employerSuspended = (employerId: string): ProblemError =>
  new ProblemError(
    403,
    'EMPLOYER_SUSPENDED',
    'Forbidden',
    `employer ${employerId} is suspended: it moves no applications and sees no applicant's contact until reinstated`,
    { employerId },
  );
