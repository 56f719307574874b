import { deciderSpec } from '@sagsspor/event-store';
import type { UnderretningEvent } from './underretning.events';
import { underretningDecider } from './underretning.decider';

const received: UnderretningEvent['data'] = {
  underretningId: 'U-1',
  municipalityCode: '751',
  childRef: 'a'.repeat(64),
  childBirthDate: '2016-04-02',
  childSex: 'female',
  receivedAt: '2025-05-30',
  concerns: ['violence'],
  source: 'school',
};
const spec = deciderSpec(underretningDecider, new Date('2025-06-02T10:00:00Z'));

describe('underretning decider', () => {
  describe('when none was received', () => {
    it('receives it', () => spec.given().when({ type: 'ReceiveUnderretning', data: received }).then({ type: 'UnderretningReceived', data: received }));
    it('refuses a date in the future', () =>
      spec.given().when({ type: 'ReceiveUnderretning', data: { ...received, receivedAt: '2025-06-03' } }).thenFails('UNDERRETNING.RECEIVED_IN_FUTURE'));
    it('refuses a child of 18', () =>
      spec.given().when({ type: 'ReceiveUnderretning', data: { ...received, childBirthDate: '2007-05-29' } }).thenFails('UNDERRETNING.NOT_A_CHILD', /0-17/));
    it('refuses a child not yet born', () =>
      spec.given().when({ type: 'ReceiveUnderretning', data: { ...received, childBirthDate: '2025-05-31' } }).thenFails('UNDERRETNING.NOT_A_CHILD'));
    it('accepts a child of 17', () =>
      spec.given().when({ type: 'ReceiveUnderretning', data: { ...received, childBirthDate: '2007-05-31' } }).then({ type: 'UnderretningReceived', data: { ...received, childBirthDate: '2007-05-31' } }));
  });

  describe('when it was received', () => {
    it('does nothing for the same underretning again', () => spec.given({ type: 'UnderretningReceived', data: received }).when({ type: 'ReceiveUnderretning', data: received }).thenNothingHappens());
    it('refuses other content under the same id', () =>
      spec.given({ type: 'UnderretningReceived', data: received }).when({ type: 'ReceiveUnderretning', data: { ...received, concerns: ['sexual'] } }).thenFails('UNDERRETNING.ID_IN_USE'));
  });
});
