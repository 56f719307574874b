import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DomainEvent, upcastEvent } from '@sagsspor/domain';
import type { RecordedEvent } from '@sagsspor/event-store';
import { childAgeUpcasters } from './child-age.upcasters';
import { mandatoryReferralWatchUpcasters } from './mandatory-referral-watch/mandatory-referral-watch.events';
import { toPublicEvents } from './public-events';

// The internal events as stored before ADR 0099 (with the child's birth date), what the upcasters
// make of them, and proof that the public events stay byte-for-byte what they were: the fixture
// public-events-before-0099.json is what the previous release's toPublicEvents made of exactly these
// stored events (generated once with that release's public-events.ts), and both the upcast old shape
// and the new shape the deciders write must publish exactly those bytes.

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);
const c = 'c'.repeat(64);
// Born 2016-04-02: 8 on every date below. Born 2016-03-05: 8 on receipt (03-03), 9 from 03-05 on
// (so which date an age is taken on shows). Born 2007-03-10: 17 when the criteria were met, 18 when the gap opened.
const childA = { childRef: a, childBirthDate: '2016-04-02', childSex: 'female' };
const childB = { childRef: b, childBirthDate: '2016-03-05', childSex: 'male' };
const childC = { childRef: c, childBirthDate: '2007-03-10', childSex: 'female' };

const underretning = (id: string, child: object) => ({ underretningId: id, municipalityCode: '751', ...child, receivedAt: '2025-03-03', concerns: ['violence'], source: 'school' });
const referral = (id: string, child: object, referredAt: string) => ({
  referralId: id,
  municipalityCode: '751',
  houseCode: 'midt',
  ...child,
  referredAt,
  municipalityAwareAt: '2025-03-02',
  abuseTypes: ['violence'],
  caseKind: 'abuse',
  underretningId: 'U-1',
});
const { childBirthDate: _a, ...watchedChildA } = childA;
const watched = (id: string, child: object) => ({ underretningId: id, municipalityCode: '751', houseCode: 'midt', ...child, receivedAt: '2025-03-03' });
const deadline = { criteriaMetAt: '2025-03-06', referralDueBy: '2025-03-20', referralWindowDays: 14, policeInvolvement: 'consulted', legalBasis: 'barnets-lov-125' };
const ref = { underretningId: 'U-1', municipalityCode: '751', childRef: a };
const consultation = (id: string, askedAt: string) => ({ consultationId: id, houseCode: 'midt', municipalityCode: '751', askedAt, outcome: 'advice-given' });

/** Each stored event of the old shape, with the event of the new shape it must read as. */
const cases: { name: string; stored: DomainEvent; current: DomainEvent }[] = [
  {
    name: 'UnderretningReceived: the age on receivedAt',
    stored: { type: 'UnderretningReceived', data: underretning('U-1', childA) },
    current: { type: 'UnderretningReceived', data: underretning('U-1', { childRef: a, childAgeYears: 8, childSex: 'female' }) },
  },
  {
    name: 'UnderretningReceived: before the birthday, the age on receivedAt',
    stored: { type: 'UnderretningReceived', data: underretning('U-2', childB) },
    current: { type: 'UnderretningReceived', data: underretning('U-2', { childRef: b, childAgeYears: 8, childSex: 'male' }) },
  },
  {
    name: 'MandatoryReferralCriteriaEvaluated: never held a birth date (an old met evaluation has no age)',
    stored: { type: 'MandatoryReferralCriteriaEvaluated', data: { ...ref, policeInvolvement: 'consulted', abuseSuspected: true, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-03-06' } },
    current: { type: 'MandatoryReferralCriteriaEvaluated', data: { ...ref, policeInvolvement: 'consulted', abuseSuspected: true, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-03-06' } },
  },
  {
    name: 'MandatoryReferralDeadlineSet: the age on criteriaMetAt',
    stored: { type: 'MandatoryReferralDeadlineSet', data: { ...watched('U-2', childB), ...deadline } },
    current: { type: 'MandatoryReferralDeadlineSet', data: { ...watched('U-2', { childRef: b, childAgeYears: 9, childSex: 'male' }), ...deadline } },
  },
  {
    name: 'MandatoryReferralMadeInTime: the age on criteriaMetAt',
    stored: { type: 'MandatoryReferralMadeInTime', data: { ...watched('U-1', childA), ...deadline, referralId: 'R-1', referredAt: '2025-03-10' } },
    current: { type: 'MandatoryReferralMadeInTime', data: { ...watched('U-1', { ...watchedChildA, childAgeYears: 8 }), ...deadline, referralId: 'R-1', referredAt: '2025-03-10' } },
  },
  {
    name: 'MandatoryReferralGapOpened: the age on criteriaMetAt',
    stored: { type: 'MandatoryReferralGapOpened', data: { ...watched('U-1', childA), ...deadline, gapId: 'gap-U-1', openedAt: '2025-03-21' } },
    current: { type: 'MandatoryReferralGapOpened', data: { ...watched('U-1', { ...watchedChildA, childAgeYears: 8 }), ...deadline, gapId: 'gap-U-1', openedAt: '2025-03-21' } },
  },
  {
    name: 'MandatoryReferralGapOpened: a birthday between receipt and criteriaMetAt counts',
    stored: { type: 'MandatoryReferralGapOpened', data: { ...watched('U-2', childB), ...deadline, gapId: 'gap-U-2', openedAt: '2025-03-21' } },
    current: { type: 'MandatoryReferralGapOpened', data: { ...watched('U-2', { childRef: b, childAgeYears: 9, childSex: 'male' }), ...deadline, gapId: 'gap-U-2', openedAt: '2025-03-21' } },
  },
  {
    name: 'MandatoryReferralGapOpened: 17 when the duty arose, though 18 when the gap opened',
    stored: { type: 'MandatoryReferralGapOpened', data: { ...watched('U-3', childC), ...deadline, gapId: 'gap-U-3', openedAt: '2025-03-21' } },
    current: { type: 'MandatoryReferralGapOpened', data: { ...watched('U-3', { childRef: c, childAgeYears: 17, childSex: 'female' }), ...deadline, gapId: 'gap-U-3', openedAt: '2025-03-21' } },
  },
  {
    name: 'MandatoryReferralGapOpened stored before legalBasis too: both steps apply',
    stored: { type: 'MandatoryReferralGapOpened', data: { ...watched('U-4', childA), ...deadline, criteriaMetAt: '2023-12-04', legalBasis: undefined, gapId: 'gap-U-4', openedAt: '2023-12-19' } },
    current: {
      type: 'MandatoryReferralGapOpened',
      data: { ...watched('U-4', { ...watchedChildA, childAgeYears: 7 }), ...deadline, criteriaMetAt: '2023-12-04', legalBasis: 'serviceloven-50b', gapId: 'gap-U-4', openedAt: '2023-12-19' },
    },
  },
  {
    name: 'ConsultationRecorded naming no child: unchanged',
    stored: { type: 'ConsultationRecorded', data: consultation('K-1', '2025-03-02') },
    current: { type: 'ConsultationRecorded', data: consultation('K-1', '2025-03-02') },
  },
  {
    name: 'ConsultationRecorded: the age on askedAt',
    stored: { type: 'ConsultationRecorded', data: { ...consultation('K-2', '2025-03-02'), child: childA } },
    current: { type: 'ConsultationRecorded', data: { ...consultation('K-2', '2025-03-02'), child: { childRef: a, childAgeYears: 8, childSex: 'female' } } },
  },
  {
    name: 'ConsultationRecorded: on the birthday, the new age',
    stored: { type: 'ConsultationRecorded', data: { ...consultation('K-3', '2025-03-05'), child: childB } },
    current: { type: 'ConsultationRecorded', data: { ...consultation('K-3', '2025-03-05'), child: { childRef: b, childAgeYears: 9, childSex: 'male' } } },
  },
  ...(
    [
      ['ReferralSubmitted', {}],
      ['ReferralAccepted', { caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77', acceptedAt: '2025-03-12' }],
      ['ReferralRejected', { rejectedAt: '2025-03-12', reason: 'other', note: 'Henvist til Børnehus Nord' }],
      ['ReferralWithdrawn', { withdrawnAt: '2025-03-11', reason: 'duplicate' }],
    ] as const
  ).map(([type, decision]) => ({
    name: `${type}: the age on referredAt`,
    stored: { type, data: { ...referral('R-1', childA, '2025-03-10'), ...decision } },
    current: { type, data: { ...referral('R-1', { childRef: a, childAgeYears: 8, childSex: 'female' }, '2025-03-10'), ...decision } },
  })),
  {
    name: 'ReferralSubmitted: a birthday before referredAt counts',
    stored: { type: 'ReferralSubmitted', data: referral('R-2', childB, '2025-03-05') },
    current: { type: 'ReferralSubmitted', data: referral('R-2', { childRef: b, childAgeYears: 9, childSex: 'male' }, '2025-03-05') },
  },
];

/** The stored rows drop undefined fields, as jsonb does. */
const asStored = (event: DomainEvent): DomainEvent => JSON.parse(JSON.stringify(event));
/** What the service reads: every step it registers (app.module.ts), in that order. */
const read = (event: DomainEvent) => upcastEvent([...mandatoryReferralWatchUpcasters, ...childAgeUpcasters], asStored(event));
const recorded = (event: DomainEvent): RecordedEvent =>
  ({ ...event, globalPosition: '1', transactionId: '1', streamId: 'stream-1', streamVersion: 1, eventId: 'e', metadata: {}, recordedAt: new Date(0) }) as RecordedEvent;
const publicBytes = (event: DomainEvent) => JSON.stringify(toPublicEvents(recorded(event)).map((p) => ({ type: p.definition.type, subject: p.subject, data: p.data })));

describe('the child-age upcasters (ADR 0099)', () => {
  it.each(cases.map((x) => [x.name, x]))('%s', (_name, { stored, current }) => {
    expect(read(stored)).toEqual(asStored(current));
    expect(JSON.stringify(read(stored))).not.toContain('childBirthDate');
  });

  it('keeps the fields in their stored order, the age where the birth date was', () => {
    const [received] = cases;
    expect(Object.keys(read(received.stored).data)).toEqual(Object.keys(received.current.data));
  });

  it('reads an event of the current shape as stored, with the steps alone too (as the offline migration runs them)', () => {
    for (const { current } of cases) expect(upcastEvent(childAgeUpcasters, asStored(current))).toEqual(asStored(current));
  });

  it('names one step per event type that ever held a birth date', () => {
    expect(childAgeUpcasters.map((u) => u.type)).toEqual([
      'UnderretningReceived',
      'ReferralSubmitted',
      'ReferralAccepted',
      'ReferralRejected',
      'ReferralWithdrawn',
      'ConsultationRecorded',
      'MandatoryReferralDeadlineSet',
      'MandatoryReferralMadeInTime',
      'MandatoryReferralGapOpened',
    ]);
  });
});

describe('public events from stored events of either shape', () => {
  const before: Record<string, string> = JSON.parse(readFileSync(join(__dirname, 'test-support', 'public-events-before-0099.json'), 'utf8'));

  it.each(cases.map((x) => [x.name, x]))('%s: byte-for-byte what the previous release published', (name, { stored, current }) => {
    expect(publicBytes(read(stored))).toBe(before[name]);
    expect(publicBytes(asStored(current))).toBe(before[name]);
  });

  it('publishes a met evaluation that carries the age on metAt exactly as one stored without it: the age stays internal', () => {
    const evaluation = cases.find((x) => x.stored.type === 'MandatoryReferralCriteriaEvaluated')!;
    const withAge = { ...evaluation.current, data: { ...evaluation.current.data, childAgeYears: 8 } };
    expect(publicBytes(withAge)).toBe(before[evaluation.name]);
  });

  it('covers every case in the fixture', () => {
    expect(Object.keys(before).sort()).toEqual(cases.map((x) => x.name).sort());
  });
});
