import { videoInterviewRequestDecider } from './video-interview-request/video-interview-request.decider';
import { videoInterviewDecider } from './video-interview/video-interview.decider';

// No event of this service holds a birth date (ADR 0099): the deciders take it in the command and
// write the age on conductedAt (a video interview) or nothing (a request).
const child = { childRef: 'a'.repeat(64), childBirthDate: '2016-04-02', childSex: 'female' as const };
const now = { now: new Date('2025-03-12T09:00:00Z') };

describe('sector-coordination keeps no birth date beside the pseudonym', () => {
  it('writes no birth date in a video interview request', () => {
    const events = videoInterviewRequestDecider.decide(
      { type: 'RequestVideoInterview', data: { requestId: 'VR-1', policeDistrict: 'oestjylland', child, municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06' } },
      { status: 'none' },
      now,
    );
    expect(JSON.stringify(events)).not.toContain('childBirthDate');
    expect(JSON.stringify(events)).not.toContain('2016-04-02');
  });

  it('writes the age on conductedAt, not the birth date, in a video interview', () => {
    const events = videoInterviewDecider.decide(
      { type: 'RecordVideoInterview', data: { interviewId: 'VI-1', policeDistrict: 'oestjylland', child, municipalityCode: '751', houseCode: 'midt', conductedAt: '2025-03-11', reinterview: false } },
      { status: 'none' },
      now,
    );
    expect(events).toEqual([expect.objectContaining({ type: 'VideoInterviewRecorded', data: expect.objectContaining({ childAgeYears: 8 }) })]);
    expect(JSON.stringify(events)).not.toContain('childBirthDate');
    expect(JSON.stringify(events)).not.toContain('2016-04-02');
  });
});
