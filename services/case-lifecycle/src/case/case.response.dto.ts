import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  abuseTypes,
  caseClocks,
  caseKinds,
  caseEndReasons,
  caseOutcomes,
  childSexes,
  conferenceKinds,
  deadlineStages,
  examinationKinds,
  houseCodes,
  participationModes,
  sectors,
  serviceKinds,
  serviceProviders,
  serviceRecipients,
  suspectAgeGroups,
  suspectRelations,
  suspectSexes,
} from '@sagsspor/contracts';

const caseStatuses = ['opened', 'in-assessment', 'closing-memo-sent', 'closed', 'settled'];

export class PoliceReleaseView {
  @ApiProperty({ enum: ['open', 'awaiting-release'], description: '`awaiting-release`: a police video interview of the child is pending, and services to the child are refused' })
  gate!: 'open' | 'awaiting-release';
  @ApiPropertyOptional({ format: 'date', example: '2025-03-06', description: 'Since when the child has awaited the release' }) awaitingSince?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-12', description: 'The latest release recorded on the case' }) releasedAt?: string;
  @ApiPropertyOptional({ enum: ['boernehus', 'police'], description: 'Who recorded the release: the house, or the police system (through sector-coordination)' }) releasedBy?: string;
}

export class ServiceView {
  @ApiProperty({ example: 'S-1' }) serviceId!: string;
  @ApiProperty({ enum: serviceKinds }) kind!: string;
  @ApiProperty({ enum: serviceProviders }) provider!: string;
  @ApiProperty({ enum: serviceRecipients }) recipient!: string;
  @ApiProperty({ format: 'date', example: '2025-03-14' }) deliveredAt!: string;
}

export class SuspectView {
  @ApiProperty({ example: 'SU-1' }) suspectId!: string;
  @ApiProperty({ enum: suspectSexes }) sex!: string;
  @ApiProperty({ enum: suspectRelations }) relation!: string;
  @ApiProperty({ enum: suspectAgeGroups }) ageGroup!: string;
}

export class ConferenceParticipantView {
  @ApiProperty({ enum: sectors }) sector!: string;
  @ApiProperty({ enum: participationModes }) mode!: string;
}

export class ConferenceView {
  @ApiProperty({ example: 'MIDT-SR-2025-77' }) conferenceId!: string;
  @ApiProperty({ enum: conferenceKinds }) kind!: string;
  @ApiProperty({ format: 'date', example: '2025-03-14' }) heldAt!: string;
  @ApiProperty({ type: [ConferenceParticipantView], maxItems: sectors.length, description: 'Each sector at most once' }) participants!: ConferenceParticipantView[];
}

export class ExaminationView {
  @ApiProperty({ example: 'EX-2025-17' }) examinationId!: string;
  @ApiProperty({ enum: examinationKinds }) kind!: string;
  @ApiProperty({ format: 'date', example: '2025-03-20' }) performedAt!: string;
}

export class ClosureCorrectionView {
  @ApiProperty({ example: 2 }) revision!: number;
  @ApiPropertyOptional({ example: 'The closing date was typed wrong', description: "The house's reason: never published, shown to the house and admins only" }) reason?: string;
  @ApiProperty({ format: 'date', example: '2025-06-12' }) correctedOn!: string;
}

export class SettlementView {
  @ApiProperty({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', example: '2025-06' }) settlementMonth!: string;
  @ApiProperty({ example: 2025 }) tariffYear!: number;
  @ApiProperty({ example: 13827 }) amountDkk!: number;
  @ApiProperty({ example: 1, description: 'A correction of a settled case settles it again with the next revision' }) revision!: number;
}

export class DeadlineReachedView {
  @ApiProperty({ enum: caseClocks }) clock!: string;
  @ApiProperty({ enum: deadlineStages }) stage!: string;
  @ApiProperty({ format: 'date', example: '2025-06-10' }) dueDate!: string;
  @ApiProperty({ format: 'date', example: '2025-05-27' }) reachedAt!: string;
}

export class CaseClocksView {
  @ApiProperty({ example: 2, description: 'Calendar days from the referral to the opening' }) waitingDays!: number;
  @ApiProperty({ example: 41, description: 'Calendar days from the opening to the closing, or to today while open' }) leadTimeDays!: number;
  @ApiProperty({ description: 'True once the case is closed (leadTimeDays is then final)' }) leadTimeFinal!: boolean;
  @ApiProperty({ format: 'date', example: '2025-06-10', description: 'openedAt + 90 days (within 90 days includes this day)' }) leadTime90DueDate!: string;
  @ApiProperty({ format: 'date', example: '2025-07-10', description: 'openedAt + 120 days' }) leadTime120DueDate!: string;
  @ApiProperty({ format: 'date', example: '2025-07-04', description: "The municipality's § 20 deadline: municipalityAwareAt + 4 months" }) section20DueDate!: string;
  @ApiProperty({ type: [DeadlineReachedView], maxItems: caseClocks.length * deadlineStages.length, description: 'Deadline stages the open case reached (each published as CaseDeadlineReachedV1)' })
  deadlinesReached!: DeadlineReachedView[];
}

export class CaseResponse {
  @ApiProperty({ example: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f' }) caseId!: string;
  @ApiProperty({ enum: caseStatuses }) status!: string;
  @ApiProperty({ example: 'AAR-HEN-2025-0042' }) referralId!: string;
  @ApiProperty({ description: 'Keyed pseudonym of the child (never the CPR)' }) childRef!: string;
  @ApiProperty({ enum: childSexes }) childSex!: string;
  @ApiProperty({ example: 9, description: 'Age at the opening' }) childAgeYears!: number;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ enum: houseCodes }) houseCode!: string;
  @ApiPropertyOptional({ example: 'midt-herning', description: "The site of the house the case is at: the one the house set (PUT /v1/cases/{caseId}/site), else the house's main site (reference data house_sites.csv, ADR 0075)" }) siteCode?: string;
  @ApiProperty({ enum: caseKinds }) caseKind!: string;
  @ApiProperty({ enum: abuseTypes, isArray: true, maxItems: abuseTypes.length, uniqueItems: true, description: 'Several allowed; empty when unknown' }) abuseTypes!: string[];
  @ApiProperty({ format: 'date', example: '2025-03-10' }) referredAt!: string;
  @ApiProperty({ format: 'date', example: '2025-03-04', description: 'Start of the municipality\'s 4-month § 20 clock' }) municipalityAwareAt!: string;
  @ApiProperty({ format: 'date', example: '2025-03-12' }) openedAt!: string;
  @ApiProperty({ type: PoliceReleaseView }) policeRelease!: PoliceReleaseView;
  @ApiProperty({ type: [ServiceView] }) services!: ServiceView[];
  @ApiProperty({ type: [SuspectView] }) suspects!: SuspectView[];
  @ApiProperty({ type: [ConferenceView], description: 'Case conferences held (from sector-coordination)' }) conferences!: ConferenceView[];
  @ApiProperty({ type: [ExaminationView], description: 'Examinations performed (from sector-coordination)' }) examinations!: ExaminationView[];
  @ApiPropertyOptional({ format: 'date', example: '2025-06-02' }) closingMemoSentAt?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-06-10' }) closedAt?: string;
  @ApiPropertyOptional({ enum: caseOutcomes }) outcome?: string;
  @ApiPropertyOptional({ example: 1, description: '1 for the closing, +1 per correction' }) closureRevision?: number;
  @ApiPropertyOptional({ enum: caseEndReasons, example: 'unstable-attendance', description: 'Why an interrupted or withdrawn case ended (`not-given` when the house gave none)' }) endReason?: string;
  @ApiPropertyOptional({ maxLength: 500, description: "The house's note on why it ended: never published, shown to the house and admins only" }) endNote?: string;
  @ApiProperty({ type: [ClosureCorrectionView] }) closureCorrections!: ClosureCorrectionView[];
  @ApiPropertyOptional({ type: SettlementView }) settlement?: SettlementView;
  @ApiProperty({ type: CaseClocksView }) clocks!: CaseClocksView;
}
