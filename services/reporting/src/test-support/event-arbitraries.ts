import { addDays } from '@sagsspor/calendar';
import {
  CaseClosedV1,
  CaseClosureCorrectedV1,
  CaseConferenceHeldV1,
  CaseEndReasonRecordedV1,
  caseEndReasons,
  CaseOpenedV1,
  CaseServiceDeliveredV1,
  CaseSuspectRegisteredV1,
  ConsultationRecordedV1,
  ExaminationPerformedV1,
  type IntegrationEvent,
  type IntegrationEventDefinition,
  MandatoryReferralGapClosedV1,
  MandatoryReferralGapOpenedV1,
  MandatoryReferralGapOpenedV2,
  mandatoryReferralGapOpenedV2FromV1,
  ReferralAcceptedV1,
  notReferredReasons,
  ReferralSubmittedV1,
  UnderretningDecisionsRecordedV1,
  UnderretningNotReferredReasonsRecordedV1,
  UnderretningReceivedV1,
  VideoInterviewCorrectedV1,
  VideoInterviewRecordedV1,
  VideoInterviewSiteAssignedV1,
} from '@sagsspor/contracts';
import fc from 'fast-check';

// Generated worlds of integration events, valid against the contracts, with the conflicts that
// make order matter to a naive projection: closure corrections, interview corrections, gaps
// closed before they are seen opened, several cases for one child.

const childRefs = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const uuidOf = (n: number) => `${hex(n, 8)}-0000-4000-8000-${hex(n, 12)}`;
let eventCounter = 0;

function eventOf<T>(definition: IntegrationEventDefinition<T>, data: T, day: string): IntegrationEvent {
  eventCounter += 1;
  return { id: uuidOf(1_000_000 + eventCounter), type: definition.type, source: definition.source, time: `${day}T12:00:00.000Z`, data };
}

const caseArbitrary = fc.record({
  child: fc.integer({ min: 0, max: childRefs.length - 1 }),
  municipality: fc.constantFrom('751', '665', '661', '851'),
  house: fc.constantFrom('midt', 'nord'),
  referredDay: fc.integer({ min: 0, max: 300 }),
  acceptDelay: fc.integer({ min: 0, max: 20 }),
  closures: fc.array(fc.record({ leadTime: fc.integer({ min: 0, max: 200 }), outcome: fc.constantFrom('completed', 'interrupted', 'withdrawn') as fc.Arbitrary<'completed' | 'interrupted' | 'withdrawn'> }), { maxLength: 3 }),
  services: fc.array(fc.constantFrom('crisis-conversation', 'video-interview', 'paediatric-examination') as fc.Arbitrary<'crisis-conversation' | 'video-interview' | 'paediatric-examination'>, { maxLength: 3 }),
  suspects: fc.array(fc.constantFrom('male', 'female', 'unknown') as fc.Arbitrary<'male' | 'female' | 'unknown'>, { maxLength: 2 }),
  conferences: fc.array(fc.constantFrom('coordinating', 'follow-up', 'concluding') as fc.Arbitrary<'coordinating' | 'follow-up' | 'concluding'>, { maxLength: 2 }),
  examined: fc.boolean(),
});

const interviewArbitrary = fc.record({
  child: fc.integer({ min: 0, max: childRefs.length - 1 }),
  day: fc.integer({ min: 0, max: 330 }),
  corrections: fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 2 }),
  reinterview: fc.boolean(),
  // Put at a site of Midt, perhaps moved again (ADR 0076): the latest counts.
  sites: fc.array(fc.constantFrom('midt-aarhus', 'midt-herning'), { maxLength: 2 }),
});

const gapArbitrary = fc.record({ child: fc.integer({ min: 0, max: childRefs.length - 1 }), day: fc.integer({ min: 0, max: 300 }), closedAfter: fc.option(fc.integer({ min: 0, max: 40 })) });

export const worldArbitrary = fc.record({
  cases: fc.array(caseArbitrary, { minLength: 1, maxLength: 5 }),
  interviews: fc.array(interviewArbitrary, { maxLength: 4 }),
  gaps: fc.array(gapArbitrary, { maxLength: 3 }),
  consultations: fc.integer({ min: 0, max: 2 }),
});

export type World = typeof worldArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The integration events of a generated world, in the order they would happen. */
export function eventsOf(world: World): IntegrationEvent[] {
  const start = '2024-01-01';
  const events: IntegrationEvent[] = [];
  world.cases.forEach((c, i) => {
    const caseId = uuidOf(i + 1);
    const referredAt = addDays(start, c.referredDay);
    const openedAt = addDays(referredAt, c.acceptDelay);
    const facts = {
      referralId: `R-${i}`,
      childRef: childRefs[c.child],
      childSex: 'female' as const,
      childAgeYears: 9,
      municipalityCode: c.municipality,
      houseCode: c.house as 'midt',
      referredAt,
      municipalityAwareAt: addDays(referredAt, -3),
      abuseTypes: ['violence' as const],
      caseKind: 'abuse' as const,
    };
    events.push(eventOf(ReferralSubmittedV1, facts, referredAt));
    events.push(eventOf(ReferralAcceptedV1, { ...facts, caseId, acceptedAt: openedAt }, openedAt));
    const intake = { ...facts, caseId, openedAt };
    delete (intake as { underretningId?: string }).underretningId;
    events.push(eventOf(CaseOpenedV1, intake, openedAt));
    c.closures.forEach((closure, r) => {
      const closedAt = addDays(openedAt, closure.leadTime);
      events.push(eventOf(r === 0 ? CaseClosedV1 : CaseClosureCorrectedV1, { ...intake, closedAt, outcome: closure.outcome, leadTimeDays: closure.leadTime, revision: r + 1 }, closedAt));
      // Why it ended early (ADR 0074): right after the closing or correction, with its revision.
      if (closure.outcome !== 'completed') {
        events.push(eventOf(CaseEndReasonRecordedV1, { caseId, houseCode: facts.houseCode, municipalityCode: c.municipality, outcome: closure.outcome, closedAt, reason: caseEndReasons[(i + r) % caseEndReasons.length], revision: r + 1 }, closedAt));
      }
    });
    c.services.forEach((kind, s) =>
      events.push(
        eventOf(
          CaseServiceDeliveredV1,
          { caseId, houseCode: facts.houseCode, municipalityCode: c.municipality, serviceId: `S-${s}`, kind, provider: kind === 'video-interview' ? 'police' : kind === 'crisis-conversation' ? 'boernehus' : 'paediatrician', recipient: 'child', deliveredAt: addDays(openedAt, s) },
          addDays(openedAt, s),
        ),
      ),
    );
    c.suspects.forEach((sex, s) => events.push(eventOf(CaseSuspectRegisteredV1, { caseId, houseCode: facts.houseCode, suspectId: `SU-${s}`, sex, relation: 'parent', ageGroup: '30-49' }, openedAt)));
    c.conferences.forEach((kind, k) =>
      events.push(
        eventOf(CaseConferenceHeldV1, { conferenceId: `C-${i}-${k}`, caseId, houseCode: facts.houseCode, kind, heldAt: addDays(openedAt, k), participants: [{ sector: 'municipality', mode: 'attended' }, { sector: 'police', mode: k % 2 ? 'absent' : 'phone' }] }, openedAt),
      ),
    );
    if (c.examined) events.push(eventOf(ExaminationPerformedV1, { examinationId: `EX-${i}`, caseId, kind: 'forensic', performedAt: openedAt }, openedAt));
  });
  world.interviews.forEach((v, i) => {
    const base = {
      interviewId: `VI-${i}`,
      revision: 1,
      policeDistrict: 'oestjylland',
      childRef: childRefs[v.child],
      childSex: 'male' as const,
      childAgeYears: 8,
      municipalityCode: '751',
      houseCode: 'midt' as const,
      conductedAt: addDays(start, v.day),
      reinterview: v.reinterview,
      lateAgainstTarget: false,
    };
    events.push(eventOf(VideoInterviewRecordedV1, base, base.conductedAt));
    v.corrections.forEach((shift, r) => {
      const conductedAt = addDays(base.conductedAt, shift);
      events.push(eventOf(VideoInterviewCorrectedV1, { ...base, revision: r + 2, conductedAt, changedFields: ['conductedAt'] }, conductedAt));
    });
    v.sites.forEach((siteCode, k) => {
      const day = addDays(base.conductedAt, k + 1);
      events.push(eventOf(VideoInterviewSiteAssignedV1, { interviewId: base.interviewId, policeDistrict: base.policeDistrict, houseCode: base.houseCode, municipalityCode: base.municipalityCode, siteCode }, day));
    });
  });
  world.gaps.forEach((g, i) => {
    // From November 2023: a duty under Serviceloven § 50 b or Barnets lov § 125 (in force 2024-01-01).
    const criteriaMetAt = addDays('2023-11-01', g.day);
    const opened = {
      gapId: `GAP-${i}`,
      underretningId: `U-${i}`,
      municipalityCode: '751',
      houseCode: 'midt' as const,
      childRef: childRefs[g.child],
      childSex: 'female' as const,
      childAgeYears: 12,
      criteriaMetAt,
      referralDueBy: addDays(criteriaMetAt, 14),
      referralWindowDays: 14,
      policeInvolvement: 'reported' as const,
      openedAt: addDays(criteriaMetAt, 15),
    };
    events.push(eventOf(UnderretningReceivedV1, { underretningId: `U-${i}`, municipalityCode: '751', childRef: opened.childRef, childSex: 'female', childAgeYears: 12, receivedAt: criteriaMetAt, concerns: ['sexual'], source: 'school' }, criteriaMetAt));
    // The decisions, corrected once, and why the child was not referred, replaced once (ADR 0074): the latest of each wins.
    events.push(eventOf(UnderretningDecisionsRecordedV1, { underretningId: `U-${i}`, municipalityCode: '751', childRef: opened.childRef, preventiveMeasureAt: criteriaMetAt, policeConsultedAt: criteriaMetAt }, criteriaMetAt));
    events.push(eventOf(UnderretningDecisionsRecordedV1, { underretningId: `U-${i}`, municipalityCode: '751', childRef: opened.childRef, childInvestigationDecidedAt: criteriaMetAt, policeReportedAt: criteriaMetAt }, addDays(criteriaMetAt, 1)));
    events.push(eventOf(UnderretningNotReferredReasonsRecordedV1, { underretningId: `U-${i}`, municipalityCode: '751', reasons: [notReferredReasons[i % notReferredReasons.length]], recordedOn: criteriaMetAt }, criteriaMetAt));
    events.push(eventOf(UnderretningNotReferredReasonsRecordedV1, { underretningId: `U-${i}`, municipalityCode: '751', reasons: ['other', 'waiting-time'], recordedOn: addDays(criteriaMetAt, 2) }, addDays(criteriaMetAt, 2)));
    events.push(eventOf(MandatoryReferralGapOpenedV1, opened, opened.openedAt));
    if (g.closedAfter !== null) {
      const referredAt = addDays(opened.openedAt, g.closedAfter);
      events.push(eventOf(MandatoryReferralGapClosedV1, { gapId: opened.gapId, underretningId: opened.underretningId, municipalityCode: '751', childRef: opened.childRef, referralId: `LATE-${i}`, referredAt, daysOverdue: g.closedAfter + 1 }, referredAt));
    }
  });
  for (let i = 0; i < world.consultations; i++) events.push(eventOf(ConsultationRecordedV1, { consultationId: `K-${i}`, houseCode: 'midt', municipalityCode: '751', askedAt: addDays(start, i), outcome: 'advice-given' }, addDays(start, i)));
  return events;
}

/** A delivery of the world's events: any order, some delivered more than once. */
export const deliveryArbitrary = (events: IntegrationEvent[]) =>
  fc
    .tuple(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.subarray(events))
    .chain(([shuffled, again]) => fc.shuffledSubarray([...shuffled, ...again], { minLength: shuffled.length + again.length, maxLength: shuffled.length + again.length }));

/**
 * How a history holds a gap of a superseded version (ADR 0013): as v1 (before v2 existed), as v2
 * (after v1's window), or as both (during it: the same fact twice, ids <id> and <id>-1).
 */
export type Versions = 'v1' | 'v2' | 'both';

/** The events with each v1 gap (numbered in order) in the versions given for it. */
export function inVersions(events: IntegrationEvent[], versionsOf: (gap: number) => Versions): IntegrationEvent[] {
  let gap = 0;
  return events.flatMap((e) => {
    if (e.type !== MandatoryReferralGapOpenedV1.type) return [e];
    const v2 = { ...e, type: MandatoryReferralGapOpenedV2.type, data: mandatoryReferralGapOpenedV2FromV1(e.data as MandatoryReferralGapOpenedV1) };
    const versions = versionsOf(gap++);
    return versions === 'v1' ? [e] : versions === 'v2' ? [v2] : [e, { ...v2, id: `${e.id}-1` }];
  });
}
