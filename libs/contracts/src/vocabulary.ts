// Shared vocabulary of the public contracts (api.md, domain.md). Codes, never free text: free
// text could carry a name, and nothing personal may leave a service.
export const houseCodes = ['hovedstaden', 'sjaelland', 'syd', 'midt', 'nord'] as const;
export type HouseCode = (typeof houseCodes)[number];

export const childSexes = ['female', 'male'] as const;
export type ChildSex = (typeof childSexes)[number];

export const concerns = ['violence', 'sexual', 'psychological', 'neglect', 'sexually-concerning-behaviour', 'other'] as const;
export type Concern = (typeof concerns)[number];

export const underretningSources = ['school', 'daycare', 'health', 'police', 'citizen', 'anonymous', 'family', 'other'] as const;
export type UnderretningSource = (typeof underretningSources)[number];

/** Abuse types of a børnehus case; a case may have several (psychological violence from 2020). Empty: unknown. */
export const abuseTypes = ['violence', 'sexual', 'psychological'] as const;
export type AbuseType = (typeof abuseTypes)[number];

/** `abuse`: a child exposed to violence or sexual abuse; `sba`: a child's sexually concerning behaviour. */
export const caseKinds = ['abuse', 'sba'] as const;
export type CaseKind = (typeof caseKinds)[number];

/**
 * What counts as "the police is involved" in the mandatory-referral criteria (domain.md section 2):
 * `reported` (the case was reported to the police) or `consulted` (the police were consulted, which
 * includes reported). A setting; every evaluation says which one it used.
 */
export const policeInvolvementDefinitions = ['reported', 'consulted'] as const;
export type PoliceInvolvementDefinition = (typeof policeInvolvementDefinitions)[number];

export const consultationOutcomes = ['advice-given', 'referral-recommended', 'no-further-action', 'other'] as const;
export type ConsultationOutcome = (typeof consultationOutcomes)[number];

export const referralRejectionReasons = ['outside-target-group', 'insufficient-information', 'belongs-to-other-house', 'duplicate', 'other'] as const;
export type ReferralRejectionReason = (typeof referralRejectionReasons)[number];

export const referralWithdrawalReasons = ['municipality-withdrew', 'family-moved', 'duplicate', 'other'] as const;
export type ReferralWithdrawalReason = (typeof referralWithdrawalReasons)[number];

export const caseOutcomes = ['completed', 'interrupted', 'withdrawn'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/** Services (ydelser) delivered in a børnehus case, and who provides each (annual statistics: services by provider). */
export const serviceKinds = [
  'crisis-conversation',
  'assessment-conversation',
  'play-observation',
  'screening',
  'joint-child-conversation',
  'network-meeting',
  'video-interview',
  'forensic-examination',
  'paediatric-examination',
  'other',
] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export const serviceProviders = ['boernehus', 'police', 'forensic', 'paediatrician'] as const;
export type ServiceProvider = (typeof serviceProviders)[number];

export const providerOfService: Readonly<Record<ServiceKind, ServiceProvider>> = {
  'crisis-conversation': 'boernehus',
  'assessment-conversation': 'boernehus',
  'play-observation': 'boernehus',
  screening: 'boernehus',
  'joint-child-conversation': 'boernehus',
  'network-meeting': 'boernehus',
  'video-interview': 'police',
  'forensic-examination': 'forensic',
  'paediatric-examination': 'paediatrician',
  other: 'boernehus',
};

/** Who a service is delivered to. The police release gate stops services that reach the child. */
export const serviceRecipients = ['child', 'carer', 'child-and-carer', 'network'] as const;
export type ServiceRecipient = (typeof serviceRecipients)[number];

export const suspectSexes = ['female', 'male', 'unknown'] as const;
export type SuspectSex = (typeof suspectSexes)[number];

export const suspectRelations = ['parent', 'step-parent', 'sibling', 'other-family', 'acquaintance', 'professional', 'other-child', 'stranger', 'unknown'] as const;
export type SuspectRelation = (typeof suspectRelations)[number];

export const suspectAgeGroups = ['under-15', '15-17', '18-29', '30-49', '50-plus', 'unknown'] as const;
export type SuspectAgeGroup = (typeof suspectAgeGroups)[number];

export const conferenceKinds = ['coordinating', 'follow-up', 'concluding'] as const;
export type ConferenceKind = (typeof conferenceKinds)[number];

export const sectors = ['municipality', 'police', 'paediatrician', 'forensic', 'boernehus'] as const;
export type Sector = (typeof sectors)[number];

/** How a sector took part in a case conference (phone feedback registrable since 2016). */
export const participationModes = ['attended', 'written', 'phone', 'absent'] as const;
export type ParticipationMode = (typeof participationModes)[number];

export const examinationKinds = ['paediatric', 'forensic'] as const;
export type ExaminationKind = (typeof examinationKinds)[number];

/** The clocks of an open case: lead time against 90 and 120 days, and the municipality's § 20 deadline (aware + 4 months). */
export const caseClocks = ['lead-time-90', 'lead-time-120', 'section-20'] as const;
export type CaseClock = (typeof caseClocks)[number];

export const deadlineStages = ['approaching', 'passed'] as const;
export type DeadlineStage = (typeof deadlineStages)[number];

/**
 * The provision the municipality's duty to refer rests on: Serviceloven § 50 b until the end of 2023,
 * Barnets lov § 125 from 1 January 2024 (the same duty, renumbered). A duty belongs to the law in
 * force on the day it arose (the day the criteria were met).
 */
export const mandatoryReferralProvisions = ['serviceloven-50b', 'barnets-lov-125'] as const;
export type MandatoryReferralProvision = (typeof mandatoryReferralProvisions)[number];

/** The day Barnets lov came into force and replaced the Serviceloven sections on children. */
export const barnetsLovInForceFrom = '2024-01-01';

/** The provision of a duty to refer that arose on `date` (YYYY-MM-DD). */
export const mandatoryReferralProvisionOn = (date: string): MandatoryReferralProvision => (date < barnetsLovInForceFrom ? 'serviceloven-50b' : 'barnets-lov-125');

/**
 * Why the municipality did not refer a child to the børnehus (issue 23 item 6, ADR 0074): the
 * reasons Ankestyrelsen's study found ("Der kan være følgende årsager til, at kommunen undlader at
 * benytte børnehuset", chapters 2-6), plus `other`. The Danish wording of each is in danish.ts of
 * reporting and in docs/services/referrals.md.
 */
export const notReferredReasons = [
  'preventive-measure-instead',
  'severity-judged-too-low',
  'police-assessment-decided',
  'police-not-involved',
  'consent-treated-as-required',
  'treated-as-an-offer',
  'parents-opposed',
  'trust-with-parents',
  'distance',
  'disagreement-on-support-needs',
  'waiting-time',
  'limited-benefit',
  'lack-of-knowledge',
  'municipal-economy',
  'other',
] as const;
export type NotReferredReason = (typeof notReferredReasons)[number];

/**
 * Why a case was closed as interrupted or withdrawn (issue 23 item 9, ADR 0074): Børnehus Midt's
 * "ustabilt fremmøde" and "familierne ikke er motiveret til fremmøde", the parents' opposition of
 * Ankestyrelsen's study, and our own additions; `not-given` when none was given (the default).
 */
export const caseEndReasons = ['unstable-attendance', 'family-not-motivated', 'parents-opposed', 'municipality-withdrew', 'family-moved', 'other', 'not-given'] as const;
export type CaseEndReason = (typeof caseEndReasons)[number];
