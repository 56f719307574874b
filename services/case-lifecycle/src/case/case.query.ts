import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { copenhagenDate } from '@sagsspor/calendar';
import { PostgresEventStore } from '@sagsspor/event-store';
import { type Clock } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { CaseReferencesRepository } from '../case-references/case-references.repository';
import { caseDecider } from './case.decider';
import { caseStreamId } from './case.events';
import type { CaseResponse } from './case.response.dto';
import { caseView } from './case.view';

/**
 * The case as GET /v1/cases/{caseId} shows it, with its clocks on today (undefined: no such case).
 * The caller checks the tenant (`houseCode`, `municipalityCode` of the answer) before showing it.
 */
export class GetCaseQuery extends Query<CaseResponse | undefined> {
  constructor(
    readonly caseId: string,
    readonly options: { showCorrectionReasons: boolean },
  ) {
    super();
  }
}

/** Reads the case's stream (its state) and what sector-coordination held for it. */
@QueryHandler(GetCaseQuery)
export class GetCaseQueryHandler implements IQueryHandler<GetCaseQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly references: CaseReferencesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, options }: GetCaseQuery): Promise<CaseResponse | undefined> {
    const manager = this.dataSource.manager;
    const { state } = await this.eventStore.readState(caseDecider, caseStreamId(caseId), manager);
    if (state.status === 'none') return undefined;
    const [conferences, examinations] = await Promise.all([this.references.conferencesOf(manager, caseId), this.references.examinationsOf(manager, caseId)]);
    return caseView(state, { conferences, examinations }, copenhagenDate(this.clock()), options);
  }
}
