import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays } from '@sagsspor/calendar';
import type { Clock } from '@sagsspor/domain';
import { CLOCK, ServiceMetrics } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import type { OpenCase } from '../lead-times/lead-times.report';
import { withLiveReadModels } from '../projections/projection-store';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting-settings';
import { today } from '../reports/report-query';
import { registerReportingMetrics, type ReportingSnapshot } from './reporting-metrics';
import { referenceHouses } from '../reports/reference-rows';

/** Registers reporting's metrics on the service's registry, reading the live read models. */
@Injectable()
export class ReportingMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  onModuleInit(): void {
    registerReportingMetrics(this.metrics.registry, () => this.read());
  }

  private read(): Promise<ReportingSnapshot> {
    const asOf = today(this.clock);
    return withLiveReadModels(this.dataSource, async (m) => ({
      asOf,
      warningDays: this.settings.leadTimeWarningDays,
      houses: referenceHouses.map((h) => h.code),
      open: (await m.query(
        `SELECT i.case_id AS "caseId", i.house_code AS "houseCode", i.municipality_code AS "municipalityCode", i.opened_at::text AS "openedAt", i.municipality_aware_at::text AS "municipalityAwareAt"
           FROM case_intakes i LEFT JOIN case_closures c USING (case_id)
          WHERE i.opened_at <= $1 AND (c.case_id IS NULL OR c.closed_at > $1)`,
        [asOf],
      )) as OpenCase[],
      leadTimes: (await m.query(
        `SELECT house_code AS "houseCode", (closed_at - opened_at) AS days, count(*)::int AS cases FROM case_closures WHERE closed_at > $1 AND closed_at <= $2 GROUP BY 1, 2`,
        [addDays(asOf, -365), asOf],
      )) as { houseCode: string; days: number; cases: number }[],
    }));
  }
}
