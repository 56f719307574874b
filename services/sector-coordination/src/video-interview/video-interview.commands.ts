import type { VideoInterviewFactsV1 } from '@sagsspor/contracts';
import type { ChildIdentity, SiteOfHouse } from '@sagsspor/domain';

/** From REST or the inbound topic, the same command: the facts of the contract, the CPR already turned into the child's identity. */
export type RecordVideoInterview = { type: 'RecordVideoInterview'; data: VideoInterviewFactsV1 & { child: ChildIdentity } };

export type ReleaseChild = { type: 'ReleaseChild'; data: { interviewId: string; releasedAt: string } };

/**
 * The interview is put at a site of its house (until then it is at the house's main site, ADR 0076).
 * Carries the houses' sites (reference data the command handler looks up, not decided here).
 */
export type AssignSite = { type: 'AssignSite'; data: { interviewId: string; siteCode: string }; sites?: readonly SiteOfHouse[] };

export type VideoInterviewCommand = RecordVideoInterview | ReleaseChild | AssignSite;
