import { CaseSettledV1, type IntegrationEvent } from '@sagsspor/contracts';
import { type TableDefinition, versionColumn } from '../projections/domain/projection-tables';
import { revisionVersion, type RowUpsert } from '../projections/domain/row-change';

// The settlements projection: one row per case, its highest settlement revision (a correction of
// the closing settles the case again with the next revision and replaces the earlier settlement,
// whatever order the two arrive in). Feeds the settlement statements (docs/money.md).

export const settlementsTables: readonly TableDefinition[] = [
  {
    name: 'case_settlements',
    columns: [
      'case_id uuid NOT NULL',
      versionColumn(),
      'revision int',
      'municipality_code text',
      'house_code text',
      'outcome text',
      'closed_at date',
      'settlement_month text',
      'tariff_year int',
      'amount_dkk numeric',
    ],
    primaryKey: ['case_id'],
    indexes: [['settlement_month']],
  },
];

export const settlementsEventTypes = [CaseSettledV1.type];

export function settlementsChanges(event: IntegrationEvent): RowUpsert[] {
  if (event.type !== CaseSettledV1.type) return [];
  const d = event.data as CaseSettledV1;
  const revision = d.revision ?? 1;
  return [
    {
      table: 'case_settlements',
      key: { case_id: d.caseId },
      set: {
        revision,
        municipality_code: d.municipalityCode,
        house_code: d.houseCode,
        outcome: d.outcome,
        closed_at: d.closedAt,
        settlement_month: d.settlementMonth,
        tariff_year: d.tariffYear,
        amount_dkk: String(d.amountDkk),
      },
      guard: { column: 'version', version: revisionVersion(revision, event.id) },
    },
  ];
}
