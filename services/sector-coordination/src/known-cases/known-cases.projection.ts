import { CaseClosedV1, CaseClosureCorrectedV1, CaseOpenedV1, type CaseClosedV1 as CaseClosed, type CaseIntakeV1, type IntegrationEvent } from '@sagsspor/contracts';
import type { KnownCase } from './domain/known-case';

export const knownCaseEventTypes = [CaseOpenedV1.type, CaseClosedV1.type, CaseClosureCorrectedV1.type] as const;

const intakeOf = (intake: CaseIntakeV1) => ({ caseId: intake.caseId, houseCode: intake.houseCode, municipalityCode: intake.municipalityCode, openedAt: intake.openedAt });

/**
 * evolve(known case, case-lifecycle event). Order-independent: the opening and the closure each carry
 * the whole intake, so whichever arrives first creates the row; a closure is kept only if its revision
 * is higher than the one already applied, so a late or repeated older closure changes nothing.
 */
export function evolveKnownCase(current: KnownCase | undefined, event: Pick<IntegrationEvent, 'type' | 'data'>): KnownCase | undefined {
  switch (event.type) {
    case CaseOpenedV1.type: {
      const opened = intakeOf(event.data as CaseOpenedV1);
      return current ? { ...current, ...opened } : opened;
    }
    case CaseClosedV1.type:
    case CaseClosureCorrectedV1.type: {
      const closure = event.data as CaseClosed;
      if (current?.closureRevision !== undefined && current.closureRevision >= closure.revision) return current;
      return { ...intakeOf(closure), closedAt: closure.closedAt, closureRevision: closure.revision };
    }
    default:
      return current;
  }
}
