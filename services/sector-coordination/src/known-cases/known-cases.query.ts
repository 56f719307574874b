import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { KnownCase } from './domain/known-case';
import { KnownCasesRepository } from './known-cases.repository';

/** A case as known from case-lifecycle's events, or undefined (the HTTP controllers check its house with it). */
export class FindKnownCaseQuery extends Query<KnownCase | undefined> {
  constructor(readonly caseId: string) {
    super();
  }
}

@QueryHandler(FindKnownCaseQuery)
export class FindKnownCaseHandler implements IQueryHandler<FindKnownCaseQuery> {
  constructor(private readonly knownCases: KnownCasesRepository) {}

  execute({ caseId }: FindKnownCaseQuery): Promise<KnownCase | undefined> {
    return this.knownCases.find(caseId);
  }
}
