import { createTableStatements } from './projection-tables';
import { type SummaryDefinition, summaryBackfillStatement, summaryMaintenanceStatements, summaryTable } from './summary-tables';

const byYear: SummaryDefinition = {
  name: 'closed_cases_by_year',
  source: 'case_closures',
  keys: [
    { column: 'year', type: 'int', expression: 'extract(year FROM closed_at)::int' },
    { column: 'house_code', type: 'text', expression: 'house_code' },
  ],
  count: 'cases',
};

describe('summary tables', () => {
  it('is a table keyed by its keys, with a count, created with the statement-level triggers that keep it', () => {
    const statements = createTableStatements('rm_facts_g2', [summaryTable(byYear)]);
    expect(statements[0]).toBe('CREATE TABLE "rm_facts_g2"."closed_cases_by_year" (year int NOT NULL, house_code text NOT NULL, cases int NOT NULL, PRIMARY KEY ("year", "house_code"))');
    expect(statements.slice(1)).toEqual(summaryMaintenanceStatements('rm_facts_g2', byYear));
    const triggers = statements.filter((s) => s.startsWith('CREATE TRIGGER'));
    expect(triggers).toEqual([
      'CREATE TRIGGER "closed_cases_by_year_on_insert" AFTER INSERT ON "rm_facts_g2"."case_closures" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rm_facts_g2"."closed_cases_by_year_on_insert"()',
      'CREATE TRIGGER "closed_cases_by_year_on_update" AFTER UPDATE ON "rm_facts_g2"."case_closures" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rm_facts_g2"."closed_cases_by_year_on_update"()',
    ]);
  });

  it('counts an update as +1 for the row written and −1 for the version it replaced, skips rows without a key, and drops keys at zero', () => {
    const [, , onUpdate] = summaryMaintenanceStatements('s', byYear);
    expect(onUpdate).toContain('1 AS delta FROM new_rows WHERE (extract(year FROM closed_at)::int) IS NOT NULL AND (house_code) IS NOT NULL');
    expect(onUpdate).toContain('UNION ALL SELECT (extract(year FROM closed_at)::int) AS "year", (house_code) AS "house_code", -1 AS delta FROM old_rows');
    expect(onUpdate).toContain('HAVING sum(delta) <> 0 ORDER BY 1, 2');
    expect(onUpdate).toContain('ON CONFLICT ("year", "house_code") DO UPDATE SET "cases" = stored."cases" + EXCLUDED."cases"');
    expect(onUpdate).toContain('DELETE FROM "s"."closed_cases_by_year" WHERE "cases" = 0');
  });

  it('fills a new summary from the fact rows already there with the same grouping', () => {
    expect(summaryBackfillStatement('s', byYear)).toContain('FROM "s"."case_closures" WHERE');
  });

  it('refuses an unsafe identifier', () => {
    expect(() => summaryMaintenanceStatements('s; DROP', byYear)).toThrow(/not a safe SQL identifier/);
  });
});
