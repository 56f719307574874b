import type { Workflow } from '@sagsspor/domain';
import type { VideoInterviewState } from './video-interview.decider';
import type { VideoInterview, VideoInterviewEvent } from './video-interview.events';

/** A row of the GET tables to keep in step with an interview's event (video-interview.read-model.ts writes it). */
export type VideoInterviewRow =
  /** The interview's current revision (kept only if newer than the one held) and the revision itself, with what it changed. */
  | { type: 'KeepRevision'; interview: VideoInterview; changedFields: string[] }
  /** The police released the child after the interview. */
  | { type: 'KeepRelease'; policeDistrict: string; interviewId: string; releasedAt: string }
  /** The interview was put at a site of its house (ADR 0076). */
  | { type: 'KeepSite'; policeDistrict: string; interviewId: string; siteCode: string };

/** What each video interview event means for the `video_interviews` and `video_interview_revisions` tables. */
export const videoInterviewReadModelWorkflow: Workflow<VideoInterviewState, VideoInterviewEvent, VideoInterviewRow> = {
  decide: (event) => {
    switch (event.type) {
      case 'VideoInterviewRecorded':
        return [{ type: 'KeepRevision', interview: event.data, changedFields: [] }];
      case 'VideoInterviewCorrected': {
        const { changedFields, ...interview } = event.data;
        return [{ type: 'KeepRevision', interview, changedFields }];
      }
      case 'ChildReleasedByPolice':
        return [{ type: 'KeepRelease', policeDistrict: event.data.policeDistrict, interviewId: event.data.interviewId, releasedAt: event.data.releasedAt }];
      case 'VideoInterviewSiteAssigned':
        return [{ type: 'KeepSite', policeDistrict: event.data.policeDistrict, interviewId: event.data.interviewId, siteCode: event.data.siteCode }];
    }
  },
};
