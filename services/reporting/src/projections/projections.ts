import { inLatestVersion, type IntegrationEvent, withOlderVersions } from '@sagsspor/contracts';
import { activityChanges, activityEventTypes, activityTables } from '../activity/activity.projection';
import { settlementsChanges, settlementsEventTypes, settlementsTables } from '../money/settlements.projection';
import { reasonsChanges, reasonsEventTypes, reasonsTables } from '../reasons/reasons.projection';
import { factsChanges, factsEventTypes } from './facts.projection';
import { factsTables } from './domain/facts.tables';
import type { TableDefinition } from './domain/projection-tables';
import type { RowUpsert } from './domain/row-change';

/** A projection: its tables (built side by side per generation) and the row changes each event makes. */
export interface ProjectionDefinition {
  name: ProjectionName;
  tables: readonly TableDefinition[];
  eventTypes: readonly string[];
  changes: (event: IntegrationEvent) => RowUpsert[];
}

export const projectionNames = ['facts', 'activity', 'settlements', 'reasons'] as const;
export type ProjectionName = (typeof projectionNames)[number];

/**
 * A projection is written against the latest version of each event; it reads every older version
 * too, as the latest (ADR 0013): the topics keep old versions forever, live and in a rebuild.
 */
const readingEveryVersion = (p: ProjectionDefinition): ProjectionDefinition => ({ ...p, eventTypes: withOlderVersions(p.eventTypes), changes: (event) => p.changes(inLatestVersion(event)) });

const writtenForTheLatestVersions: readonly ProjectionDefinition[] = [
  { name: 'facts', tables: factsTables, eventTypes: factsEventTypes, changes: factsChanges },
  { name: 'activity', tables: activityTables, eventTypes: activityEventTypes, changes: activityChanges },
  { name: 'settlements', tables: settlementsTables, eventTypes: settlementsEventTypes, changes: settlementsChanges },
  { name: 'reasons', tables: reasonsTables, eventTypes: reasonsEventTypes, changes: reasonsChanges },
];

export const projections: readonly ProjectionDefinition[] = writtenForTheLatestVersions.map(readingEveryVersion);

export function projectionNamed(name: string): ProjectionDefinition | undefined {
  return projections.find((p) => p.name === name);
}

/** The schema that holds one generation of a projection's tables. */
export function generationSchema(name: ProjectionName, generation: number): string {
  return `rm_${name}_g${generation}`;
}
