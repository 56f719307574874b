import type { ConferenceKind, HouseCode, ParticipationMode, Sector } from '@sagsspor/contracts';

export interface ConferenceParticipant {
  sector: Sector;
  mode: ParticipationMode;
}

export interface CaseConference {
  conferenceId: string;
  caseId: string;
  houseCode: HouseCode;
  kind: ConferenceKind;
  heldAt: string;
  /** One per sector, in the order of `sectors` (vocabulary), so the same conference compares equal. */
  participants: ConferenceParticipant[];
}

export type CaseConferenceHeld = { type: 'CaseConferenceHeld'; data: CaseConference };
export type CaseConferenceEvent = CaseConferenceHeld;

/** The conferences of one case live in one stream: the rules are about their order. */
export const coordinationStreamId = (caseId: string) => `coordination-${caseId}`;
