import { CaseClosedV1, CaseClosureCorrectedV1, CaseOpenedV1, CaseServiceDeliveredV1 } from '@sagsspor/contracts';
import { evolveKnownCase } from './known-cases.projection';

const opened = { type: CaseOpenedV1.type, data: CaseOpenedV1.example };
const closed = { type: CaseClosedV1.type, data: { ...CaseClosedV1.example, closedAt: '2025-06-10', revision: 1 } };
const corrected = { type: CaseClosureCorrectedV1.type, data: { ...CaseClosureCorrectedV1.example, closedAt: '2025-06-09', revision: 2 } };
const fold = (...events: { type: string; data: unknown }[]) => events.reduce(evolveKnownCase, undefined);

const openCase = { caseId: CaseOpenedV1.example.caseId, houseCode: 'midt', municipalityCode: '751', openedAt: '2025-03-12' };

describe('known cases projection', () => {
  it('knows an opened case', () => {
    expect(fold(opened)).toEqual(openCase);
  });

  it('knows a closed case, whichever of opening and closure arrives first', () => {
    const expected = { ...openCase, closedAt: '2025-06-10', closureRevision: 1 };
    expect(fold(opened, closed)).toEqual(expected);
    expect(fold(closed, opened)).toEqual(expected);
  });

  it('keeps the highest closure revision, in any order and after repeats', () => {
    const expected = { ...openCase, closedAt: '2025-06-09', closureRevision: 2 };
    for (const order of [
      [opened, closed, corrected],
      [opened, corrected, closed],
      [corrected, opened, closed],
      [closed, corrected, opened, closed],
      [corrected, corrected, closed],
    ]) {
      expect(fold(...order)).toEqual(expected);
    }
  });

  it('ignores other case events', () => {
    expect(fold({ type: CaseServiceDeliveredV1.type, data: CaseServiceDeliveredV1.example })).toBeUndefined();
    expect(fold(opened, { type: CaseServiceDeliveredV1.type, data: CaseServiceDeliveredV1.example })).toEqual(openCase);
  });
});
