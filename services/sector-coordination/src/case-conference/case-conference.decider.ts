import { copenhagenDate } from '@sagsspor/calendar';
import { sectors } from '@sagsspor/contracts';
import { type Decider, DomainError, fingerprintOf } from '@sagsspor/domain';
import { assertWithinCasePeriod, caseUnknown } from '../known-cases/domain/known-case';
import type { CaseConferenceCommand } from './case-conference.commands';
import type { CaseConference, CaseConferenceEvent, ConferenceParticipant } from './case-conference.events';

/**
 * The coordination of one case (sagssamråd): a coordinating conference opens it, follow-up
 * conferences come after, a concluding one ends it.
 */
export type CoordinationState =
  | { status: 'not-opened' }
  | { status: 'opened' | 'concluded'; coordinatingHeldAt: string; latestHeldAt: string; conferences: Record<string, CaseConference> };

/** The børnehus holds the conference, so it takes part in it: in person or by phone. */
const presentModes = new Set(['attended', 'phone']);

const inSectorOrder = (participants: ConferenceParticipant[]) =>
  [...participants].sort((a, b) => sectors.indexOf(a.sector) - sectors.indexOf(b.sector)).map(({ sector, mode }) => ({ sector, mode }));

function assertParticipants(participants: ConferenceParticipant[]): void {
  if (participants.length === 0) throw new DomainError('CONFERENCE.NO_PARTICIPANTS', 'a conference has at least one participant: the børnehus', 'invalid');
  const twice = participants.map((p) => p.sector).filter((sector, i, all) => all.indexOf(sector) !== i);
  if (twice.length > 0) {
    throw new DomainError('CONFERENCE.SECTOR_LISTED_TWICE', `each sector takes part once; listed more than once: ${[...new Set(twice)].join(', ')}`, 'invalid');
  }
  const house = participants.find((p) => p.sector === 'boernehus');
  if (!house || !presentModes.has(house.mode)) {
    throw new DomainError('CONFERENCE.BOERNEHUS_NOT_PRESENT', 'the børnehus holds the conference: list sector boernehus with mode attended or phone', 'invalid');
  }
}

export const coordinationDecider: Decider<CoordinationState, CaseConferenceCommand, CaseConferenceEvent> = {
  initialState: () => ({ status: 'not-opened' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'CaseConferenceHeld': {
        const c = event.data;
        if (state.status === 'not-opened') {
          return { status: 'opened', coordinatingHeldAt: c.heldAt, latestHeldAt: c.heldAt, conferences: { [c.conferenceId]: c } };
        }
        return {
          status: c.kind === 'concluding' ? 'concluded' : state.status,
          coordinatingHeldAt: state.coordinatingHeldAt,
          latestHeldAt: c.heldAt > state.latestHeldAt ? c.heldAt : state.latestHeldAt,
          conferences: { ...state.conferences, [c.conferenceId]: c },
        };
      }
    }
  },
  decide: (command, state, { now }) => {
    switch (command.type) {
      case 'HoldCaseConference': {
        const { knownCase, conferenceIdUsedInCase } = command.data;
        const { conferenceId, caseId, heldAt, kind } = command.data.conference;
        if (!knownCase) throw caseUnknown(caseId);
        if (conferenceIdUsedInCase !== undefined && conferenceIdUsedInCase !== caseId) {
          throw new DomainError('CONFERENCE.ID_IN_USE', `conferenceId ${conferenceId} is already used for a conference in another case`);
        }
        const conference: CaseConference = {
          conferenceId,
          caseId,
          houseCode: knownCase.houseCode,
          kind,
          heldAt,
          participants: inSectorOrder(command.data.conference.participants),
        };
        const earlier = state.status === 'not-opened' ? undefined : state.conferences[conferenceId];
        if (earlier) {
          // Compared key-order-free: events come back from jsonb with their keys reordered.
          if (fingerprintOf(earlier) === fingerprintOf(conference)) return [];
          throw new DomainError('CONFERENCE.ID_IN_USE', `conference ${conferenceId} was already recorded with other content`);
        }
        if (heldAt > copenhagenDate(now)) throw new DomainError('CONFERENCE.HELD_IN_FUTURE', `heldAt ${heldAt} is in the future`, 'invalid');
        assertWithinCasePeriod(heldAt, knownCase, 'CONFERENCE', 'heldAt');
        assertParticipants(conference.participants);
        if (state.status === 'not-opened') {
          if (kind !== 'coordinating') {
            throw new DomainError('CONFERENCE.COORDINATION_NOT_OPENED', `a ${kind} conference needs the coordinating conference that opens the case's coordination: record that one first`);
          }
          return [{ type: 'CaseConferenceHeld', data: conference }];
        }
        if (state.status === 'concluded') {
          throw new DomainError('CONFERENCE.COORDINATION_CONCLUDED', `the case's coordination was ended by a concluding conference: no conference can follow it`);
        }
        switch (kind) {
          case 'coordinating':
            throw new DomainError('CONFERENCE.COORDINATION_ALREADY_OPENED', `the case's coordinating conference was held on ${state.coordinatingHeldAt}: record this one as follow-up`);
          case 'follow-up':
            if (heldAt < state.coordinatingHeldAt) {
              throw new DomainError('CONFERENCE.BEFORE_COORDINATING', `a follow-up conference cannot be held (${heldAt}) before the coordinating one (${state.coordinatingHeldAt})`, 'invalid');
            }
            return [{ type: 'CaseConferenceHeld', data: conference }];
          case 'concluding':
            if (heldAt < state.latestHeldAt) {
              throw new DomainError('CONFERENCE.CONCLUDING_BEFORE_LATEST', `the concluding conference cannot be held (${heldAt}) before the latest conference of the case (${state.latestHeldAt})`, 'invalid');
            }
            return [{ type: 'CaseConferenceHeld', data: conference }];
          default: {
            const unhandled: never = kind;
            throw new Error(`unhandled conference kind ${unhandled}`);
          }
        }
      }
      default: {
        const unhandled: never = command.type;
        throw new Error(`unhandled command ${unhandled}`);
      }
    }
  },
};
