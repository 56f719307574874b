// The three criteria for mandatory use of the børnehus (Barnets lov § 125, domain.md section 2).
// Pure: the police-involvement definition is a setting and comes in as an argument (ADR 0010).
import type { CalendarDate } from '@sagsspor/calendar';
import type { Concern, PoliceInvolvementDefinition } from '@sagsspor/contracts';
import type { CriteriaEvaluation, UnderretningDecisions } from '../underretning.events';

/**
 * Concerns that amount to "knowledge or suspicion of violent or sexual abuse". Psychological
 * violence counts: it has been violence in Danish criminal law since 2019 (straffeloven § 243) and
 * the annual statistics count it as an abuse type from 2020. Neglect, a child's own sexually
 * concerning behaviour and `other` do not.
 */
export const abuseConcerns: readonly Concern[] = ['violence', 'sexual', 'psychological'];

const latest = (dates: CalendarDate[]) => dates.reduce((a, b) => (a > b ? a : b));
const earliest = (dates: CalendarDate[]) => dates.reduce((a, b) => (a < b ? a : b));

/**
 * Criterion 1 holds from receipt; criterion 2 from the § 20 decision; criterion 3 from the first
 * qualifying involvement (hospital, police report, or, under `consulted`, a police consultation).
 * `metAt` is the latest of the three. A § 11 preventive measure changes none of them (ADR 0010).
 */
export function evaluateMandatoryReferralCriteria(
  underretning: { concerns: readonly Concern[]; receivedAt: CalendarDate },
  decisions: UnderretningDecisions,
  policeInvolvement: PoliceInvolvementDefinition,
): CriteriaEvaluation {
  const abuseSuspected = underretning.concerns.some((c) => abuseConcerns.includes(c));
  const investigationDecidedAt = decisions.childInvestigationDecidedAt;
  const involvementDates = [decisions.hospitalInvolvedAt, decisions.policeReportedAt, policeInvolvement === 'consulted' ? decisions.policeConsultedAt : undefined].filter(
    (d): d is CalendarDate => d !== undefined,
  );
  const involvedAt = involvementDates.length > 0 ? earliest(involvementDates) : undefined;
  const met = abuseSuspected && investigationDecidedAt !== undefined && involvedAt !== undefined;
  return {
    policeInvolvement,
    abuseSuspected,
    investigationDecided: investigationDecidedAt !== undefined,
    policeOrHospitalInvolved: involvedAt !== undefined,
    met,
    ...(met ? { metAt: latest([underretning.receivedAt, investigationDecidedAt!, involvedAt!]) } : {}),
  };
}
