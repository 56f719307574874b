import { Gauge, Histogram, type Registry } from 'prom-client';
import { leadTimesReport, type OpenCase } from '../lead-times/lead-times.report';

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
