import { CaseOpenedV1, type CaseOpenedV1 as CaseOpened } from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import type { PublicEvent } from '@sagsspor/messaging';
import type { CaseEvent } from './case/case.events';

/** Internal case events → public integration events, field by field. */
export function toPublicEvents(event: RecordedEvent): PublicEvent[] {
  const internal = { type: event.type, data: event.data } as CaseEvent;
  switch (internal.type) {
    case 'CaseOpened': {
      const d = internal.data;
      const data: CaseOpened = {
        caseId: d.caseId,
        referralId: d.referralId,
        childRef: d.childRef,
        childSex: d.childSex,
        childAgeYears: d.childAgeYears,
        municipalityCode: d.municipalityCode,
        houseCode: d.houseCode,
        referredAt: d.referredAt,
        municipalityAwareAt: d.municipalityAwareAt,
        openedAt: d.openedAt,
        abuseTypes: d.abuseTypes,
        caseKind: d.caseKind,
      };
      return [{ definition: CaseOpenedV1, data, subject: event.streamId }];
    }
    default:
      return [];
  }
}
