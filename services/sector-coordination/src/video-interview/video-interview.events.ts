import type { ChildSex, HouseCode } from '@sagsspor/contracts';

/** The police's target: the interview within 7 days of the police report (domain.md, videoafhøring). */
export const INTERVIEW_TARGET_DAYS = 7;

/** A video interview as the police system last described it, with what follows from it. No CPR. */
export interface VideoInterviewContent {
  interviewId: string;
  policeDistrict: string;
  childRef: string;
  childSex: ChildSex;
  /** Age in whole years on conductedAt. */
  childAgeYears: number;
  municipalityCode: string;
  houseCode: HouseCode;
  conductedAt: string;
  reportedToPoliceAt?: string;
  requestedAt?: string;
  reinterview: boolean;
  /** Calendar days from reportedToPoliceAt to conductedAt, when the report date is known. */
  daysFromReport?: number;
  /** Held more than INTERVIEW_TARGET_DAYS after the police report. */
  lateAgainstTarget: boolean;
}

export type VideoInterview = VideoInterviewContent & { revision: number };

export type VideoInterviewRecorded = { type: 'VideoInterviewRecorded'; data: VideoInterview };
/** The whole interview again, with the next revision and the fields that changed. */
export type VideoInterviewCorrected = { type: 'VideoInterviewCorrected'; data: VideoInterview & { changedFields: string[] } };
export type ChildReleasedByPolice = { type: 'ChildReleasedByPolice'; data: { interviewId: string; childRef: string; policeDistrict: string; releasedAt: string } };

export type VideoInterviewEvent = VideoInterviewRecorded | VideoInterviewCorrected | ChildReleasedByPolice;

/** One stream per interview, named by the police system's interviewId. */
export const videoInterviewStreamId = (interviewId: string) => `video-interview-${interviewId}`;
