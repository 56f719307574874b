import { Injectable } from '@nestjs/common';
import { CommandSchedule } from '@sagsspor/event-store';
import type { EntityManager } from 'typeorm';
import { SETTLE_CLOSED_CASE } from '../settlement/settlement.workflow';
import { CaseListRepository } from '../case-list/case-list.repository';
import { type TariffChange, type TariffSource, TariffsRepository } from './tariffs.repository';

/**
 * Puts a year's tariffs and, in the same transaction, schedules the settlement of every closed case
 * that waited for them. The settlements run as durable scheduled commands (one transaction per
 * case), so a crash in between loses none.
 */
@Injectable()
export class TariffYears {
  constructor(
    private readonly tariffs: TariffsRepository,
    private readonly caseList: CaseListRepository,
    private readonly schedule: CommandSchedule,
  ) {}

  async put(manager: EntityManager, year: number, entries: { houseCode: string; dkkPerCase: number }[], source: TariffSource, recordedBy: string, now: Date): Promise<{ changes: TariffChange[]; casesToSettle: number }> {
    const changes = await this.tariffs.put(manager, year, entries, source, recordedBy);
    let casesToSettle = 0;
    for (const { houseCode, version } of changes) {
      for (const caseId of await this.caseList.awaitingTariff(manager, [houseCode], year)) {
        await this.schedule.schedule(manager, { id: `case-${caseId}:settle:${houseCode}-${year}-v${version}`, dueAt: now, kind: SETTLE_CLOSED_CASE, payload: { caseId } });
        casesToSettle++;
      }
    }
    return { changes, casesToSettle };
  }
}
