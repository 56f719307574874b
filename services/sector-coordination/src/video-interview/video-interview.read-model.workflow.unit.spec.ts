import { decideAll, foldEvents } from '@sagsspor/domain';
import { videoInterviewDecider } from './video-interview.decider';
import type { VideoInterview, VideoInterviewEvent } from './video-interview.events';
import { videoInterviewReadModelWorkflow } from './video-interview.read-model.workflow';

const interview: VideoInterview = {
  interviewId: 'OJP-VA-1',
  revision: 1,
  policeDistrict: 'oestjylland',
  childRef: 'child-a',
  childSex: 'female',
  childAgeYears: 8,
  municipalityCode: '751',
  houseCode: 'midt',
  conductedAt: '2025-03-11',
  reportedToPoliceAt: '2025-03-05',
  reinterview: false,
  daysFromReport: 6,
  lateAgainstTarget: false,
};
const recorded: VideoInterviewEvent = { type: 'VideoInterviewRecorded', data: interview };
const corrected: VideoInterviewEvent = { type: 'VideoInterviewCorrected', data: { ...interview, revision: 2, conductedAt: '2025-03-14', changedFields: ['conductedAt'] } };
const released: VideoInterviewEvent = { type: 'ChildReleasedByPolice', data: { interviewId: 'OJP-VA-1', childRef: 'child-a', policeDistrict: 'oestjylland', releasedAt: '2025-03-15' } };

/** given(the stream so far).when(the command's new events) → the rows to keep. */
const given = (...past: VideoInterviewEvent[]) => ({
  when: (...newEvents: VideoInterviewEvent[]) => decideAll(videoInterviewReadModelWorkflow, newEvents, foldEvents(videoInterviewDecider, [...past, ...newEvents])),
});

describe('video interview read model workflow', () => {
  it('keeps revision 1 with no changed fields when an interview is recorded', () => {
    expect(given().when(recorded)).toEqual([{ type: 'KeepRevision', interview, changedFields: [] }]);
  });

  it('keeps a correction as the next revision, its changed fields apart from the interview', () => {
    expect(given(recorded).when(corrected)).toEqual([
      { type: 'KeepRevision', interview: { ...interview, revision: 2, conductedAt: '2025-03-14' }, changedFields: ['conductedAt'] },
    ]);
  });

  it('keeps the release date on the interview', () => {
    expect(given(recorded).when(released)).toEqual([{ type: 'KeepRelease', policeDistrict: 'oestjylland', interviewId: 'OJP-VA-1', releasedAt: '2025-03-15' }]);
  });

  it('keeps every event of one command, in order (a child-changing correction that releases again)', () => {
    const toOtherChild: VideoInterviewEvent = { type: 'VideoInterviewCorrected', data: { ...interview, revision: 3, childRef: 'child-b', changedFields: ['childRef'] } };
    const releasedAgain: VideoInterviewEvent = { type: 'ChildReleasedByPolice', data: { ...released.data, childRef: 'child-b' } };
    expect(given(recorded, released).when(toOtherChild, releasedAgain)).toEqual([
      { type: 'KeepRevision', interview: { ...interview, revision: 3, childRef: 'child-b' }, changedFields: ['childRef'] },
      { type: 'KeepRelease', policeDistrict: 'oestjylland', interviewId: 'OJP-VA-1', releasedAt: '2025-03-15' },
    ]);
  });

  it('keeps the site the interview was put at (ADR 0076)', () => {
    const atHerning: VideoInterviewEvent = { type: 'VideoInterviewSiteAssigned', data: { interviewId: 'OJP-VA-1', policeDistrict: 'oestjylland', houseCode: 'midt', municipalityCode: '751', siteCode: 'midt-herning' } };
    expect(given(recorded).when(atHerning)).toEqual([{ type: 'KeepSite', policeDistrict: 'oestjylland', interviewId: 'OJP-VA-1', siteCode: 'midt-herning' }]);
  });

  it('keeps nothing when a command appended nothing', () => {
    expect(given(recorded).when()).toEqual([]);
  });
});
