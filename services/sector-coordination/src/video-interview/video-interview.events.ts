import type { VideoInterviewV1 } from '@sagsspor/contracts';
import { tenantScopedStreamId } from '@sagsspor/domain';

/** The police's target: the interview within 7 days of the police report (domain.md, videoafhøring). */
export const INTERVIEW_TARGET_DAYS = 7;

/**
 * A video interview as the police system last described it, with what follows from it (childAgeYears
 * on conductedAt, daysFromReport, lateAgainstTarget: more than INTERVIEW_TARGET_DAYS after the report).
 * No CPR. The fields are the published contract's (VideoInterviewV1), so a fact added to the
 * contract's videoInterviewFacts is recorded, kept and published without another list to extend.
 */
export type VideoInterview = VideoInterviewV1;
export type VideoInterviewContent = Omit<VideoInterview, 'revision'>;

export type VideoInterviewRecorded = { type: 'VideoInterviewRecorded'; data: VideoInterview };
/** The whole interview again, with the next revision and the fields that changed. */
export type VideoInterviewCorrected = { type: 'VideoInterviewCorrected'; data: VideoInterview & { changedFields: string[] } };
export type ChildReleasedByPolice = { type: 'ChildReleasedByPolice'; data: { interviewId: string; childRef: string; policeDistrict: string; releasedAt: string } };

/** The interview was put at a site of its house (ADR 0076): the latest is where it is while its house is this one. */
export type VideoInterviewSiteAssigned = { type: 'VideoInterviewSiteAssigned'; data: Pick<VideoInterview, 'interviewId' | 'policeDistrict' | 'houseCode' | 'municipalityCode'> & { siteCode: string } };

export type VideoInterviewEvent = VideoInterviewRecorded | VideoInterviewCorrected | ChildReleasedByPolice | VideoInterviewSiteAssigned;

export const VIDEO_INTERVIEW_STREAM_PREFIX = 'video-interview-';
/**
 * One stream per interview, named by its police district and the police system's interviewId: an
 * interview id is unique within its district only (ADR 0095), so the district is part of the
 * interview's identity and a message naming another district is another interview.
 */
export const videoInterviewStreamId = (policeDistrict: string, interviewId: string) => tenantScopedStreamId(VIDEO_INTERVIEW_STREAM_PREFIX, policeDistrict, interviewId);
