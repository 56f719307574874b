import { decideAll, foldEvents } from '@sagsspor/domain';
import { coordinationDecider } from './case-conference.decider';
import type { CaseConference, CaseConferenceEvent } from './case-conference.events';
import { conferenceIdsWorkflow } from './conference-ids.workflow';

const caseId = '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77';
const coordinating: CaseConference = {
  conferenceId: 'SR-1',
  caseId,
  houseCode: 'midt',
  kind: 'coordinating',
  heldAt: '2025-03-14',
  participants: [
    { sector: 'municipality', mode: 'attended' },
    { sector: 'boernehus', mode: 'attended' },
  ],
};
const held = (conference: CaseConference): CaseConferenceEvent => ({ type: 'CaseConferenceHeld', data: conference });

/** given(the case's conferences so far).when(the command's new events) → the ids to claim. */
const given = (...past: CaseConferenceEvent[]) => ({
  when: (...newEvents: CaseConferenceEvent[]) => decideAll(conferenceIdsWorkflow, newEvents, foldEvents(coordinationDecider, [...past, ...newEvents])),
});

describe('conference ids workflow', () => {
  it('claims the id of the coordinating conference for its case', () => {
    expect(given().when(held(coordinating))).toEqual([{ type: 'ClaimConferenceId', conferenceId: 'SR-1', caseId }]);
  });

  it('claims the id of each later conference for the same case', () => {
    const followUp = { ...coordinating, conferenceId: 'SR-2', kind: 'follow-up' as const, heldAt: '2025-04-01' };
    expect(given(held(coordinating)).when(held(followUp))).toEqual([{ type: 'ClaimConferenceId', conferenceId: 'SR-2', caseId }]);
  });

  it('claims nothing when the command appended nothing (the same conference again)', () => {
    expect(given(held(coordinating)).when()).toEqual([]);
  });
});
