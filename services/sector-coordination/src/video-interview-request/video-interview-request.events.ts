import type { HouseCode } from '@sagsspor/contracts';

/** The police requested (planned) a video interview: until the child is released, the house may not start its own work. */
export interface VideoInterviewRequestFacts {
  requestId: string;
  policeDistrict: string;
  childRef: string;
  municipalityCode: string;
  houseCode: HouseCode;
  requestedAt: string;
}

export type VideoInterviewRequested = { type: 'VideoInterviewRequested'; data: VideoInterviewRequestFacts };
export type VideoInterviewRequestEvent = VideoInterviewRequested;

export const videoInterviewRequestStreamId = (requestId: string) => `video-interview-request-${requestId}`;
