import {
  CaseEndReasonRecordedV1,
  type IntegrationEvent,
  UnderretningDecisionsRecordedV1,
  UnderretningNotReferredReasonsRecordedV1,
  UnderretningReceivedV1,
} from '@sagsspor/contracts';
import { type TableDefinition, versionColumn } from '../projections/domain/projection-tables';
import { revisionVersion, type RowUpsert, timeVersion } from '../projections/domain/row-change';

// The reasons projection (issue 23 items 6 and 9, ADR 0074): what happens to an underretning
// before the mandatory-referral criteria are met (its § 11 and police dates, why the child was not
// referred), and why a case ended before it was completed. Codes and dates only: the free-text
// notes never leave their services. A row per underretning or case, keyed by its natural id;
// each event writes only its own columns under its own version, so any order and any number of
// deliveries give the same rows.

export const reasonsTables: readonly TableDefinition[] = [
  {
    name: 'underretning_receipts',
    columns: ['municipality_code text NOT NULL', 'underretning_id text NOT NULL', versionColumn(), 'received_at date', 'concerns text[]'],
    primaryKey: ['municipality_code', 'underretning_id'],
    indexes: [['received_at']],
  },
  {
    name: 'underretning_decision_dates',
    columns: [
      'municipality_code text NOT NULL',
      'underretning_id text NOT NULL',
      versionColumn(),
      'child_investigation_decided_at date',
      'police_reported_at date',
      'police_consulted_at date',
      'hospital_involved_at date',
      'preventive_measure_at date',
    ],
    primaryKey: ['municipality_code', 'underretning_id'],
  },
  {
    name: 'underretning_not_referred_reasons',
    columns: ['municipality_code text NOT NULL', 'underretning_id text NOT NULL', versionColumn(), 'reasons text[]', 'recorded_on date'],
    primaryKey: ['municipality_code', 'underretning_id'],
  },
  {
    name: 'case_end_reasons',
    columns: ['case_id uuid NOT NULL', versionColumn(), 'house_code text', 'municipality_code text', 'outcome text', 'closed_at date', 'reason text', 'revision int'],
    primaryKey: ['case_id'],
  },
];

const underretningKey = (d: { municipalityCode: string; underretningId: string }) => ({ municipality_code: d.municipalityCode, underretning_id: d.underretningId });

export function reasonsChanges(event: IntegrationEvent): RowUpsert[] {
  switch (event.type) {
    case UnderretningReceivedV1.type: {
      const d = event.data as UnderretningReceivedV1;
      return [{ table: 'underretning_receipts', key: underretningKey(d), set: { received_at: d.receivedAt, concerns: d.concerns }, guard: { column: 'version', version: timeVersion(event.time, event.id) } }];
    }
    case UnderretningDecisionsRecordedV1.type: {
      // Every date known so far: a date left out was withdrawn.
      const d = event.data as UnderretningDecisionsRecordedV1;
      return [
        {
          table: 'underretning_decision_dates',
          key: underretningKey(d),
          set: {
            child_investigation_decided_at: d.childInvestigationDecidedAt ?? null,
            police_reported_at: d.policeReportedAt ?? null,
            police_consulted_at: d.policeConsultedAt ?? null,
            hospital_involved_at: d.hospitalInvolvedAt ?? null,
            preventive_measure_at: d.preventiveMeasureAt ?? null,
          },
          guard: { column: 'version', version: timeVersion(event.time, event.id) },
        },
      ];
    }
    case UnderretningNotReferredReasonsRecordedV1.type: {
      const d = event.data as UnderretningNotReferredReasonsRecordedV1;
      return [{ table: 'underretning_not_referred_reasons', key: underretningKey(d), set: { reasons: d.reasons, recorded_on: d.recordedOn }, guard: { column: 'version', version: timeVersion(event.time, event.id) } }];
    }
    case CaseEndReasonRecordedV1.type: {
      const d = event.data as CaseEndReasonRecordedV1;
      return [
        {
          table: 'case_end_reasons',
          key: { case_id: d.caseId },
          set: { house_code: d.houseCode, municipality_code: d.municipalityCode, outcome: d.outcome, closed_at: d.closedAt, reason: d.reason, revision: d.revision },
          guard: { column: 'version', version: revisionVersion(d.revision, event.id) },
        },
      ];
    }
    default:
      return [];
  }
}

export const reasonsEventTypes = [UnderretningReceivedV1.type, UnderretningDecisionsRecordedV1.type, UnderretningNotReferredReasonsRecordedV1.type, CaseEndReasonRecordedV1.type];
