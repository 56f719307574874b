import type { Workflow } from '@sagsspor/domain';
import type { CoordinationState } from './case-conference.decider';
import type { CaseConferenceEvent } from './case-conference.events';

/** A conferenceId taken by a case: conference ids are unique across cases, whose streams are separate. */
export type ConferenceIdClaim = { type: 'ClaimConferenceId'; conferenceId: string; caseId: string };

/** Each conference held claims its id for its case in `conference_ids` (conference-ids.repository.ts). */
export const conferenceIdsWorkflow: Workflow<CoordinationState, CaseConferenceEvent, ConferenceIdClaim> = {
  decide: (event) => {
    switch (event.type) {
      case 'CaseConferenceHeld':
        return [{ type: 'ClaimConferenceId', conferenceId: event.data.conferenceId, caseId: event.data.caseId }];
    }
  },
};
