import type { HouseCode } from '@sagsspor/contracts';
import type { ChildIdentity } from '@sagsspor/domain';

/** From REST or the inbound topic, the same command: the CPR already turned into the child's identity. */
export type RecordVideoInterview = {
  type: 'RecordVideoInterview';
  data: {
    interviewId: string;
    policeDistrict: string;
    child: ChildIdentity;
    municipalityCode: string;
    houseCode: HouseCode;
    conductedAt: string;
    reportedToPoliceAt?: string;
    requestedAt?: string;
    reinterview: boolean;
  };
};

export type ReleaseChild = { type: 'ReleaseChild'; data: { interviewId: string; releasedAt: string } };

export type VideoInterviewCommand = RecordVideoInterview | ReleaseChild;
