import { deciderSpec } from '@sagsspor/domain';
import type { RequestVideoInterview } from './video-interview-request.commands';
import { videoInterviewRequestDecider } from './video-interview-request.decider';
import type { VideoInterviewRequestEvent, VideoInterviewRequestFacts } from './video-interview-request.events';

const spec = deciderSpec(videoInterviewRequestDecider, new Date('2025-06-02T10:00:00Z'));
const child = { childRef: 'a'.repeat(64), childBirthDate: '2016-04-02', childSex: 'female' as const };
const asked: RequestVideoInterview['data'] = { requestId: 'OJP-REQ-1', policeDistrict: 'oestjylland', child, municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06' };
const facts: VideoInterviewRequestFacts = { requestId: 'OJP-REQ-1', policeDistrict: 'oestjylland', childRef: child.childRef, municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06' };

const request = (changes: Partial<RequestVideoInterview['data']> = {}): RequestVideoInterview => ({ type: 'RequestVideoInterview', data: { ...asked, ...changes } });
const requested = (changes: Partial<VideoInterviewRequestFacts> = {}): VideoInterviewRequestEvent => ({ type: 'VideoInterviewRequested', data: { ...facts, ...changes } });

describe('video interview request decider', () => {
  describe('when nothing was requested', () => {
    it('records the request for the child (pseudonym only)', () => spec.given().when(request()).then(requested()));
    it('accepts a request made today', () => spec.given().when(request({ requestedAt: '2025-06-02' })).then(requested({ requestedAt: '2025-06-02' })));
    it('refuses a request in the future', () => spec.given().when(request({ requestedAt: '2025-06-03' })).thenFails('VIDEO_INTERVIEW_REQUEST.REQUESTED_IN_FUTURE'));
    it('refuses an adult on the request day', () =>
      spec.given().when(request({ child: { ...child, childBirthDate: '2007-03-06' } })).thenFails('VIDEO_INTERVIEW_REQUEST.NOT_A_CHILD', /requestedAt 2025-03-06/));
    it('refuses a child not yet born on the request day', () =>
      spec.given().when(request({ child: { ...child, childBirthDate: '2025-03-07' } })).thenFails('VIDEO_INTERVIEW_REQUEST.NOT_A_CHILD', /not born/));
  });

  describe('when requested', () => {
    it('ignores the same request again', () => spec.given(requested()).when(request()).thenNothingHappens());
    it('refuses other content under the same requestId', () => spec.given(requested()).when(request({ requestedAt: '2025-03-07' })).thenFails('VIDEO_INTERVIEW_REQUEST.ID_IN_USE'));
    it('refuses another child under the same requestId', () =>
      spec.given(requested()).when(request({ child: { ...child, childRef: 'b'.repeat(64) } })).thenFails('VIDEO_INTERVIEW_REQUEST.ID_IN_USE'));
  });
});
