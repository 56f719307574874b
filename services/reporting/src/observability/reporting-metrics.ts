import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays } from '@sagsspor/calendar';
import type { Clock } from '@sagsspor/event-store';
import { CLOCK, ServiceMetrics } from '@sagsspor/platform';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { leadTimesReport, type OpenCase } from '../lead-times/lead-times.report';
import { withLiveReadModels } from '../projections/projection-store';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting-settings';
import { today } from '../reports/report-query';

// Reporting's own figures on /metrics, read from the live read models at scrape time (cached, so
// scrapes stay cheap): open cases by house and age, those about to pass 90 and 120 days, and the
// lead times of the cases closed in the last 365 days. Houses and counts only: no case ids.

export interface ReportingSnapshot {
  houses: string[];
  open: OpenCase[];
  /** Lead times (days) of cases closed in the last 365 days, grouped: one row per house and value. */
  leadTimes: { houseCode: string; days: number; cases: number }[];
  asOf: string;
  warningDays: number;
}

export const leadTimeBuckets = [30, 60, 90, 120, 150, 180, 270, 365];

/** Registers reporting's metrics on a registry; `read` gives the figures at scrape time. */
export function registerReportingMetrics(registry: Registry, read: () => Promise<ReportingSnapshot>, maxAgeMs = 10_000): void {
  let last: { at: number; value: Promise<ReportingSnapshot> } | undefined;
  const snapshot = () => {
    if (!last || Date.now() - last.at > maxAgeMs) {
      const value = read();
      last = { at: Date.now(), value };
      value.catch(() => (last = undefined));
    }
    return last.value;
  };
  const groups = async () => {
    const s = await snapshot();
    return leadTimesReport({ closed: [], open: s.open, opened: [], houses: s.houses, asOf: s.asOf, warningDays: s.warningDays }).slice(1);
  };
  new Gauge({
    name: 'reporting_open_cases',
    help: 'Open børnehus cases by house and age bucket (days since the case was opened)',
    labelNames: ['house', 'age_bucket'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const g of await groups().catch(() => [])) for (const b of g.open.byAge) this.set({ house: g.houseCode, age_bucket: b.bucket }, b.count);
    },
  });
  new Gauge({
    name: 'reporting_open_cases_approaching_limit',
    help: 'Open cases that pass the limit (90 or 120 days) within the warning window (LEAD_TIME_WARNING_DAYS)',
    labelNames: ['house', 'limit'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const g of await groups().catch(() => [])) {
        this.set({ house: g.houseCode, limit: '90' }, g.open.approaching90.length);
        this.set({ house: g.houseCode, limit: '120' }, g.open.approaching120.length);
      }
    },
  });
  new Gauge({
    name: 'reporting_open_cases_past_limit',
    help: 'Open cases already past the limit (90 or 120 days)',
    labelNames: ['house', 'limit'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const g of await groups().catch(() => [])) {
        this.set({ house: g.houseCode, limit: '90' }, g.open.passed90);
        this.set({ house: g.houseCode, limit: '120' }, g.open.passed120);
      }
    },
  });
  new Histogram({
    name: 'reporting_case_lead_time_days',
    help: 'Lead time (days from opened to closed) of the cases closed in the last 365 days, by house',
    labelNames: ['house'],
    buckets: leadTimeBuckets,
    registers: [registry],
    async collect() {
      this.reset();
      const s = await snapshot().catch(() => undefined);
      for (const house of s?.houses ?? []) this.zero({ house });
      for (const row of s?.leadTimes ?? []) for (let i = 0; i < row.cases; i++) this.observe({ house: row.houseCode }, row.days);
    },
  });
}

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
      houses: ((await m.query(`SELECT house_code FROM ref_houses ORDER BY region_code`)) as { house_code: string }[]).map((h) => h.house_code),
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
