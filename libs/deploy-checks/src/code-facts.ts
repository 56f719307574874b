import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { integrationEventCatalog, type Subscription, subscriptions, Topics } from '@sagsspor/contracts';

/** A consumer group of a service. */
export interface ConsumerRegistration {
  /** The group is `sagsspor-<service>-<name>`. */
  name: string;
  topics: string[];
}

/** What the deployment must provide for, read from the code. */
export interface CodeFacts {
  services: string[];
  /** Every topic of the contracts: the Topics constants and every catalog event's topic. */
  topics: string[];
  /** Topics a service's relay publishes to: the catalog events whose source is the service. */
  produces: Record<string, string[]>;
  consumes: Record<string, ConsumerRegistration[]>;
}

/**
 * The consumer groups of a service, from the subscriptions table in libs/contracts (each service's
 * service-contract test checks that its registrations match that table).
 */
export function consumerRegistrationsOf(service: string, table: readonly Subscription[] = subscriptions): ConsumerRegistration[] {
  const byConsumer = new Map<string, string[]>();
  for (const s of table.filter((row) => row.service === service)) byConsumer.set(s.consumer, [...(byConsumer.get(s.consumer) ?? []), s.topic]);
  return [...byConsumer].map(([name, topics]) => ({ name, topics }));
}

export function readCodeFacts(workspaceRoot: string): CodeFacts {
  const services = readdirSync(join(workspaceRoot, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const topics = [...new Set([...Object.values(Topics), ...integrationEventCatalog.map((d) => d.topic)])];
  return {
    services,
    topics,
    produces: Object.fromEntries(services.map((s) => [s, [...new Set(integrationEventCatalog.filter((d) => d.source === `/sagsspor/${s}`).map((d) => d.topic))]])),
    consumes: Object.fromEntries(services.map((s) => [s, consumerRegistrationsOf(s)])),
  };
}
