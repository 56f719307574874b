import { deciderSpec } from '@sagsspor/domain';
import type { RecordVideoInterview, ReleaseChild } from './video-interview.commands';
import { videoInterviewDecider } from './video-interview.decider';
import type { VideoInterview, VideoInterviewEvent } from './video-interview.events';

const spec = deciderSpec(videoInterviewDecider, new Date('2025-06-02T10:00:00Z'));
const child = { childRef: 'a'.repeat(64), childBirthDate: '2016-04-02', childSex: 'female' as const };
const otherChild = { childRef: 'b'.repeat(64), childBirthDate: '2012-09-30', childSex: 'male' as const };

type Input = RecordVideoInterview['data'];
const input: Input = {
  interviewId: 'OJP-VA-1',
  policeDistrict: 'oestjylland',
  child,
  municipalityCode: '751',
  houseCode: 'midt',
  conductedAt: '2025-03-11',
  reportedToPoliceAt: '2025-03-05',
  requestedAt: '2025-03-06',
  reinterview: false,
};
const interview: VideoInterview = {
  interviewId: 'OJP-VA-1',
  policeDistrict: 'oestjylland',
  childRef: child.childRef,
  childSex: 'female',
  childAgeYears: 8,
  municipalityCode: '751',
  houseCode: 'midt',
  conductedAt: '2025-03-11',
  reportedToPoliceAt: '2025-03-05',
  requestedAt: '2025-03-06',
  reinterview: false,
  daysFromReport: 6,
  lateAgainstTarget: false,
  revision: 1,
};

const record = (changes: Partial<Input> = {}): RecordVideoInterview => ({ type: 'RecordVideoInterview', data: { ...input, ...changes } });
const release = (releasedAt: string): ReleaseChild => ({ type: 'ReleaseChild', data: { interviewId: 'OJP-VA-1', releasedAt } });
const recorded = (changes: Partial<VideoInterview> = {}): VideoInterviewEvent => ({ type: 'VideoInterviewRecorded', data: { ...interview, ...changes } });
const corrected = (changes: Partial<VideoInterview>, changedFields: string[]): VideoInterviewEvent => ({
  type: 'VideoInterviewCorrected',
  data: { ...interview, ...changes, changedFields },
});
const released = (releasedAt: string, childRef = child.childRef): VideoInterviewEvent => ({
  type: 'ChildReleasedByPolice',
  data: { interviewId: 'OJP-VA-1', childRef, policeDistrict: 'oestjylland', releasedAt },
});

describe('video interview decider', () => {
  describe('when the interview is not known', () => {
    it('records it as revision 1, with the age on the interview day and the days from the report', () => spec.given().when(record()).then(recorded()));
    it('flags an interview more than 7 days after the police report', () =>
      spec.given().when(record({ conductedAt: '2025-03-13' })).then(recorded({ conductedAt: '2025-03-13', daysFromReport: 8, lateAgainstTarget: true })));
    it('does not flag one exactly 7 days after the report', () =>
      spec.given().when(record({ conductedAt: '2025-03-12' })).then(recorded({ conductedAt: '2025-03-12', daysFromReport: 7, lateAgainstTarget: false })));
    it('counts the days on the calendar across the change to summer time', () =>
      spec.given().when(record({ reportedToPoliceAt: '2025-03-27', conductedAt: '2025-04-04' })).then(recorded({ reportedToPoliceAt: '2025-03-27', conductedAt: '2025-04-04', daysFromReport: 8, lateAgainstTarget: true, childAgeYears: 9 })));
    it('leaves out what is not known: no report date, no days, not late', () => {
      const { daysFromReport: _d, reportedToPoliceAt: _r, requestedAt: _q, ...known } = interview;
      spec.given().when(record({ reportedToPoliceAt: undefined, requestedAt: undefined })).then({ type: 'VideoInterviewRecorded', data: { ...known, lateAgainstTarget: false } });
    });
    it('records a reinterview', () => spec.given().when(record({ reinterview: true })).then(recorded({ reinterview: true })));
    it('accepts an interview held today (Copenhagen calendar)', () =>
      spec.given().when(record({ conductedAt: '2025-06-02' })).then(recorded({ conductedAt: '2025-06-02', daysFromReport: 89, lateAgainstTarget: true, childAgeYears: 9 })));
    it('takes "today" from Copenhagen: at 00:30 there it is already the next day, though still the day before in UTC', () =>
      deciderSpec(videoInterviewDecider, new Date('2025-06-02T22:30:00Z'))
        .given()
        .when(record({ conductedAt: '2025-06-03' }))
        .then(recorded({ conductedAt: '2025-06-03', daysFromReport: 90, lateAgainstTarget: true, childAgeYears: 9 })));
    it('refuses an interview in the future', () => spec.given().when(record({ conductedAt: '2025-06-03' })).thenFails('VIDEO_INTERVIEW.CONDUCTED_IN_FUTURE'));
    it('refuses a police report after the interview', () => spec.given().when(record({ reportedToPoliceAt: '2025-03-12' })).thenFails('VIDEO_INTERVIEW.REPORTED_AFTER_INTERVIEW'));
    it('refuses a request after the interview', () => spec.given().when(record({ requestedAt: '2025-03-12' })).thenFails('VIDEO_INTERVIEW.REQUESTED_AFTER_INTERVIEW'));
    it('accepts report and request on the interview day', () =>
      spec.given().when(record({ reportedToPoliceAt: '2025-03-11', requestedAt: '2025-03-11' })).then(recorded({ reportedToPoliceAt: '2025-03-11', requestedAt: '2025-03-11', daysFromReport: 0 })));
    it('refuses an adult on the interview day', () =>
      spec.given().when(record({ child: { ...child, childBirthDate: '2007-03-11' } })).thenFails('VIDEO_INTERVIEW.NOT_A_CHILD', /0-17 years old on conductedAt 2025-03-11/));
    it('accepts a 17-year-old on the day before the 18th birthday', () =>
      spec.given().when(record({ child: { ...child, childBirthDate: '2007-03-12' } })).then(recorded({ childAgeYears: 17 })));
    it('refuses a child born after the interview', () => spec.given().when(record({ child: { ...child, childBirthDate: '2025-03-12' } })).thenFails('VIDEO_INTERVIEW.NOT_A_CHILD', /not born/));
    it('cannot release a child after an interview it does not know', () => spec.given().when(release('2025-03-12')).thenFails('VIDEO_INTERVIEW.NOT_FOUND'));
  });

  describe('when the interview is recorded (revision 1)', () => {
    it('ignores the same interview again: over REST and over Kafka it is one interview', () => spec.given(recorded()).when(record()).thenNothingHappens());
    it('corrects the interview day, with the next revision, the whole interview and what changed', () =>
      spec.given(recorded()).when(record({ conductedAt: '2025-03-14' })).then(corrected({ conductedAt: '2025-03-14', daysFromReport: 9, lateAgainstTarget: true, revision: 2 }, ['conductedAt', 'daysFromReport', 'lateAgainstTarget'])));
    it('corrects the house and the municipality', () =>
      spec.given(recorded()).when(record({ houseCode: 'nord', municipalityCode: '851' })).then(corrected({ houseCode: 'nord', municipalityCode: '851', revision: 2 }, ['municipalityCode', 'houseCode'])));
    it('corrects the child: the pseudonym, sex and age change, never a CPR field', () =>
      spec.given(recorded()).when(record({ child: otherChild })).then(corrected({ childRef: otherChild.childRef, childSex: 'male', childAgeYears: 12, revision: 2 }, ['childRef', 'childSex', 'childAgeYears'])));
    it('corrects by leaving out a date sent before', () => {
      const { reportedToPoliceAt: _r, daysFromReport: _d, ...rest } = interview;
      spec.given(recorded()).when(record({ reportedToPoliceAt: undefined })).then({
        type: 'VideoInterviewCorrected',
        data: { ...rest, revision: 2, changedFields: ['reportedToPoliceAt', 'daysFromReport'] },
      });
    });
    it('refuses a correction that breaks a rule, and keeps the interview as it was', () => spec.given(recorded()).when(record({ conductedAt: '2025-06-05' })).thenFails('VIDEO_INTERVIEW.CONDUCTED_IN_FUTURE'));
    it('refuses a correction to an adult', () => spec.given(recorded()).when(record({ child: { ...child, childBirthDate: '2000-01-01' } })).thenFails('VIDEO_INTERVIEW.NOT_A_CHILD'));
    it('records the release of the child for the interview', () => spec.given(recorded()).when(release('2025-03-12')).then(released('2025-03-12')));
    it('records a release on the interview day', () => spec.given(recorded()).when(release('2025-03-11')).then(released('2025-03-11')));
    it('refuses a release before the interview', () => spec.given(recorded()).when(release('2025-03-10')).thenFails('VIDEO_INTERVIEW.RELEASED_BEFORE_INTERVIEW'));
    it('refuses a release in the future', () => spec.given(recorded()).when(release('2025-06-03')).thenFails('VIDEO_INTERVIEW.RELEASED_IN_FUTURE'));
  });

  describe('when the interview was corrected (revision 2)', () => {
    const history = [recorded(), corrected({ conductedAt: '2025-03-14', daysFromReport: 9, lateAgainstTarget: true, revision: 2 }, ['conductedAt', 'daysFromReport', 'lateAgainstTarget'])];
    it('ignores the corrected interview sent again', () => spec.given(...history).when(record({ conductedAt: '2025-03-14' })).thenNothingHappens());
    it('takes the first content back as revision 3: the latest message is the truth', () =>
      spec.given(...history).when(record()).then(corrected({ revision: 3 }, ['conductedAt', 'daysFromReport', 'lateAgainstTarget'])));
    it('releases against the corrected interview day', () => spec.given(...history).when(release('2025-03-13')).thenFails('VIDEO_INTERVIEW.RELEASED_BEFORE_INTERVIEW'));
    it('records the release after the corrected interview day', () => spec.given(...history).when(release('2025-03-14')).then(released('2025-03-14')));
  });

  describe('when the child was released', () => {
    const history = [recorded(), released('2025-03-12')];
    it('ignores the same release again', () => spec.given(...history).when(release('2025-03-12')).thenNothingHappens());
    it('refuses a release on another day', () => spec.given(...history).when(release('2025-03-13')).thenFails('VIDEO_INTERVIEW.ALREADY_RELEASED', /2025-03-12/));
    it('ignores the same interview again', () => spec.given(...history).when(record()).thenNothingHappens());
    it('accepts a correction that keeps the interview on or before the release', () =>
      spec.given(...history).when(record({ conductedAt: '2025-03-12' })).then(corrected({ conductedAt: '2025-03-12', daysFromReport: 7, revision: 2 }, ['conductedAt', 'daysFromReport'])));
    it('refuses a correction that moves the interview after the release', () =>
      spec.given(...history).when(record({ conductedAt: '2025-03-13' })).thenFails('VIDEO_INTERVIEW.CONDUCTED_AFTER_RELEASE'));
    it('releases the corrected child too when a correction changes the child', () =>
      spec
        .given(...history)
        .when(record({ child: otherChild }))
        .then(corrected({ childRef: otherChild.childRef, childSex: 'male', childAgeYears: 12, revision: 2 }, ['childRef', 'childSex', 'childAgeYears']), released('2025-03-12', otherChild.childRef)));
    it('does not release again when a correction keeps the child', () =>
      spec.given(...history).when(record({ reinterview: true })).then(corrected({ reinterview: true, revision: 2 }, ['reinterview'])));
  });
});
