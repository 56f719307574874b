import { Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '@sagsspor/contracts';
import type { IntegrationEventBatchHandler, IntegrationEventHandler } from '@sagsspor/messaging';
import type { IntegrationEventHandlers } from '@sagsspor/platform';
import { applyChanges, applyChangesInBulk, liveGenerations, PROJECTION_SWAP_LOCK, type Queryable } from './projection-store';
import { projections } from './projections';

/** Applies every projection's row changes for one event into the given schemas. */
export async function applyEvent(q: Queryable, event: IntegrationEvent, schemaOf: (projection: string) => string | undefined): Promise<void> {
  for (const projection of projections) {
    const schema = schemaOf(projection.name);
    const changes = projection.changes(event);
    if (schema && changes.length > 0) await applyChanges(q, schema, changes);
  }
}

export const projectedEventTypes = [...new Set(projections.flatMap((p) => p.eventTypes))];

/**
 * The live consumer: applies the events to the live generation of every projection, in the inbox
 * transaction. A batch of events is applied as the rebuild applies it: each projection's row
 * changes in as few multi-row upserts as their shapes allow.
 */
@Injectable()
export class ProjectionsKafkaController implements IntegrationEventHandlers {
  handlers(): Record<string, IntegrationEventHandler> {
    const apply: IntegrationEventHandler = async (event, { manager }) => {
      await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [PROJECTION_SWAP_LOCK]);
      const live = await liveGenerations(manager);
      await applyEvent(manager, event, (name) => live[name as keyof typeof live]?.schema);
    };
    return Object.fromEntries(projectedEventTypes.map((type) => [type, apply]));
  }

  batchHandler(): IntegrationEventBatchHandler {
    return async (events, { manager }) => {
      if (events.length === 0) return;
      await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [PROJECTION_SWAP_LOCK]);
      const live = await liveGenerations(manager);
      for (const projection of projections) {
        const schema = live[projection.name]?.schema;
        if (schema) await applyChangesInBulk(manager, schema, events.flatMap((event) => projection.changes(event)));
      }
    };
  }
}
