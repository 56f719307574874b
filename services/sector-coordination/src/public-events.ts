import {
  type CaseConferenceHeldV1 as CaseConferenceHeld,
  CaseConferenceHeldV1,
  type ChildReleasedByPoliceV1 as ChildReleasedByPolice,
  ChildReleasedByPoliceV1,
  type ExaminationPerformedV1 as ExaminationPerformed,
  ExaminationPerformedV1,
  type VideoInterviewCorrectedV1 as VideoInterviewCorrected,
  VideoInterviewCorrectedV1,
  type VideoInterviewRecordedV1 as VideoInterviewRecorded,
  VideoInterviewRecordedV1,
  type VideoInterviewRequestedV1 as VideoInterviewRequested,
  VideoInterviewRequestedV1,
  type VideoInterviewSiteAssignedV1 as VideoInterviewSiteAssigned,
  VideoInterviewSiteAssignedV1,
  type VideoInterviewV1,
  videoInterviewV1Fields,
} from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import type { PublicEvent } from '@sagsspor/messaging';
import type { CaseConferenceEvent } from './case-conference/case-conference.events';
import type { ExaminationEvent } from './examination/examination.events';
import type { VideoInterview, VideoInterviewEvent } from './video-interview/video-interview.events';
import type { VideoInterviewRequestEvent } from './video-interview-request/video-interview-request.events';

type InternalEvent = VideoInterviewEvent | VideoInterviewRequestEvent | CaseConferenceEvent | ExaminationEvent;

/** The contract's fields of the interview, in its order (the internal event has the same fields: VideoInterview is VideoInterviewV1). */
function interviewV1(i: VideoInterview): VideoInterviewV1 {
  return Object.fromEntries(videoInterviewV1Fields.filter((field) => i[field] !== undefined).map((field) => [field, i[field]])) as VideoInterviewV1;
}

/** Internal events → public integration events, field by field (nothing else leaves the service). */
export function toPublicEvents(event: RecordedEvent): PublicEvent[] {
  const internal = { type: event.type, data: event.data } as InternalEvent;
  const subject = event.streamId;
  switch (internal.type) {
    case 'VideoInterviewRecorded': {
      const data: VideoInterviewRecorded = interviewV1(internal.data);
      return [{ definition: VideoInterviewRecordedV1, data, subject }];
    }
    case 'VideoInterviewCorrected': {
      const data: VideoInterviewCorrected = { ...interviewV1(internal.data), changedFields: [...internal.data.changedFields] };
      return [{ definition: VideoInterviewCorrectedV1, data, subject }];
    }
    case 'ChildReleasedByPolice': {
      const { childRef, policeDistrict, releasedAt, interviewId } = internal.data;
      const data: ChildReleasedByPolice = { childRef, policeDistrict, releasedAt, interviewId };
      return [{ definition: ChildReleasedByPoliceV1, data, subject }];
    }
    case 'VideoInterviewSiteAssigned': {
      const { interviewId, policeDistrict, houseCode, municipalityCode, siteCode } = internal.data;
      const data: VideoInterviewSiteAssigned = { interviewId, policeDistrict, houseCode, municipalityCode, siteCode };
      return [{ definition: VideoInterviewSiteAssignedV1, data, subject }];
    }
    case 'VideoInterviewRequested': {
      const { requestId, policeDistrict, childRef, municipalityCode, houseCode, requestedAt } = internal.data;
      const data: VideoInterviewRequested = { requestId, policeDistrict, childRef, municipalityCode, houseCode, requestedAt };
      return [{ definition: VideoInterviewRequestedV1, data, subject }];
    }
    case 'CaseConferenceHeld': {
      const { conferenceId, caseId, houseCode, kind, heldAt, participants } = internal.data;
      const data: CaseConferenceHeld = { conferenceId, caseId, houseCode, kind, heldAt, participants: participants.map(({ sector, mode }) => ({ sector, mode })) };
      return [{ definition: CaseConferenceHeldV1, data, subject }];
    }
    case 'ExaminationPerformed': {
      const { examinationId, caseId, kind, performedAt } = internal.data;
      const data: ExaminationPerformed = { examinationId, caseId, kind, performedAt };
      return [{ definition: ExaminationPerformedV1, data, subject }];
    }
    default: {
      const unhandled: never = internal;
      throw new Error(`no public mapping for internal event ${(unhandled as { type: string }).type}`);
    }
  }
}
