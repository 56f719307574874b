import type { VideoInterviewFactsV1 } from '@sagsspor/contracts';
import type { ChildIdentity } from '@sagsspor/domain';

/** From REST or the inbound topic, the same command: the facts of the contract, the CPR already turned into the child's identity. */
export type RecordVideoInterview = { type: 'RecordVideoInterview'; data: VideoInterviewFactsV1 & { child: ChildIdentity } };

export type ReleaseChild = { type: 'ReleaseChild'; data: { interviewId: string; releasedAt: string } };

export type VideoInterviewCommand = RecordVideoInterview | ReleaseChild;
