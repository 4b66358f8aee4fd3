import type { ServiceApp } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import { SkillList, SkillQuery } from '../domain/schemas.ts';

/** Public skill typeahead: Chinese names and synonyms, English, full pinyin and initials. */
export async function taxonomyRoutes(app: ServiceApp, taxonomy: Taxonomy): Promise<void> {
  app.get(
    '/api/v1/taxonomy/skills',
    {
      config: { public: true },
      schema: {
        tags: ['taxonomy'],
        summary: 'Skill typeahead (挖机, wajueji, wjj, excavator)',
        security: [],
        querystring: SkillQuery,
        response: { 200: SkillList, 400: { $ref: 'Problem' } },
      },
    },
    async (request) => ({
      items: taxonomy.search(request.query.q, request.query.limit ?? 10).map((hit) => {
        const skill = taxonomy.get(hit.code)!;
        return { ...hit, synonyms: skill.synonyms, related: skill.related };
      }),
    }),
  );
}
