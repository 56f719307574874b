import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { copenhagenDate } from '@sagsspor/calendar';
import type { Clock } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { type CaseListFilter, type CaseListItem, CaseListRepository } from './case-list.repository';

/** A page of the case list; ages are counted to the closing, or to today (Copenhagen) while open. */
export class ListCasesQuery extends Query<{ items: CaseListItem[]; total: number }> {
  constructor(readonly filter: Omit<CaseListFilter, 'today'>) {
    super();
  }
}

@QueryHandler(ListCasesQuery)
export class ListCasesQueryHandler implements IQueryHandler<ListCasesQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseList: CaseListRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ filter }: ListCasesQuery): Promise<{ items: CaseListItem[]; total: number }> {
    return this.caseList.page(this.dataSource.manager, { ...filter, today: copenhagenDate(this.clock()) });
  }
}
