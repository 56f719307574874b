import type { serviceNames } from './index';

/**
 * Where a rule of the OWASP API Security ruleset is switched off, each place with the reason ADR
 * 0098 gives: answers' arrays that grow with a case's or a child's history, which no limit the
 * service enforces bounds (a maxItems would be false). Nothing else is switched off.
 */
export const unboundedAnswerArrays: { service: (typeof serviceNames)[number]; pointer: string; grows: string }[] = [
  { service: 'case-lifecycle', pointer: '/components/schemas/CaseResponse/properties/services', grows: 'one per service delivered to the child' },
  { service: 'case-lifecycle', pointer: '/components/schemas/CaseResponse/properties/suspects', grows: 'one per suspect registered' },
  { service: 'case-lifecycle', pointer: '/components/schemas/CaseResponse/properties/conferences', grows: 'one per case conference held' },
  { service: 'case-lifecycle', pointer: '/components/schemas/CaseResponse/properties/examinations', grows: 'one per examination performed' },
  { service: 'case-lifecycle', pointer: '/components/schemas/CaseResponse/properties/closureCorrections', grows: 'one per correction of the closing' },
  { service: 'case-lifecycle', pointer: '/components/schemas/SettlementStatementResponse/properties/lines', grows: "one per case settled in the month" },
  { service: 'case-lifecycle', pointer: '/paths/~1v1~1reference~1tariffs/get/responses/200/content/application~1json/schema', grows: 'five per year of tariffs (without `year`, every year)' },
  { service: 'sector-coordination', pointer: '/components/schemas/VideoInterviewHistoryResponse/properties/revisions', grows: 'one per correction the police system sends' },
  { service: 'referrals', pointer: '/paths/~1v1~1admin~1child-erasures/get/responses/200/content/application~1json/schema', grows: "one per erasure of the child's CPR" },
  { service: 'sector-coordination', pointer: '/paths/~1v1~1admin~1child-erasures/get/responses/200/content/application~1json/schema', grows: "one per erasure of the child's CPR" },
];
