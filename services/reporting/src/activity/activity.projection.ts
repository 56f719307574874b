import { CaseOpenedV1, type CaseOpenedV1 as CaseOpened, ExaminationPerformedV1, type ExaminationPerformedV1 as ExaminationPerformed, type IntegrationEvent, UnderretningReceivedV1, type UnderretningReceivedV1 as UnderretningReceived } from '@sagsspor/contracts';

/** One counter to add 1 to: `metric` counted by `dimension` ('total' for the overall count). */
export interface ActivityIncrement {
  metric: 'underretninger-received' | 'cases-opened' | 'examinations-performed';
  dimension: string;
}

/**
 * The activity read model: how many underretninger, opened cases and examinations, overall and by
 * municipality, house or kind. Counting is commutative, so any arrival order gives the same result.
 */
export function activityIncrements(event: IntegrationEvent): ActivityIncrement[] {
  switch (event.type) {
    case UnderretningReceivedV1.type: {
      const d = event.data as UnderretningReceived;
      return [
        { metric: 'underretninger-received', dimension: 'total' },
        { metric: 'underretninger-received', dimension: `municipality:${d.municipalityCode}` },
      ];
    }
    case CaseOpenedV1.type: {
      const d = event.data as CaseOpened;
      return [
        { metric: 'cases-opened', dimension: 'total' },
        { metric: 'cases-opened', dimension: `house:${d.houseCode}` },
        { metric: 'cases-opened', dimension: `municipality:${d.municipalityCode}` },
      ];
    }
    case ExaminationPerformedV1.type: {
      const d = event.data as ExaminationPerformed;
      return [
        { metric: 'examinations-performed', dimension: 'total' },
        { metric: 'examinations-performed', dimension: `kind:${d.kind}` },
      ];
    }
    default:
      return [];
  }
}

export const activityEventTypes = [UnderretningReceivedV1.type, CaseOpenedV1.type, ExaminationPerformedV1.type];
