import { addDays } from '@sagsspor/calendar';
import { GetActivityReportHandler } from '../activity/activity.query';
import type { IntegrationEvent } from '@sagsspor/contracts';
import { migratedTestDataSource } from '@sagsspor/testing';
import fc from 'fast-check';
import type { DataSource, EntityManager } from 'typeorm';
import { summarize } from '../lead-times/domain/lead-time-statistics';
import { GetLeadTimes, GetLeadTimesHandler, GetLeadTimeTrend, GetLeadTimeTrendHandler } from '../lead-times/lead-times.query';
import { type ClosedCase, leadTimesReport, type OpenCase, type OpenedCase, trendMonths } from '../lead-times/lead-times.report';
import { ReferenceData1764200000001 } from '../reference/reference.migration';
import { seedReferenceData } from '../reference/reference-data.seed';
import { REFERRAL_STATUS_SQL } from '../referrals/referral-summaries';
import type { ReportingSettings } from '../reporting-settings';
import { dayAfter, type Period } from '../reports/report-query';
import { deliveryArbitrary, eventsOf, worldArbitrary } from '../test-support/event-arbitraries';
import { COUNTED_CASE_KINDS, COUNTED_OUTCOMES } from '../reports/counted-cases';
import { sqlIdentifier } from './domain/row-change';
import { summaryBackfillStatement } from './domain/summary-tables';
import { liveGenerations, withLiveReadModels } from './projection-store';
import { projections } from './projections';
import { ProjectionsKafkaController } from './projections.kafka.controller';
import { ProjectionGenerations1764200000000 } from './projections.migration';

// ADR 0046: the summary read models, kept by triggers on the fact tables, give every report the
// answer the fact tables give when aggregated at query time (the SQL the reports ran before, kept
// here as the oracle), after any set of events delivered in any order, partly twice, one by one
// or in bulk batches of any size, as the live consumer and a rebuild apply them.

const controller = new ProjectionsKafkaController();
const handlers = controller.handlers();
const batchHandler = controller.batchHandler();
const settings: ReportingSettings = { videoInterviewWindowBeforeDays: 30, videoInterviewWindowAfterDays: 60, leadTimeWarningDays: 14 };
const houses = [undefined, 'midt', 'nord'] as const;

/** The fact-table aggregation the reports ran before the summaries: the oracle. */
const oracle = {
  closed: async (m: EntityManager, period: Period, house: string | undefined): Promise<ClosedCase[]> =>
    m.query(`SELECT house_code AS "houseCode", (closed_at - opened_at) AS "leadTimeDays" FROM case_closures WHERE closed_at >= $1 AND closed_at < $2 AND ($3::text IS NULL OR house_code = $3)`, [
      period.from,
      dayAfter(period),
      house ?? null,
    ]),
  opened: async (m: EntityManager, period: Period, house: string | undefined): Promise<OpenedCase[]> =>
    m.query(`SELECT house_code AS "houseCode", (opened_at - referred_at) AS "waitingDays" FROM case_intakes WHERE opened_at >= $1 AND opened_at < $2 AND ($3::text IS NULL OR house_code = $3)`, [
      period.from,
      dayAfter(period),
      house ?? null,
    ]),
  open: async (m: EntityManager, asOf: string, house: string | undefined): Promise<OpenCase[]> =>
    m.query(
      `SELECT i.case_id AS "caseId", i.house_code AS "houseCode", i.municipality_code AS "municipalityCode", i.opened_at::text AS "openedAt", i.municipality_aware_at::text AS "municipalityAwareAt"
         FROM case_intakes i LEFT JOIN case_closures c USING (case_id)
        WHERE i.opened_at <= $1 AND (c.case_id IS NULL OR c.closed_at > $1) AND ($2::text IS NULL OR i.house_code = $2)
        ORDER BY i.opened_at, i.case_id`,
      [asOf, house ?? null],
    ),
  activity: async (m: EntityManager) => m.query(`SELECT metric, dimension, count(*)::int AS count FROM activity_facts GROUP BY 1, 2 ORDER BY 1, 2`),
  usage: async (m: EntityManager, year: number, column: 'municipality_code' | 'house_code') =>
    m.query(`SELECT ${column} AS code, count(*)::int AS n FROM case_closures WHERE closed_at >= $1 AND closed_at < $2 AND case_kind = 'abuse' AND outcome IN ('completed', 'interrupted') GROUP BY 1 ORDER BY 1`, [
      `${year}-01-01`,
      `${year + 1}-01-01`,
    ]),
};

/** The referrals of a period as referrals.query.ts reads them from referrals_by_day, and as the facts give them. */
const referralsFromSummary = (m: EntityManager, period: Period) =>
  m.query(
    `SELECT municipality_code, house_code, to_char(referred_at, 'YYYY-MM') AS month, status, sum(referrals)::int AS n FROM referrals_by_day
      WHERE referred_at >= $1 AND referred_at < $2 AND case_kind = 'abuse' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    [period.from, dayAfter(period)],
  );
const referralsFromFacts = (m: EntityManager, period: Period) =>
  m.query(
    `SELECT municipality_code, house_code, to_char(referred_at, 'YYYY-MM') AS month, ${REFERRAL_STATUS_SQL} AS status, count(*)::int AS n FROM referrals
      WHERE referred_at >= $1 AND referred_at < $2 AND case_kind = 'abuse' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    [period.from, dayAfter(period)],
  );

/** What usage.query.ts reads from the summary. */
const usageFromSummary = (m: EntityManager, year: number, column: 'municipality_code' | 'house_code') =>
  m.query(`SELECT ${column} AS code, sum(cases)::int AS n FROM closed_cases_by_kind WHERE year = $1 AND case_kind = ANY($2) AND outcome = ANY($3) GROUP BY 1 ORDER BY 1`, [year, COUNTED_CASE_KINDS, COUNTED_OUTCOMES]);

const periodArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 400 }))
  .map(([start, length]): Period => ({ from: addDays('2024-01-01', start), to: addDays('2024-01-01', start + length) }));

describe('summary read models on PostgreSQL: the same answers as aggregating the facts', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;
  let leadTimes: GetLeadTimesHandler;
  let trend: GetLeadTimeTrendHandler;

  beforeAll(async () => {
    db = await migratedTestDataSource('reporting_summaries', [ProjectionGenerations1764200000000, ReferenceData1764200000001], 3);
    dataSource = db.dataSource;
    await dataSource.transaction((m) => seedReferenceData(m));
    leadTimes = new GetLeadTimesHandler(dataSource, settings);
    trend = new GetLeadTimeTrendHandler(dataSource);
  }, 120000);
  afterAll(() => db?.close());

  async function project(events: IntegrationEvent[], batchSizes: number[] | undefined): Promise<void> {
    const live = await liveGenerations(dataSource);
    for (const p of projections) for (const t of p.tables) await dataSource.query(`TRUNCATE "${live[p.name].schema}"."${t.name}"`);
    if (batchSizes) {
      for (let i = 0, b = 0; i < events.length; b++) {
        const size = batchSizes[b % batchSizes.length];
        const batch = events.slice(i, i + size);
        i += size;
        await dataSource.transaction((manager) => batchHandler(batch, { manager, topic: 't', partition: 0 }));
      }
      return;
    }
    for (const event of events) await dataSource.transaction((manager) => handlers[event.type]?.(event, { manager, topic: 't', partition: 0, offset: '0' }) ?? Promise.resolve());
  }

  async function expectReportsAsFromTheFacts(periods: Period[], asOf: string): Promise<void> {
    const activity = await new GetActivityReportHandler(dataSource).execute();
    const counted = (await withLiveReadModels(dataSource, oracle.activity)) as { metric: string; dimension: string; count: number }[];
    for (const [metric, key] of [['underretninger-received', 'underretningerReceived'], ['cases-opened', 'casesOpened'], ['examinations-performed', 'examinationsPerformed']] as const) {
      const mine = counted.filter((r) => r.metric === metric);
      expect(activity[key]).toEqual({ total: mine.find((r) => r.dimension === 'total')?.count ?? 0, by: Object.fromEntries(mine.filter((r) => r.dimension !== 'total').map((r) => [r.dimension, r.count])) });
    }
    for (const year of [2024, 2025]) {
      for (const column of ['municipality_code', 'house_code'] as const) {
        const [fromSummary, fromFacts] = await withLiveReadModels(dataSource, async (m) => [await usageFromSummary(m, year, column), await oracle.usage(m, year, column)]);
        expect(fromSummary).toEqual(fromFacts);
      }
    }
    for (const period of periods) {
      const [fromSummary, fromFacts] = await withLiveReadModels(dataSource, async (m) => [await referralsFromSummary(m, period), await referralsFromFacts(m, period)]);
      expect(fromSummary).toEqual(fromFacts);
      for (const house of houses) {
        const report = (await leadTimes.execute(new GetLeadTimes(period, asOf, house))).json as { all: unknown; byHouse: unknown[] };
        const expected = await withLiveReadModels(dataSource, async (m) =>
          leadTimesReport({
            closed: await oracle.closed(m, period, house),
            open: await oracle.open(m, asOf, house),
            opened: await oracle.opened(m, period, house),
            houses: house ? [house] : ((await m.query(`SELECT house_code FROM ref_houses ORDER BY region_code`)) as { house_code: string }[]).map((h) => h.house_code),
            asOf,
            warningDays: settings.leadTimeWarningDays,
          }),
        );
        expect([report.all, ...report.byHouse]).toEqual(expected);

        // The trend: each month what GET /v1/reports/lead-times answered for it (the dashboard asked month by month).
        const months = ((await trend.execute(new GetLeadTimeTrend(period, house, '2026-06-30'))).json as { months: unknown[] }).months;
        const perMonth = await withLiveReadModels(dataSource, async (m) => {
          const answers = [];
          for (const month of trendMonths(period, '2026-06-30')) answers.push({ ...month, closed: summarize((await oracle.closed(m, { from: month.from, to: month.to }, house)).map((c) => c.leadTimeDays)) });
          return answers;
        });
        expect(months).toEqual(perMonth);
      }
    }
  }

  it('answers activity, usage, lead times and the lead-time trend as the fact tables do, after any delivery, one by one or in bulk batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArbitrary.chain((world) => {
          const events = eventsOf(world);
          return fc.tuple(
            deliveryArbitrary(events),
            fc.option(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), { nil: undefined }),
            fc.array(periodArbitrary, { minLength: 1, maxLength: 3 }),
            fc.integer({ min: 0, max: 600 }).map((d) => addDays('2024-01-01', d)),
          );
        }),
        async ([delivery, batchSizes, periods, asOf]) => {
          await project(delivery, batchSizes);
          await expectReportsAsFromTheFacts(periods, asOf);
        },
      ),
      { numRuns: 40 },
    );
  }, 600000);

  it('has in every summary exactly the GROUP BY of its fact table, with no key left at zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArbitrary.chain((world) => fc.tuple(deliveryArbitrary(eventsOf(world)), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }))),
        async ([delivery, batchSizes]) => {
          await project(delivery, batchSizes);
          const live = await liveGenerations(dataSource);
          const summaries = projections.flatMap((p) => p.tables.flatMap((t) => (t.summaryOf ? [{ schema: live[p.name].schema, summary: t.summaryOf }] : [])));
          expect(summaries.map((s) => s.summary.name).sort()).toEqual(['activity_totals', 'closed_cases_by_day', 'closed_cases_by_kind', 'closed_cases_by_year', 'opened_cases_by_day', 'referrals_by_day']);
          for (const { schema, summary } of summaries) {
            const table = `${sqlIdentifier(schema)}.${sqlIdentifier(summary.name)}`;
            const order = summary.keys.map((k) => sqlIdentifier(k.column)).join(', ');
            const kept = await dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`);
            // The backfill a migration runs: the same counts, aggregated from the facts in one statement.
            await dataSource.transaction(async (m) => {
              await m.query(`TRUNCATE ${table}`);
              await m.query(summaryBackfillStatement(schema, summary));
              expect(await m.query(`SELECT * FROM ${table} ORDER BY ${order}`)).toEqual(kept);
              expect(kept.every((row: Record<string, unknown>) => (row[summary.count] as number) > 0)).toBe(true);
            });
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 600000);
});
