import { ExaminationPerformedV1, type ExaminationPerformedV1 as ExaminationPerformed } from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import type { PublicEvent } from '@sagsspor/messaging';
import type { ExaminationEvent } from './examination/examination.events';

/** Internal events → public integration events, field by field. */
export function toPublicEvents(event: RecordedEvent): PublicEvent[] {
  const internal = { type: event.type, data: event.data } as ExaminationEvent;
  switch (internal.type) {
    case 'ExaminationPerformed': {
      const { examinationId, caseId, kind, performedAt } = internal.data;
      const data: ExaminationPerformed = { examinationId, caseId, kind, performedAt };
      return [{ definition: ExaminationPerformedV1, data, subject: event.streamId }];
    }
    default:
      return [];
  }
}
