import type { SummaryDefinition } from '../projections/domain/summary-tables';

// Two summaries of the facts projection (ADR 0046, ADR 0073), kept by triggers like the others:
//
// - `referrals_by_day`: referrals per referral date (`referredAt`), handlekommune, house, case
//   kind and status, from the `referrals` facts (ReferralSubmitted/Accepted/Rejected/Withdrawn).
//   A decision moves a referral from `pending` to its status: the trigger takes 1 from the old
//   key and adds 1 to the new one, in the statement that writes the decision.
// - `closed_cases_by_kind`: closed cases per year, handlekommune, house, case kind and outcome
//   (latest closure revision), so the usage report counts the kinds and outcomes of the annual
//   statistics without reading every closure.

/** A referral's status from its decisions: a withdrawal outranks a rejection, a rejection an acceptance. */
export const REFERRAL_STATUS_SQL = `CASE WHEN withdrawn_at IS NOT NULL THEN 'withdrawn' WHEN rejected_at IS NOT NULL THEN 'rejected' WHEN accepted_at IS NOT NULL THEN 'accepted' ELSE 'pending' END`;

export const referralStatuses = ['accepted', 'rejected', 'withdrawn', 'pending'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export function referralSummaries(): SummaryDefinition[] {
  return [
    {
      name: 'referrals_by_day',
      source: 'referrals',
      keys: [
        { column: 'referred_at', type: 'date', expression: 'referred_at' },
        { column: 'municipality_code', type: 'text', expression: 'municipality_code' },
        { column: 'house_code', type: 'text', expression: 'house_code' },
        { column: 'case_kind', type: 'text', expression: 'case_kind' },
        { column: 'status', type: 'text', expression: REFERRAL_STATUS_SQL },
      ],
      count: 'referrals',
    },
    {
      name: 'closed_cases_by_kind',
      source: 'case_closures',
      keys: [
        { column: 'year', type: 'int', expression: 'extract(year FROM closed_at)::int' },
        { column: 'municipality_code', type: 'text', expression: 'municipality_code' },
        { column: 'house_code', type: 'text', expression: 'house_code' },
        { column: 'case_kind', type: 'text', expression: 'case_kind' },
        { column: 'outcome', type: 'text', expression: 'outcome' },
      ],
      count: 'cases',
    },
  ];
}
