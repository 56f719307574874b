import { Injectable } from '@nestjs/common';
import type { IntegrationEventHandler } from '@sagsspor/messaging';
import type { IntegrationEventHandlers } from '@sagsspor/platform';
import { activityEventTypes, activityIncrements } from './activity.projection';

/** Applies the activity projection in the consumer's inbox transaction. */
@Injectable()
export class ActivityKafkaController implements IntegrationEventHandlers {
  handlers(): Record<string, IntegrationEventHandler> {
    const apply: IntegrationEventHandler = async (event, { manager }) => {
      for (const { metric, dimension } of activityIncrements(event)) {
        await manager.query(
          `INSERT INTO activity_counts (metric, dimension, count) VALUES ($1, $2, 1)
           ON CONFLICT (metric, dimension) DO UPDATE SET count = activity_counts.count + 1`,
          [metric, dimension],
        );
      }
    };
    return Object.fromEntries(activityEventTypes.map((type) => [type, apply]));
  }
}
