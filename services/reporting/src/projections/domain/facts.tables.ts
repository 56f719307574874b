import { type TableDefinition, versionColumn } from './projection-tables';
import { referralSummaries } from '../../referrals/referral-summaries';
import { type SummaryDefinition, summaryTable } from './summary-tables';

// The facts projection: one table per thing the integration events describe, keyed by its
// natural id: an id a caller gives together with its tenant (ADR 0095), since it is unique only
// within it. Reports join them by caseId and childRef at query time.

/** Where a case is (ADR 0075): the latest site its house put it at; a case without a row is at its house's main site. */
export const caseSitesTable: TableDefinition = {
  name: 'case_sites',
  columns: ['case_id uuid NOT NULL', versionColumn(), 'house_code text', 'municipality_code text', 'site_code text'],
  primaryKey: ['case_id'],
};

/**
 * Where a police video interview is (ADR 0076): the latest site it was put at, with the house it
 * was put there in; an interview without a row, or whose house is now another, is at its house's
 * main site (siteOrMain).
 */
export const videoInterviewSitesTable: TableDefinition = {
  name: 'video_interview_sites',
  columns: ['interview_id text NOT NULL', versionColumn(), 'police_district text NOT NULL', 'house_code text', 'municipality_code text', 'site_code text'],
  primaryKey: ['police_district', 'interview_id'],
};

const intakeColumns = [
  'referral_id text',
  'child_ref text',
  'child_sex text',
  'child_age_years int',
  'municipality_code text',
  'house_code text',
  'case_kind text',
  'abuse_types text[]',
  'referred_at date',
  'municipality_aware_at date',
  'opened_at date',
];

export const factsTables: readonly TableDefinition[] = [
  {
    name: 'referrals',
    columns: [
      'referral_id text NOT NULL',
      'child_ref text',
      'child_sex text',
      'child_age_years int',
      'municipality_code text NOT NULL',
      'house_code text',
      'referred_at date',
      'municipality_aware_at date',
      'abuse_types text[]',
      'case_kind text',
      'underretning_id text',
      versionColumn('facts_version'),
      'accepted_at date',
      'case_id uuid',
      'rejected_at date',
      'rejection_reason text',
      'withdrawn_at date',
      'withdrawal_reason text',
    ],
    primaryKey: ['municipality_code', 'referral_id'],
    indexes: [['child_ref']],
  },
  { name: 'case_intakes', columns: ['case_id uuid NOT NULL', versionColumn(), ...intakeColumns], primaryKey: ['case_id'], indexes: [['child_ref'], ['opened_at']] },
  {
    name: 'case_closures',
    columns: [
      'case_id uuid NOT NULL',
      versionColumn(),
      'revision int',
      ...intakeColumns,
      'closed_at date',
      'outcome text',
      'closing_memo_sent_at date',
      'lead_time_days int',
    ],
    primaryKey: ['case_id'],
    indexes: [['closed_at'], ['child_ref']],
  },
  {
    name: 'case_services',
    columns: ['case_id uuid NOT NULL', 'service_id text NOT NULL', versionColumn(), 'house_code text', 'municipality_code text', 'kind text', 'provider text', 'recipient text', 'delivered_at date'],
    primaryKey: ['case_id', 'service_id'],
  },
  {
    name: 'case_suspects',
    columns: ['case_id uuid NOT NULL', 'suspect_id text NOT NULL', versionColumn(), 'house_code text', 'sex text', 'relation text', 'age_group text'],
    primaryKey: ['case_id', 'suspect_id'],
  },
  {
    name: 'consultations',
    columns: ['consultation_id text NOT NULL', versionColumn(), 'house_code text', 'municipality_code text', 'asked_at date', 'outcome text', 'child_ref text', 'child_sex text', 'child_age_years int'],
    primaryKey: ['consultation_id'],
    indexes: [['asked_at']],
  },
  {
    name: 'mandatory_referral_gaps',
    columns: [
      'gap_id text NOT NULL',
      versionColumn('opened_version'),
      'underretning_id text',
      'municipality_code text NOT NULL',
      'house_code text',
      'child_ref text',
      'criteria_met_at date',
      'referral_due_by date',
      'referral_window_days int',
      'police_involvement text',
      'legal_basis text',
      'opened_at date',
      versionColumn('closed_version'),
      'referral_id text',
      'referred_at date',
      'days_overdue int',
    ],
    primaryKey: ['municipality_code', 'gap_id'],
    indexes: [['opened_at']],
  },
  {
    name: 'video_interviews',
    columns: [
      'interview_id text NOT NULL',
      versionColumn(),
      'revision int',
      'police_district text NOT NULL',
      'child_ref text',
      'child_sex text',
      'child_age_years int',
      'municipality_code text',
      'house_code text',
      'conducted_at date',
      'reported_to_police_at date',
      'requested_at date',
      'reinterview boolean',
      'days_from_report int',
      'late_against_target boolean',
    ],
    primaryKey: ['police_district', 'interview_id'],
    indexes: [['conducted_at'], ['child_ref']],
  },
  videoInterviewSitesTable,
  {
    name: 'case_conferences',
    columns: ['conference_id text NOT NULL', versionColumn(), 'case_id uuid', 'house_code text', 'kind text', 'held_at date', 'participants jsonb'],
    primaryKey: ['conference_id'],
    indexes: [['case_id']],
  },
  caseSitesTable,
  {
    name: 'examinations',
    columns: ['examination_id text NOT NULL', versionColumn(), 'case_id uuid', 'kind text', 'performed_at date'],
    primaryKey: ['examination_id'],
    indexes: [['case_id']],
  },
  // The summaries come last: each is kept by triggers on a fact table above (ADR 0046).
  ...factsSummaries().map(summaryTable),
];

/**
 * The summary read models of the facts, per key the reports look up (ADR 0046): closed cases per
 * year, municipality and house (usage); per closing day, house and lead time (lead times and their
 * monthly trend: a count per lead time keeps the median and the 90th percentile exact); opened
 * cases per day, house and wait from referral (lead times).
 */
export function factsSummaries(): SummaryDefinition[] {
  // closed_cases_by_kind (usage: the case kinds and outcomes it counts) and referrals_by_day (the referral report): referrals/referral-summaries.ts, ADR 0073.
  return [
    {
      name: 'closed_cases_by_year',
      source: 'case_closures',
      keys: [
        { column: 'year', type: 'int', expression: 'extract(year FROM closed_at)::int' },
        { column: 'municipality_code', type: 'text', expression: 'municipality_code' },
        { column: 'house_code', type: 'text', expression: 'house_code' },
      ],
      count: 'cases',
    },
    {
      name: 'closed_cases_by_day',
      source: 'case_closures',
      keys: [
        { column: 'closed_at', type: 'date', expression: 'closed_at' },
        { column: 'house_code', type: 'text', expression: 'house_code' },
        { column: 'lead_time_days', type: 'int', expression: 'closed_at - opened_at' },
      ],
      count: 'cases',
    },
    {
      name: 'opened_cases_by_day',
      source: 'case_intakes',
      keys: [
        { column: 'opened_at', type: 'date', expression: 'opened_at' },
        { column: 'house_code', type: 'text', expression: 'house_code' },
        { column: 'waiting_days', type: 'int', expression: 'opened_at - referred_at' },
      ],
      count: 'cases',
    },
    ...referralSummaries(),
  ];
}
