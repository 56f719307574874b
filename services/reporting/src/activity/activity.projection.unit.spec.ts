import { CaseOpenedV1, ExaminationPerformedV1, UnderretningReceivedV1 } from '@sagsspor/contracts';
import { activityIncrements } from './activity.projection';

const event = (type: string, data: unknown) => ({ id: 'e', type, source: 's', time: '2025-01-01T00:00:00Z', data });

describe('activity projection', () => {
  it('counts an underretning overall and by municipality', () => {
    expect(activityIncrements(event(UnderretningReceivedV1.type, UnderretningReceivedV1.example))).toEqual([
      { metric: 'underretninger-received', dimension: 'total' },
      { metric: 'underretninger-received', dimension: 'municipality:751' },
    ]);
  });
  it('counts an opened case overall, by house and by municipality', () => {
    expect(activityIncrements(event(CaseOpenedV1.type, CaseOpenedV1.example)).map((i) => i.dimension)).toEqual(['total', 'house:midt', 'municipality:751']);
  });
  it('counts an examination by kind', () => {
    expect(activityIncrements(event(ExaminationPerformedV1.type, ExaminationPerformedV1.example))).toContainEqual({ metric: 'examinations-performed', dimension: 'kind:paediatric' });
  });
  it('ignores events it does not count', () => {
    expect(activityIncrements(event('dk.sagsspor.other.v1', {}))).toEqual([]);
  });
});
