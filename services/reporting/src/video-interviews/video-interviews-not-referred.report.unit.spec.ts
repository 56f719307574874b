import { type InterviewFact, interviewStatus, videoInterviewsNotReferred } from './video-interviews-not-referred.report';

const interview = (overrides: Partial<InterviewFact> = {}): InterviewFact => ({
  interviewId: 'VI',
  conductedAt: '2025-01-10',
  month: '2025-01',
  houseCode: 'midt',
  municipalityCode: '751',
  policeDistrict: 'oestjylland',
  reinterview: false,
  referred: false,
  ...overrides,
});

describe('video interviews not referred', () => {
  it('is provisional up to and including the last day of the window, final the day after', () => {
    expect(interviewStatus(interview(), '2025-03-11', 60)).toBe('not-referred-provisional');
    expect(interviewStatus(interview(), '2025-03-12', 60)).toBe('not-referred-final');
    expect(interviewStatus(interview({ referred: true }), '2025-03-12', 60)).toBe('referred');
  });

  it('counts reinterviews apart, in their group and in the total', () => {
    const rows = videoInterviewsNotReferred([interview(), interview({ reinterview: true }), interview({ policeDistrict: 'fyn', referred: true })], 'policeDistrict', (k) => k.toUpperCase(), '2025-06-01', 60);
    expect(rows).toEqual([
      { key: 'fyn', name: 'FYN', conducted: 1, referred: 1, notReferredFinal: 0, notReferredProvisional: 0, reinterviews: 0 },
      { key: 'oestjylland', name: 'OESTJYLLAND', conducted: 1, referred: 0, notReferredFinal: 1, notReferredProvisional: 0, reinterviews: 1 },
      { key: 'total', name: 'I alt', conducted: 2, referred: 1, notReferredFinal: 1, notReferredProvisional: 0, reinterviews: 1 },
    ]);
  });
});
