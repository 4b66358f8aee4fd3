import { inject, injectable } from 'tsyringe';
import { ActivityImportSpec } from '../ledgers/activities/import-spec.ts';
import { IncomeImportSpec } from '../ledgers/incomes/import-spec.ts';
import { PartyImportSpec } from '../ledgers/party/import-spec.ts';
import { ServiceImportSpec } from '../ledgers/services/import-spec.ts';
import { UnionImportSpec } from '../union/import-spec.ts';
import type { Ledger } from './columns.ts';
import { LedgerImportPipeline } from './import-pipeline.ts';
import type { ImportOutcome } from './import-types.ts';
import { RegistryImport } from './registry-import.ts';
import type { Sheet } from './sheet/read-sheet.ts';

/** Which importer reads which ledger: the registry its own, every other ledger the pipeline with its spec. */
@injectable()
export class LedgerImports {
  constructor(
    @inject(RegistryImport) private readonly registry: RegistryImport,
    @inject(LedgerImportPipeline) private readonly pipeline: LedgerImportPipeline,
    @inject(ServiceImportSpec) private readonly services: ServiceImportSpec,
    @inject(IncomeImportSpec) private readonly incomes: IncomeImportSpec,
    @inject(PartyImportSpec) private readonly party: PartyImportSpec,
    @inject(ActivityImportSpec) private readonly activities: ActivityImportSpec,
    @inject(UnionImportSpec) private readonly union: UnionImportSpec,
  ) {}

  run(ledger: Ledger, ctx: Parameters<RegistryImport['run']>[0], sheet: Sheet): Promise<ImportOutcome> {
    switch (ledger) {
      case 'registry':
        return this.registry.run(ctx, sheet);
      case 'services':
        return this.pipeline.run(this.services, ctx, sheet);
      case 'incomes':
        return this.pipeline.run(this.incomes, ctx, sheet);
      case 'party':
        return this.pipeline.run(this.party, ctx, sheet);
      case 'activities':
        return this.pipeline.run(this.activities, ctx, sheet);
      case 'union':
        return this.pipeline.run(this.union, ctx, sheet);
    }
  }
}
