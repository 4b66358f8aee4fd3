import { type Static, Type } from '@sinclair/typebox';
import { literals, StrictObject } from '@tongxin/service-platform';

const Tier = literals(['in_county', 'in_province', 'out_of_province']);
const ApplicationStatus = literals([
  'submitted',
  'screening',
  'interview',
  'offered',
  'hired',
  'rejected',
  'withdrawn',
]);

/** The worker's own application marks on an opening (issue 17): in matches, and in a signed-in worker's search hits. */
const ApplicationMarks = {
  applied: Type.Boolean({
    description: 'the worker has applied (or was referred) to this opening; withdrawn included',
  }),
  applicationStatus: Type.Optional(ApplicationStatus),
  referred: Type.Boolean({ description: 'an officer referred the worker to this opening (已推荐); not who' }),
};
const Code = Type.String({ maxLength: 64 });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
export const MatchQuery = StrictObject({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type MatchQuery = Static<typeof MatchQuery>;

const CertificateCourse = Type.Object({
  courseId: Type.String(),
  title: Type.String(),
  certificateName: Type.String(),
  provider: Type.Optional(Type.String()),
  nextBatch: Type.Optional(
    Type.Object({ id: Type.String(), startDate: Type.String(), place: Type.Optional(Type.String()) }),
  ),
});

export const Explanation = Type.Object({
  fit: Type.Boolean({ description: 'false: shown only as "needs certificate", after every fit' }),
  matchedSkills: Type.Array(Code),
  missingSkills: Type.Array(Code),
  partialSkills: Type.Array(
    Type.Object({
      code: Code,
      credit: Type.Number(),
      via: literals(['lower_level', 'related']),
      held: Code,
      level: Type.Integer(),
    }),
  ),
  needsCertificate: Type.Array(Code),
  certificateCourses: Type.Optional(Type.Array(CertificateCourse)),
  tier: Tier,
  tierRank: Type.Integer({ minimum: 1 }),
  wageFit: literals(['above_expectation', 'within_range', 'below_expectation', 'no_expectation']),
  priority: Type.Array(literals(['registered_poor', 'relocated', 'reserved_for_poor'])),
  parts: Type.Record(Type.String(), Type.Number(), {
    description:
      'skills, tier, wage, priority, and the tie-breakers (freshness, benefits, distance; availability for candidates); ' +
      'in matches also notInterestedSimilar (like an opening the worker dismissed, negative) and referred ' +
      '(an officer referred the worker to it and the application is open: officer referred, 工作组推荐)',
  }),
});

export const OpeningMatchList = Type.Object({
  items: Type.Array(
    Type.Object({
      openingId: Type.String(),
      score: Type.Number(),
      explanation: Explanation,
      ...ApplicationMarks,
      opening: Type.Object({
        title: Type.String(),
        employerId: Type.String(),
        employerName: Type.String(),
        occupationCode: Code,
        worksiteRegionCode: Type.String(),
        tier: Tier,
        wageMin: Type.Number(),
        wageMax: Type.Number(),
        reservedForPoor: Type.Boolean(),
        placesLeft: Type.Integer(),
      }),
    }),
  ),
});

export const CandidateList = Type.Object({
  items: Type.Array(
    Type.Object({
      workerId: Type.String(),
      score: Type.Number(),
      explanation: Explanation,
      worker: Type.Object({
        name: Type.Optional(Type.String()),
        homeVillageCode: Type.String(),
        townshipCode: Type.String(),
        householdStatus: Type.String(),
        relocated: Type.Boolean(),
        employmentStatus: Type.String(),
      }),
    }),
  ),
  /** Present when the opening is not published: nobody is proposed for it. */
  notice: Type.Optional(Type.String()),
});

/** What a search of openings asks for: the text and the filters (a saved search keeps the same). */
const SearchCriteria = {
  q: Type.Optional(Type.String({ maxLength: 100 })),
  tier: Type.Optional(Tier),
  occupation: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  township: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
  region: Type.Optional(Type.String({ pattern: '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$' })),
  wageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  housing: Type.Optional(Type.Boolean()),
  meals: Type.Optional(Type.Boolean()),
  socialInsurance: Type.Optional(Type.Boolean()),
  reservedForPoor: Type.Optional(Type.Boolean()),
};

export const SearchQuery = StrictObject({
  ...SearchCriteria,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

const Counts = Type.Record(Type.String(), Type.Integer());
export const SearchHit = Type.Object({
  id: Type.String(),
  openingId: Type.String(),
  score: Type.Number({ description: 'text relevance (0 without a query)' }),
  title: Type.String(),
  employerId: Type.String(),
  employerName: Type.String(),
  occupationCode: Code,
  category: Type.String(),
  tier: Tier,
  worksiteRegionCode: Type.String(),
  worksiteName: Type.Optional(Type.String()),
  wageMin: Type.Number(),
  wageMax: Type.Number(),
  benefits: Type.Object({ housing: Type.Boolean(), meals: Type.Boolean(), socialInsurance: Type.Boolean() }),
  reservedForPoor: Type.Boolean(),
  headcount: Type.Integer(),
  filledCount: Type.Integer(),
  publishedAt: Type.Optional(Type.String()),
  closingDate: Type.Optional(Type.String()),
  broadened: Type.Optional(
    Type.Object(
      {
        reason: literals(['related_occupation', 'wider_area']),
        occupationCode: Type.Optional(Code),
        regionCode: Type.Optional(Type.String()),
      },
      {
        description:
          'present when the hit was added because the query found fewer than a page: a related occupation, or a wider area',
      },
    ),
  ),
  // Only for a signed-in worker: their own marks, as in their matches.
  applied: Type.Optional(ApplicationMarks.applied),
  applicationStatus: ApplicationMarks.applicationStatus,
  referred: Type.Optional(ApplicationMarks.referred),
});

const Benefit = literals(['housing', 'meals', 'socialInsurance']);
/** How the query text was read; each part keeps the words that made it, so a client can remove them. */
export const Understood = Type.Object({
  occupation: Type.Optional(Type.Object({ code: Code, name: Type.String(), text: Type.String() })),
  region: Type.Optional(
    Type.Object({
      text: Type.String(),
      name: Type.String(),
      code: Type.Optional(Type.String({ description: 'worksites under this region code' })),
      tiers: Type.Optional(Type.Array(Tier, { description: 'tiers a tier word allows (省外, 外地)' })),
    }),
  ),
  benefits: Type.Array(Type.Object({ text: Type.String(), includes: Type.Array(Benefit) })),
  wage: Type.Optional(
    Type.Object({
      text: Type.String(),
      min: Type.Integer({ description: 'monthly; a daily wage counts 26 working days' }),
      per: literals(['month', 'day']),
    }),
  ),
  kind: Type.Optional(
    Type.Object({ text: Type.String(), kind: literals(['long_term', 'short_term', 'daily_pay', 'live_in']) }),
  ),
  rest: Type.String({ description: 'free text that may match but need not' }),
});
export const SearchResponse = Type.Object({
  understood: Type.Optional(Understood),
  items: Type.Array(SearchHit),
  total: Type.Integer(),
  facets: Type.Object({ tier: Counts, occupation: Counts, category: Counts, township: Counts }),
  nextCursor: Type.Optional(Type.String()),
});
export type SearchResponse = Static<typeof SearchResponse>;

export const SkillQuery = StrictObject({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});
export const SkillList = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Code,
      nameZh: Type.String(),
      nameEn: Type.String(),
      category: Type.String(),
      certificate: Type.Optional(Type.String()),
      matched: Type.String(),
      synonyms: Type.Array(Type.String()),
      related: Type.Array(Code),
    }),
  ),
});

/** POST /api/v1/saved-searches: a worker keeps a search (text and the filters of /search/openings) to hear of new openings. */
export const SavedSearchInput = StrictObject({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  ...SearchCriteria,
});
export type SavedSearchInput = Static<typeof SavedSearchInput>;

export const SavedSearchView = Type.Object({
  id: Type.String(),
  workerId: Type.String(),
  name: Type.String(),
  q: Type.Optional(Type.String()),
  filters: Type.Object({
    tier: Type.Optional(Tier),
    occupation: Type.Optional(Type.String()),
    category: Type.Optional(Type.String()),
    township: Type.Optional(Type.String()),
    region: Type.Optional(Type.String()),
    wageMin: Type.Optional(Type.Integer()),
    housing: Type.Optional(Type.Boolean()),
    meals: Type.Optional(Type.Boolean()),
    socialInsurance: Type.Optional(Type.Boolean()),
    reservedForPoor: Type.Optional(Type.Boolean()),
  }),
  createdAt: Type.String(),
});
export type SavedSearchView = Static<typeof SavedSearchView>;
export const SavedSearchList = Type.Object({ items: Type.Array(SavedSearchView) });
export const SavedSearchParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
