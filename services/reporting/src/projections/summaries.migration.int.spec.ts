import { migratedTestDataSource } from '@sagsspor/testing';
import type { DataSource } from 'typeorm';
import { caseEvents } from '../test-support/events';
import { factsSummaries } from './domain/facts.tables';
import { summaryBackfillStatement } from './domain/summary-tables';
import { ProjectionsKafkaController } from './projections.kafka.controller';
import { ProjectionGenerations1764200000000 } from './projections.migration';
import { ReportingSummaries1765200000000 } from './summaries.migration';

// A facts generation from before the summaries: the migration adds each summary with its triggers
// and the counts of the facts already there, and from then on the triggers keep it.
describe('the summaries migration on a generation from before it', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;
  const apply = new ProjectionsKafkaController().batchHandler();
  const project = (events: ReturnType<typeof caseEvents>) => dataSource.transaction((manager) => apply(events, { manager, topic: 't', partition: 0 }));
  const migrate = async (step: 'up' | 'down') => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await new ReportingSummaries1765200000000()[step](runner);
    await runner.commitTransaction();
    await runner.release();
  };
  const contents = async () => {
    const all: Record<string, unknown[]> = {};
    for (const s of factsSummaries()) all[s.name] = await dataSource.query(`SELECT * FROM rm_facts_g1.${s.name} ORDER BY ${s.keys.map((k) => k.column).join(', ')}`);
    return all;
  };

  beforeAll(async () => {
    db = await migratedTestDataSource('reporting_summaries_migration', [ProjectionGenerations1764200000000], 3);
    dataSource = db.dataSource;
  }, 120000);
  afterAll(() => db?.close());

  it('counts the facts already projected, then keeps counting', async () => {
    await migrate('down');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'rm_facts_g1' AND table_name LIKE '%_by_%'`)).toEqual([{ n: 0 }]);
    await project([
      ...caseEvents({ municipalityCode: '751', houseCode: 'midt', referredAt: '2024-01-01', openedAt: '2024-01-11', closedAt: '2024-04-10' }),
      ...caseEvents({ municipalityCode: '851', houseCode: 'nord', referredAt: '2024-11-01', openedAt: '2024-11-02', closedAt: '2025-01-05' }),
    ]);
    await migrate('up');
    const afterMigration = await contents();
    expect(afterMigration.closed_cases_by_year).toEqual([
      { year: 2024, municipality_code: '751', house_code: 'midt', cases: 1 },
      { year: 2025, municipality_code: '851', house_code: 'nord', cases: 1 },
    ]);
    await project(caseEvents({ municipalityCode: '751', houseCode: 'midt', referredAt: '2024-02-01', openedAt: '2024-02-03', closedAt: '2024-05-01' }));
    const kept = await contents();
    expect(kept.closed_cases_by_year).toEqual([
      { year: 2024, municipality_code: '751', house_code: 'midt', cases: 2 },
      { year: 2025, municipality_code: '851', house_code: 'nord', cases: 1 },
    ]);
    // The same as counting the facts afresh.
    for (const s of factsSummaries()) {
      await dataSource.query(`TRUNCATE rm_facts_g1.${s.name}`);
      await dataSource.query(summaryBackfillStatement('rm_facts_g1', s));
    }
    expect(await contents()).toEqual(kept);
    // A second run finds them there and changes nothing.
    await migrate('up');
    expect(await contents()).toEqual(kept);
  });
});
