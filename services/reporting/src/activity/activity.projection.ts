import { CaseOpenedV1, type CaseOpenedV1 as CaseOpened, ExaminationPerformedV1, type ExaminationPerformedV1 as ExaminationPerformed, type IntegrationEvent, UnderretningReceivedV1, type UnderretningReceivedV1 as UnderretningReceived } from '@sagsspor/contracts';
import type { TableDefinition } from '../projections/domain/projection-tables';
import { type SummaryDefinition, summaryTable } from '../projections/domain/summary-tables';
import type { RowUpsert } from '../projections/domain/row-change';

export type ActivityMetric = 'underretninger-received' | 'cases-opened' | 'examinations-performed';

/**
 * The activity read model: how many underretninger, opened cases and examinations, overall and by
 * municipality, house or kind. A row per (metric, the thing's own id, dimension), counted at query
 * time: a set, so any arrival order and any number of deliveries give the same counts (and a
 * rebuild loads it as one, ADR 0047). Keyed by the item first: the key a rebuild builds after its
 * load sorts on the column that tells rows apart, not on `metric`'s three values (ADR 0083).
 */
export const activityTables: readonly TableDefinition[] = [
  { name: 'activity_facts', columns: ['metric text NOT NULL', 'item_id text NOT NULL', 'dimension text NOT NULL'], primaryKey: ['item_id', 'dimension', 'metric'], loadedAsSet: true },
  ...activitySummaries().map(summaryTable),
];

/** The count of items per metric and dimension, kept by triggers on activity_facts (ADR 0046): what the activity report reads. */
export function activitySummaries(): SummaryDefinition[] {
  return [
    {
      name: 'activity_totals',
      source: 'activity_facts',
      keys: [
        { column: 'metric', type: 'text', expression: 'metric' },
        { column: 'dimension', type: 'text', expression: 'dimension' },
      ],
      count: 'items',
    },
  ];
}

const facts = (metric: ActivityMetric, itemId: string, dimensions: string[]): RowUpsert[] =>
  ['total', ...dimensions].map((dimension) => ({ table: 'activity_facts', key: { metric, item_id: itemId, dimension }, set: {} }));

export function activityChanges(event: IntegrationEvent): RowUpsert[] {
  switch (event.type) {
    case UnderretningReceivedV1.type: {
      const d = event.data as UnderretningReceived;
      // An underretning id is unique within its municipality only (ADR 0095).
      return facts('underretninger-received', `${d.municipalityCode}:${d.underretningId}`, [`municipality:${d.municipalityCode}`]);
    }
    case CaseOpenedV1.type: {
      const d = event.data as CaseOpened;
      return facts('cases-opened', d.caseId, [`house:${d.houseCode}`, `municipality:${d.municipalityCode}`]);
    }
    case ExaminationPerformedV1.type: {
      const d = event.data as ExaminationPerformed;
      return facts('examinations-performed', d.examinationId, [`kind:${d.kind}`]);
    }
    default:
      return [];
  }
}

export const activityEventTypes = [UnderretningReceivedV1.type, CaseOpenedV1.type, ExaminationPerformedV1.type];
