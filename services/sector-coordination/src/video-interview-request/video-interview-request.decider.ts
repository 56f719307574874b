import { copenhagenDate } from '@sagsspor/calendar';
import { childAgeOn, type Decider, DomainError, fingerprintOf } from '@sagsspor/domain';
import type { VideoInterviewRequestCommand } from './video-interview-request.commands';
import type { VideoInterviewRequestEvent, VideoInterviewRequestFacts } from './video-interview-request.events';

export type VideoInterviewRequestState = { status: 'none' } | { status: 'requested'; request: VideoInterviewRequestFacts };

export const videoInterviewRequestDecider: Decider<VideoInterviewRequestState, VideoInterviewRequestCommand, VideoInterviewRequestEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'VideoInterviewRequested':
        return { status: 'requested', request: event.data };
    }
  },
  decide: (command, state, { now }) => {
    switch (command.type) {
      case 'RequestVideoInterview': {
        const { requestId, policeDistrict, child, municipalityCode, houseCode, requestedAt } = command.data;
        const request: VideoInterviewRequestFacts = { requestId, policeDistrict, childRef: child.childRef, municipalityCode, houseCode, requestedAt };
        if (state.status === 'requested') {
          // Compared key-order-free: events come back from jsonb with their keys reordered.
          if (fingerprintOf(state.request) === fingerprintOf(request)) return [];
          throw new DomainError('VIDEO_INTERVIEW_REQUEST.ID_IN_USE', `request ${requestId} was already recorded with other content`);
        }
        if (requestedAt > copenhagenDate(now)) throw new DomainError('VIDEO_INTERVIEW_REQUEST.REQUESTED_IN_FUTURE', `requestedAt ${requestedAt} is in the future`, 'invalid');
        childAgeOn(child.childBirthDate, requestedAt, 'VIDEO_INTERVIEW_REQUEST.NOT_A_CHILD', 'requestedAt');
        return [{ type: 'VideoInterviewRequested', data: request }];
      }
      default: {
        const unhandled: never = command.type;
        throw new Error(`unhandled command ${unhandled}`);
      }
    }
  },
};
