import { type IntegrationEvent, MandatoryReferralGapOpenedV1, VideoInterviewRecordedV1 } from '@sagsspor/contracts';
import { caseEvents, integrationEvent } from './events';

// Two municipalities' cases, interviews and gaps (ADR 0075's worked example, computed by hand in
// municipality-views.int.spec.ts): Aarhus (751, Børnehus Midt) and Aalborg (851, Børnehus Nord),
// as of 2025-06-20.

export const MUNICIPALITY_VIEWS_TODAY = '2025-06-20T10:00:00Z';
export const AARHUS = '751';
export const AALBORG = '851';

export const caseIds = {
  a3: '00000000-0000-4000-8000-0000000000a3',
  a4: '00000000-0000-4000-8000-0000000000a4',
  b2: '00000000-0000-4000-8000-0000000000b2',
};

/** The child reference caseEvents gives child n. */
const childRef = (n: number) => n.toString(16).padStart(64, '0');

const interview = (interviewId: string, child: number, municipalityCode: string, houseCode: 'midt' | 'nord', conductedAt: string) =>
  integrationEvent(VideoInterviewRecordedV1, {
    interviewId,
    revision: 1,
    policeDistrict: houseCode === 'midt' ? 'oestjylland' : 'nordjylland',
    childRef: childRef(child),
    childSex: 'female',
    childAgeYears: 8,
    municipalityCode,
    houseCode,
    conductedAt,
    reinterview: false,
    lateAgainstTarget: false,
  });

const gap = (gapId: string, municipalityCode: string, houseCode: 'midt' | 'nord', openedAt: string) =>
  integrationEvent(MandatoryReferralGapOpenedV1, { ...MandatoryReferralGapOpenedV1.example, gapId, underretningId: `U-${gapId}`, municipalityCode, houseCode, openedAt });

export function municipalityViewsEvents(): IntegrationEvent[] {
  return [
    // Aarhus: two closed (60 and 120 days), three open (§ 20 passed, near, far)
    ...caseEvents({ child: 0x751a1, municipalityCode: AARHUS, houseCode: 'midt', referredAt: '2025-01-05', openedAt: '2025-01-10', closedAt: '2025-03-11' }),
    ...caseEvents({ child: 0x751a2, municipalityCode: AARHUS, houseCode: 'midt', referredAt: '2025-01-22', openedAt: '2025-02-01', closedAt: '2025-06-01' }),
    ...caseEvents({ caseId: caseIds.a3, child: 0x751a3, municipalityCode: AARHUS, houseCode: 'midt', referredAt: '2025-02-20', openedAt: '2025-03-01', municipalityAwareAt: '2025-02-10' }),
    ...caseEvents({ caseId: caseIds.a4, child: 0x751a4, municipalityCode: AARHUS, houseCode: 'midt', referredAt: '2025-04-28', openedAt: '2025-05-01', municipalityAwareAt: '2025-02-25' }),
    ...caseEvents({ child: 0x751a5, municipalityCode: AARHUS, houseCode: 'midt', referredAt: '2025-05-25', openedAt: '2025-06-01', municipalityAwareAt: '2025-05-20' }),
    // Aalborg: one closed (30 days), one open past its § 20 deadline
    ...caseEvents({ child: 0x851b1, municipalityCode: AALBORG, houseCode: 'nord', referredAt: '2025-01-10', openedAt: '2025-01-15', closedAt: '2025-02-14' }),
    ...caseEvents({ caseId: caseIds.b2, child: 0x851b2, municipalityCode: AALBORG, houseCode: 'nord', referredAt: '2025-01-25', openedAt: '2025-02-01', municipalityAwareAt: '2025-01-20' }),
    // Interviews: Aarhus's first child referred (case opened two days later), two not referred; one of Aalborg's
    interview('VI-A1', 0x751a1, AARHUS, 'midt', '2025-01-08'),
    interview('VI-A6', 0x751a6, AARHUS, 'midt', '2025-03-01'),
    interview('VI-A7', 0x751a7, AARHUS, 'midt', '2025-06-01'),
    interview('VI-B3', 0x851b3, AALBORG, 'nord', '2025-03-05'),
    // Mandatory-referral gaps: one each
    gap('G-A', AARHUS, 'midt', '2025-04-02'),
    gap('G-B', AALBORG, 'nord', '2025-04-03'),
  ];
}
