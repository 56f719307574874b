import { daysBetween } from '@sagsspor/calendar';
import { houseSites } from '@sagsspor/reference-data';
import type { CaseConference, CaseExamination } from '../case-references/case-references.repository';
import type { CaseFile } from './case.decider';
import type { CaseResponse } from './case.response.dto';
import { dueDatesOf } from './domain/deadlines';
import { siteOfCase } from './case-site';

/**
 * The case as GET /v1/cases/{caseId} shows it: its state, what sector-coordination held for it, and
 * its clocks on `today`. The free-text reasons of closure corrections are shown only to those who
 * write them (the house, admins), not to municipalities or ops.
 */
export function caseView(
  file: CaseFile,
  references: { conferences: CaseConference[]; examinations: CaseExamination[] },
  today: string,
  { showCorrectionReasons }: { showCorrectionReasons: boolean },
): CaseResponse {
  const { intake, police, closure, settlement } = file;
  const due = dueDatesOf(intake);
  return {
    caseId: intake.caseId,
    status: file.status,
    referralId: intake.referralId,
    childRef: intake.childRef,
    childSex: intake.childSex,
    childAgeYears: intake.childAgeYears,
    municipalityCode: intake.municipalityCode,
    houseCode: intake.houseCode,
    siteCode: siteOfCase(file, houseSites),
    caseKind: intake.caseKind,
    abuseTypes: intake.abuseTypes,
    referredAt: intake.referredAt,
    municipalityAwareAt: intake.municipalityAwareAt,
    openedAt: intake.openedAt,
    policeRelease: {
      gate: police.awaitingSince ? 'awaiting-release' : 'open',
      ...(police.awaitingSince ? { awaitingSince: police.awaitingSince } : {}),
      ...(police.releasedAt ? { releasedAt: police.releasedAt, releasedBy: police.releasedBy } : {}),
    },
    services: file.services,
    suspects: file.suspects,
    conferences: references.conferences,
    examinations: references.examinations,
    ...(file.closingMemoSentAt ? { closingMemoSentAt: file.closingMemoSentAt } : {}),
    ...(closure ? { closedAt: closure.closedAt, outcome: closure.outcome, closureRevision: closure.revision } : {}),
    ...(closure && closure.outcome !== 'completed' ? { endReason: closure.endReason ?? 'not-given' } : {}),
    ...(closure?.endNote !== undefined && showCorrectionReasons ? { endNote: closure.endNote } : {}),
    closureCorrections: file.corrections.map(({ revision, reason, correctedOn }) => ({ revision, correctedOn, ...(showCorrectionReasons ? { reason } : {}) })),
    ...(settlement ? { settlement: { settlementMonth: settlement.settlementMonth, tariffYear: settlement.tariffYear, amountDkk: settlement.amountDkk, revision: settlement.revision } } : {}),
    clocks: {
      waitingDays: daysBetween(intake.referredAt, intake.openedAt),
      leadTimeDays: closure ? closure.leadTimeDays : daysBetween(intake.openedAt, today),
      leadTimeFinal: closure !== undefined,
      leadTime90DueDate: due['lead-time-90'],
      leadTime120DueDate: due['lead-time-120'],
      section20DueDate: due['section-20'],
      deadlinesReached: file.deadlines,
    },
  };
}
