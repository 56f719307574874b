import { validateIntegrationEventData } from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import { toPublicEvents } from './public-events';

const childRef = 'a'.repeat(64);
const caseId = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f';
const interview = {
  interviewId: 'OJP-VA-1',
  revision: 1,
  policeDistrict: 'oestjylland',
  childRef,
  childSex: 'female',
  childAgeYears: 8,
  municipalityCode: '751',
  houseCode: 'midt',
  conductedAt: '2025-03-11',
  reinterview: false,
  lateAgainstTarget: false,
};

const recorded = (type: string, data: object, streamId = 'stream-1'): RecordedEvent => ({
  globalPosition: '1',
  transactionId: '1',
  streamId,
  streamVersion: 1,
  eventId: '11111111-0000-4000-8000-000000000001',
  type,
  data,
  metadata: {},
  recordedAt: new Date('2025-03-11T10:00:00Z'),
});

describe('internal → public events', () => {
  it.each([
    ['VideoInterviewRecorded', { ...interview, reportedToPoliceAt: '2025-03-05', requestedAt: '2025-03-06', daysFromReport: 6 }, 'dk.sagsspor.sector-coordination.video-interview-recorded.v1'],
    ['VideoInterviewRecorded', interview, 'dk.sagsspor.sector-coordination.video-interview-recorded.v1'],
    ['VideoInterviewCorrected', { ...interview, revision: 2, changedFields: ['conductedAt'] }, 'dk.sagsspor.sector-coordination.video-interview-corrected.v1'],
    ['VideoInterviewSiteAssigned', { interviewId: 'OJP-VA-1', policeDistrict: 'oestjylland', houseCode: 'midt', municipalityCode: '751', siteCode: 'midt-herning' }, 'dk.sagsspor.sector-coordination.video-interview-site-assigned.v1'],
    ['ChildReleasedByPolice', { interviewId: 'OJP-VA-1', childRef, policeDistrict: 'oestjylland', releasedAt: '2025-03-12' }, 'dk.sagsspor.sector-coordination.child-released-by-police.v1'],
    [
      'VideoInterviewRequested',
      { requestId: 'OJP-REQ-1', policeDistrict: 'oestjylland', childRef, municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06' },
      'dk.sagsspor.sector-coordination.video-interview-requested.v1',
    ],
    [
      'CaseConferenceHeld',
      { conferenceId: 'SR-1', caseId, houseCode: 'midt', kind: 'coordinating', heldAt: '2025-03-14', participants: [{ sector: 'boernehus', mode: 'attended' }] },
      'dk.sagsspor.sector-coordination.case-conference-held.v1',
    ],
    ['ExaminationPerformed', { examinationId: 'EX-1', caseId, kind: 'forensic', performedAt: '2025-03-20' }, 'dk.sagsspor.sector-coordination.examination-performed.v1'],
  ])('%s becomes a valid public event of its contract', (type, data, publicType) => {
    const [published, ...more] = toPublicEvents(recorded(type, data, 'video-interview-oestjylland:OJP-VA-1'));
    expect(more).toEqual([]);
    expect(published.definition.type).toBe(publicType);
    expect(published.subject).toBe('video-interview-oestjylland:OJP-VA-1');
    expect(validateIntegrationEventData(published.definition.type, published.data)).toEqual([]);
  });

  it('maps field by field: an internal field the contract lacks never leaks', () => {
    const [published] = toPublicEvents(recorded('ExaminationPerformed', { examinationId: 'EX-1', caseId, kind: 'forensic', performedAt: '2025-03-20', childCpr: '020416-4002' }));
    expect(published.data).toEqual({ examinationId: 'EX-1', caseId, kind: 'forensic', performedAt: '2025-03-20' });
  });

  it('refuses an internal event it has no mapping for, rather than dropping it', () => {
    expect(() => toPublicEvents(recorded('SomethingNew', {}))).toThrow(/no public mapping for internal event SomethingNew/);
  });
});
