import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { integrationEventCatalog, Topics } from '@sagsspor/contracts';

/** A consumer group registration of a service, as its app.module.ts declares it. */
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
 * The consumer registrations in a service module's source: `{ name: '<name>', topics: [Topics.x, ...] }`.
 * A `consumers:` list this cannot read is an error, not an empty list.
 */
export function consumerRegistrationsIn(source: string, topicNames: Record<string, string> = Topics): ConsumerRegistration[] {
  const registrations = [...source.matchAll(/name:\s*'([^']+)',\s*topics:\s*\[([^\]]*)\]/g)].map(([, name, list]) => ({
    name,
    topics: [...list.matchAll(/Topics\.(\w+)/g)].map(([, key]) => {
      if (!(key in topicNames)) throw new Error(`unknown topic constant Topics.${key}`);
      return topicNames[key];
    }),
  }));
  if (/\bconsumers\s*:/.test(source) && registrations.length === 0) {
    throw new Error("consumers are registered in a form the deploy check cannot read: use { name: '...', topics: [Topics.x] }");
  }
  return registrations;
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
    consumes: Object.fromEntries(services.map((s) => [s, consumerRegistrationsIn(readFileSync(join(workspaceRoot, 'services', s, 'src', 'app.module.ts'), 'utf8'))])),
  };
}
