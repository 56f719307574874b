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
 * The consumer registrations in a service module's source: the objects of its `consumers: [...]`,
 * each with a `name` and `topics` written inline (`'cases'`, `[Topics.referralsEvents]`) or as a
 * constant of the same file. What this cannot read is an error, never an empty list.
 */
export function consumerRegistrationsIn(source: string, topicNames: Record<string, string> = Topics): ConsumerRegistration[] {
  const start = source.search(/\bconsumers\s*:\s*\[/);
  if (start === -1) return [];
  const list = bracketed(source, source.indexOf('[', start), '[', ']');
  return topLevelObjects(list).map((registration) => {
    const name = valueOf(source, registration, 'name', /'([^']+)'/);
    const topics = valueOf(source, registration, 'topics', /(\[[^\]]*\])/);
    return {
      name,
      topics: [...topics.matchAll(/Topics\.(\w+)/g)].map(([, key]) => {
        if (!(key in topicNames)) throw new Error(`unknown topic constant Topics.${key}`);
        return topicNames[key];
      }),
    };
  });
}

function bracketed(source: string, open: number, opening: string, closing: string): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === opening) depth++;
    if (source[i] === closing && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error(`unbalanced ${opening} in the consumers list`);
}

function topLevelObjects(list: string): string[] {
  const objects: string[] = [];
  for (let i = list.indexOf('{'); i !== -1; i = list.indexOf('{', i + 1)) {
    const body = bracketed(list, i, '{', '}');
    objects.push(body);
    i += body.length + 1;
  }
  if (objects.length === 0 && list.trim() !== '') throw new Error("consumers are registered in a form the deploy check cannot read: use { name: '...', topics: [Topics.x] }");
  return objects;
}

/** A property written inline (matching `literal`), or as the name of a `const` of the same file that does. */
function valueOf(source: string, registration: string, property: string, literal: RegExp): string {
  const written = new RegExp(`\\b${property}\\s*:\\s*((?:${literal.source})|\\w+)`).exec(registration)?.[1];
  if (written === undefined) throw new Error(`consumers are registered in a form the deploy check cannot read: no ${property} in {${registration}}`);
  if (literal.test(written)) return literal.exec(written)![1];
  const constant = new RegExp(`\\bconst\\s+${written}\\b[^=]*=\\s*${literal.source}`).exec(source);
  if (!constant) throw new Error(`consumers are registered in a form the deploy check cannot read: ${property} ${written} is no constant of the file`);
  return constant[1];
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
