import type { KnownCase } from '../known-cases/domain/known-case';
import type { CaseConference } from './case-conference.events';

export type HoldCaseConference = {
  type: 'HoldCaseConference';
  data: {
    conference: Omit<CaseConference, 'houseCode'>;
    /** The case as known from case-lifecycle; undefined when not (yet) known. */
    knownCase: KnownCase | undefined;
    /** The case that already uses this conferenceId, if any (conference ids are unique across cases). */
    conferenceIdUsedInCase: string | undefined;
  };
};

export type CaseConferenceCommand = HoldCaseConference;
