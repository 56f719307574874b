import type { ChildIdentity } from '@sagsspor/domain';
import type { HouseCode } from '@sagsspor/contracts';

export type RequestVideoInterview = {
  type: 'RequestVideoInterview';
  data: { requestId: string; policeDistrict: string; child: ChildIdentity; municipalityCode: string; houseCode: HouseCode; requestedAt: string };
};

export type VideoInterviewRequestCommand = RequestVideoInterview;
