import { CaseOpenedV1, ExaminationPerformedV1, UnderretningReceivedV1 } from '@sagsspor/contracts';
import { activityChanges } from './activity.projection';

const event = (type: string, data: unknown) => ({ id: 'e', type, source: 's', time: '2025-01-01T00:00:00Z', data });
const dimensions = (type: string, data: unknown) => activityChanges(event(type, data)).map((c) => c.key.dimension);

describe('activity projection', () => {
  it('records an underretning once under its own id, overall and by municipality', () => {
    const changes = activityChanges(event(UnderretningReceivedV1.type, UnderretningReceivedV1.example));
    expect(changes).toEqual([
      { table: 'activity_facts', key: { metric: 'underretninger-received', item_id: '751:AAR-2025-000123', dimension: 'total' }, set: {} },
      { table: 'activity_facts', key: { metric: 'underretninger-received', item_id: '751:AAR-2025-000123', dimension: 'municipality:751' }, set: {} },
    ]);
  });
  it('records an opened case overall, by house and by municipality', () => {
    expect(dimensions(CaseOpenedV1.type, CaseOpenedV1.example)).toEqual(['total', 'house:midt', 'municipality:751']);
  });
  it('records an examination by kind', () => {
    expect(dimensions(ExaminationPerformedV1.type, ExaminationPerformedV1.example)).toEqual(['total', 'kind:paediatric']);
  });
  it('ignores events it does not count', () => {
    expect(activityChanges(event('dk.sagsspor.other.v1', {}))).toEqual([]);
  });
});
